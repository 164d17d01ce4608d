// 分拨队列: events waiting for a dispatcher's decision (reported, filed, returned, reopened), most urgent
// first as the API orders them.
import { useSession } from '../../session/use-session';
import { canUseEventScreen } from '../../session/permissions';
import { NoAccess } from '../../ui/no-access';
import { EventList } from './event-list';

export function DispatchQueuePage() {
  const user = useSession()!.user;
  if (!canUseEventScreen(user.role, 'dispatch')) return <NoAccess title="分拨队列" who="只有分拨员和督办员" />;
  return (
    <EventList
      title="分拨队列"
      label="分拨队列"
      queue="dispatch"
      filters={['level', 'category', 'gridCode', 'overdue']}
      intro="待立案、待派遣、被退回和重新办理的事件，按紧急程度和时限排列。点击一行查看详情并办理。"
      emptyText="分拨队列中没有待办事件"
    />
  );
}
