// The labels of the 海岛服务 screens. Each says its meaning in words; the colour only repeats it (WCAG
// 1.4.1), in the event tags' dark-on-tint shades (styles.css, .tone-*, 7:1 or more).
import { BellOutlined, RiseOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import '../residence/residence.css';
import './tourism.css';

export function EscalatedTag() {
  return (
    <Tag className="event-tag tone-warning" icon={<RiseOutlined aria-hidden />}>
      已督办
    </Tag>
  );
}

/** A help call that arrived since the board was opened or last filtered. */
export function NewTag() {
  return (
    <Tag className="event-tag tone-processing" icon={<BellOutlined aria-hidden />}>
      新
    </Tag>
  );
}

export function OpenNowTag({ openNow }: { openNow: boolean | null }) {
  if (openNow === null) return <span className="muted">未知</span>;
  return openNow ? <Tag className="event-tag tone-success">营业中</Tag> : <Tag className="event-tag tone-default">休息中</Tag>;
}

export function ActiveTag({ active }: { active: boolean }) {
  return active ? <Tag className="event-tag tone-success">启用</Tag> : <Tag className="event-tag tone-default">停用</Tag>;
}
