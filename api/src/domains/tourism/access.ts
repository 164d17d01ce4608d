// Who may do what with island tourist services, as a table (the apps draw their screens from the same roles).
import type { Actor, StaffActor } from '../../actor';
import type { StaffRole } from '../grid';

export type TourismAction = 'edit_places' | 'list_places' | 'help_board' | 'list_complaints';

export const TOURISM_PERMISSIONS: Record<TourismAction, readonly StaffRole[]> = {
  list_places: ['dispatcher', 'supervisor', 'admin', 'handler'],
  edit_places: ['dispatcher', 'supervisor', 'admin'],
  // The on-duty room's handlers watch the board; dispatchers and supervisors oversee every island in scope.
  help_board: ['dispatcher', 'supervisor', 'admin', 'handler'],
  list_complaints: ['dispatcher', 'supervisor', 'admin', 'handler'],
};

export function mayTourism(actor: Actor, action: TourismAction): actor is StaffActor {
  return actor.kind === 'staff' && TOURISM_PERMISSIONS[action].includes(actor.role);
}
