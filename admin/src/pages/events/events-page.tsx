// 全部事件: every event in the caller's scope, whatever its state, paged by the server.
import { EventList } from './event-list';

export function EventsPage() {
  return (
    <EventList
      title="全部事件"
      label="事件列表"
      filters={['status', 'level', 'category', 'gridCode', 'overdue']}
      emptyText="没有符合条件的事件"
    />
  );
}
