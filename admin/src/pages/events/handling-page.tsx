// 处置工作台: the handler's unit's events that are dispatched or in progress; 接单 and 处置完成 are on
// each event's detail page, where the server says which of them applies.
import { useSession } from '../../session/use-session';
import { canUseEventScreen } from '../../session/permissions';
import { NoAccess } from '../../ui/no-access';
import { EventList } from './event-list';

export function HandlingPage() {
  const user = useSession()!.user;
  if (!canUseEventScreen(user.role, 'handling')) return <NoAccess title="处置工作台" who="只有处置人员" />;
  return (
    <EventList
      title="处置工作台"
      label="处置事件列表"
      queue="handling"
      filters={['level', 'category', 'overdue']}
      intro="派遣给本单位、待接单或处置中的事件。点击一行查看详情，接单或提交处置结果。"
      emptyText="本单位暂无待处置事件"
    />
  );
}
