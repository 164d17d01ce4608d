// Route guard: without a staff session every admin page sends the visitor to the login page, and back
// again afterwards. It also catches a session that the data provider ended because renewal failed.
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from './use-session';

export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}
