// The labels of the 居住申报 screens. Each says its meaning in words; the colour only repeats it (WCAG
// 1.4.1), in the same dark-on-tint shades as the event tags (styles.css, .tone-*, 7:1 or more).
import { FlagOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { DeclarationStatus, HouseColour, Risk, TaskStatus } from '../../api/residence';
import './residence.css';

type Tone = 'success' | 'processing' | 'warning' | 'error' | 'default';

const toneClass = (tone: Tone) => `event-tag tone-${tone}`;

const COLOUR_TONES: Record<HouseColour, Tone> = { red: 'error', yellow: 'warning', green: 'success', none: 'default' };

/** A house's colour class: a swatch of the colour itself and the server's name for it ("红（有未申报人员）"). */
export function ColourTag({ colour, colourName }: { colour: HouseColour; colourName: string }) {
  return (
    <Tag className={toneClass(COLOUR_TONES[colour] ?? 'default')}>
      <span className={`colour-dot colour-${colour}`} aria-hidden />
      {colourName}
    </Tag>
  );
}

export function FlaggedTag() {
  return (
    <Tag className={toneClass('warning')} icon={<FlagOutlined aria-hidden />}>
      已标记关注
    </Tag>
  );
}

const DECLARATION_TONES: Record<DeclarationStatus, Tone> = {
  accepted: 'success',
  pending_verification: 'warning',
  rejected: 'error',
  moved_out: 'default',
  expired: 'default',
};

export function DeclarationStatusTag(props: { status: DeclarationStatus; statusName: string; id?: string }) {
  return (
    <Tag id={props.id} className={toneClass(DECLARATION_TONES[props.status] ?? 'default')}>
      {props.statusName}
    </Tag>
  );
}

const TASK_TONES: Record<TaskStatus, Tone> = { open: 'warning', confirmed: 'success', rejected: 'error' };

export function TaskStatusTag({ status, statusName }: { status: TaskStatus; statusName: string }) {
  return <Tag className={toneClass(TASK_TONES[status] ?? 'default')}>{statusName}</Tag>;
}

/** Risks of a declaration or reasons of a task, each in words; "无" when there are none. */
export function RiskTags({ risks, empty = '无' }: { risks: Risk[]; empty?: string }) {
  if (risks.length === 0) return <span className="muted">{empty}</span>;
  return (
    <span className="tag-list">
      {risks.map((r) => (
        <Tag key={r.code} className={toneClass('warning')}>
          {r.label}
        </Tag>
      ))}
    </span>
  );
}

/** A plain tag with the given tone, for names the server gives (a task's kind, an import's status). */
export function ToneTag({ tone, children }: { tone: Tone; children: string }) {
  return <Tag className={toneClass(tone)}>{children}</Tag>;
}
