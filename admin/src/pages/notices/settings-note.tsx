// The limits every targeted notice is held to (GET /notices/facts → settings), in one sentence.
import type { NoticeSettings } from '../../api/notices';

export function SettingsNote({ settings }: { settings: NoticeSettings | undefined }) {
  if (!settings) return null;
  const { capPerDay, capPerWeek, quietHours, timezone } = settings;
  return (
    <p className="page-intro">
      频次上限：每人每天最多 {capPerDay} 条、每周最多 {capPerWeek} 条精准推送；免打扰时段 {quietHours?.from}–{quietHours?.to}
      {timezone ? `（${timezone === 'Asia/Shanghai' ? '北京时间' : timezone}）` : ''}
      ，其间的微信推送顺延到时段结束。超出上限的通知顺延发送；紧急通知不受这些限制。
    </p>
  );
}
