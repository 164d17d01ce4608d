// The small labels that recur on every event screen. Each one says its meaning in text; the colour only
// repeats it (WCAG 1.4.1). antd's own status tags draw 12 px text on tinted backgrounds at about 4.3:1, so
// these use their own darker shades (styles.css, .tone-*), all at 7:1 or more.
import { ClockCircleOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { EventStatus } from '../../api/events';

type TagColor = 'success' | 'processing' | 'warning' | 'error' | 'default';

function toneClass(color: TagColor): string {
  return `event-tag tone-${color}`;
}

/** Colour by what the status asks of staff: waiting for a decision, being worked on, finished. */
const STATUS_COLORS: Record<EventStatus, TagColor> = {
  reported: 'warning',
  filed: 'warning',
  returned: 'warning',
  reopened: 'warning',
  dispatched: 'processing',
  in_progress: 'processing',
  resolved: 'processing',
  closed: 'success',
  rejected: 'default',
  merged: 'default',
};

export function StatusTag(props: { status: EventStatus; statusName: string; id?: string }) {
  return (
    <Tag id={props.id} className={toneClass(STATUS_COLORS[props.status] ?? 'default')}>
      {props.statusName}
    </Tag>
  );
}

const LEVEL_COLORS: Record<number, TagColor> = { 1: 'error', 2: 'warning', 3: 'processing' };

export function LevelTag({ level, levelName }: { level: number; levelName: string }) {
  return <Tag className={toneClass(LEVEL_COLORS[level] ?? 'default')}>{levelName}</Tag>;
}

export function OverdueTag() {
  return (
    <Tag className={toneClass('error')} icon={<ClockCircleOutlined aria-hidden />}>
      已超时
    </Tag>
  );
}

export function EvidenceTag({ verified }: { verified: boolean }) {
  return verified ? (
    <Tag className={toneClass('success')} icon={<SafetyCertificateOutlined aria-hidden />}>
      留痕校验通过
    </Tag>
  ) : (
    <Tag className={toneClass('error')} icon={<WarningOutlined aria-hidden />}>
      留痕校验失败
    </Tag>
  );
}
