// The labels of the 精准推送 screens. Each says its meaning in words; the colour only repeats it (WCAG 1.4.1),
// in the event tags' dark-on-tint shades (styles.css, .tone-*, 7:1 or more).
import { ThunderboltOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { DeliveryState, RuleStatus, Urgency } from '../../api/notices';
import { ToneTag } from '../residence/residence-tags';
import { statusName } from './labels';
import './notices.css';

const STATUS_TONES = { draft: 'default', active: 'success', paused: 'warning', ended: 'default' } as const;

export function RuleStatusTag({ status }: { status: RuleStatus }) {
  return <ToneTag tone={STATUS_TONES[status] ?? 'default'}>{statusName(status)}</ToneTag>;
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  return urgency === 'urgent' ? (
    <Tag className="event-tag tone-error" icon={<ThunderboltOutlined aria-hidden />}>
      紧急
    </Tag>
  ) : (
    <Tag className="event-tag tone-default">普通</Tag>
  );
}

const STATE_TONES = {
  pending: 'processing',
  held: 'warning',
  capped: 'warning',
  sent: 'success',
  failed: 'error',
  expired: 'default',
} as const;

/** The server's name for the state (stateName), toned by its code. */
export function DeliveryStateTag({ state, stateName }: { state: DeliveryState; stateName: string }) {
  return <ToneTag tone={STATE_TONES[state] ?? 'default'}>{stateName || state}</ToneTag>;
}
