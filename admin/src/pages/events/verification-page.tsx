// 核查: events a unit has resolved, waiting for a grid worker or dispatcher to confirm on the ground.
import { useSession } from '../../session/use-session';
import { canUseEventScreen } from '../../session/permissions';
import { NoAccess } from '../../ui/no-access';
import { EventList } from './event-list';

export function VerificationPage() {
  const user = useSession()!.user;
  if (!canUseEventScreen(user.role, 'verification')) {
    return <NoAccess title="核查" who="只有网格员、分拨员和督办员" />;
  }
  return (
    <EventList
      title="核查"
      label="待核查事件列表"
      queue="verification"
      filters={['level', 'category', 'gridCode', 'overdue']}
      intro="责任单位已处置、等待现场核查的事件。点击一行查看处置照片并核查。"
      emptyText="暂无待核查事件"
    />
  );
}
