// 处理记录: every step the event went through, oldest first as the API sends it, with who did it (by role:
// names of staff are not part of the contract), what they wrote and the photos they added.
import { Timeline } from 'antd';
import type { TimelineEntry } from '../../api/events';
import { formatDateTime } from '../../ui/format';
import { PhotoStrip } from './event-photos';

const ACTION_COLORS: Record<string, string> = { reject: 'gray', return: 'red', resolve: 'green', verify: 'green' };

export function EventTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section aria-label="事件时间线" className="detail-section">
      <h2 className="section-title">处理记录</h2>
      {entries.length === 0 ? (
        <p>暂无处理记录。</p>
      ) : (
        <Timeline
          className="event-timeline"
          items={entries.map((entry) => ({
            key: entry.seq,
            color: ACTION_COLORS[entry.action] ?? 'blue',
            content: (
              <div className="timeline-entry">
                <div>
                  <strong>{entry.actionName}</strong>
                  <span className="timeline-meta">
                    {/* Steps the system takes by itself (auto-dispatch, deadline checks) have no role. */}
                    {entry.actorRoleName ?? '系统'} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </span>
                </div>
                {entry.note ? <p className="timeline-note">{entry.note}</p> : null}
                <PhotoStrip photos={entry.photos} label={`${entry.actionName}照片`} />
              </div>
            ),
          }))}
        />
      )}
    </section>
  );
}
