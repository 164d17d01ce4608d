// Wording the contract leaves to the app: a trigger and a cron expression in words, the names of operators,
// dry-run outcomes, reasons and WeChat results, the template variables, and dates in the city's time.
import {
  DELIVERY_CLASSES,
  DELIVERY_STATES,
  RULE_STATUSES,
  type DeliveryClass,
  type DeliveryState,
  type DryRunOutcome,
  type NoticeEvent,
  type Operator,
  type RuleStatus,
  type Trigger,
  type VariableInfo,
  type WechatOutcome,
} from '../../api/notices';

export const NOTICES_WHO = '只有督办员和系统管理员';

export const OPERATOR_LABELS: Record<Operator, string> = {
  eq: '等于',
  in: '属于其中之一',
  range: '介于',
  age_reaches: '近期年满（过去若干天内）',
  within_days: '日期在（天）内',
};

export const OUTCOME_LABELS: Record<DryRunOutcome, string> = {
  send: '立即发送',
  hold: '免打扰顺延',
  cap: '超出频次顺延',
  dedupe: '已发送过（去重）',
};

/** The reasons named in the contract; others are shown as the server wrote them. */
export const REASON_LABELS: Record<string, string> = {
  quiet_hours: '免打扰时段，顺延发送',
  cap_day: '超出每日频次上限，顺延发送',
  cap_week: '超出每周频次上限，顺延发送',
  bypass_urgent: '紧急通知，不受频次与免打扰限制',
  no_quota: '未订阅，仅站内信',
  retry: '重试',
  rule_ended: '规则已结束',
};

export const WECHAT_LABELS: Record<WechatOutcome, string> = {
  sent: '已推送',
  no_quota: '未订阅，仅站内信',
  failed: '推送失败',
  not_sent: '未推送',
};

export const RUN_TRIGGER_LABELS: Record<string, string> = {
  manual: '手动执行',
  cron: '定时执行',
  event: '事件触发',
};

export const CRON_EXAMPLES: { cron: string; label: string }[] = [
  { cron: '0 9 * * *', label: '每天 9 点' },
  { cron: '30 8 * * 1', label: '每周一 8:30' },
  { cron: '0 10 1 * *', label: '每月 1 日 10 点' },
  { cron: '0 9 1 1 *', label: '每年 1 月 1 日 9 点' },
];

export const statusName = (status: RuleStatus): string =>
  RULE_STATUSES.find((s) => s.value === status)?.label ?? status;

export const className = (value: DeliveryClass): string =>
  DELIVERY_CLASSES.find((c) => c.value === value)?.label ?? value;

export const isDeliveryState = (value: string | null): value is DeliveryState =>
  DELIVERY_STATES.some((s) => s.value === value);

export const isDeliveryClass = (value: string | null): value is DeliveryClass =>
  DELIVERY_CLASSES.some((c) => c.value === value);

export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return '—';
  return REASON_LABELS[reason] ?? reason;
}

// ---------------------------------------------------------------------------------------------------------
// Cron and triggers

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六', '日'];
const two = (n: number) => String(n).padStart(2, '0');
const isInt = (s: string, min: number, max: number) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max;

function weekdaysInWords(field: string): string | null {
  const range = /^([0-7])-([0-7])$/.exec(field);
  if (range) return `每周${WEEKDAYS[Number(range[1])]}至周${WEEKDAYS[Number(range[2])]}`;
  const days = field.split(',');
  if (days.every((d) => isInt(d, 0, 7))) return `每周${days.map((d) => WEEKDAYS[Number(d)]).join('、')}`;
  return null;
}

/** "0 9 * * *" → "每天 09:00"; null for expressions this reading does not cover (the server judges them). */
export function cronInWords(cron: string | null | undefined): string | null {
  const parts = (cron ?? '').trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, day, month, weekday] = parts;
  if (!isInt(minute, 0, 59)) return null;
  if (hour === '*' && day === '*' && month === '*' && weekday === '*') return `每小时第 ${Number(minute)} 分`;
  if (!isInt(hour, 0, 23)) return null;
  const time = `${two(Number(hour))}:${two(Number(minute))}`;
  if (day === '*' && month === '*' && weekday === '*') return `每天 ${time}`;
  if (day === '*' && month === '*') {
    const days = weekdaysInWords(weekday);
    return days ? `${days} ${time}` : null;
  }
  if (weekday !== '*' || !isInt(day, 1, 31)) return null;
  if (month === '*') return `每月 ${Number(day)} 日 ${time}`;
  if (isInt(month, 1, 12)) return `每年 ${Number(month)} 月 ${Number(day)} 日 ${time}`;
  return null;
}

/** Five fields separated by spaces: what people get wrong most; the server checks the rest. */
export function looksLikeCron(cron: string): boolean {
  return cron.trim().split(/\s+/).length === 5;
}

export function triggerInWords(trigger: Trigger | null | undefined, events: NoticeEvent[] = []): string {
  if (!trigger) return '—';
  switch (trigger.kind) {
    case 'cron': {
      const words = cronInWords(trigger.cron);
      return words ? `定时：${words}` : `定时：${trigger.cron}`;
    }
    case 'event':
      return `事件触发：${events.find((e) => e.event === trigger.event)?.name ?? trigger.event}`;
    case 'manual':
      return '手动执行';
    default:
      return '—';
  }
}

// ---------------------------------------------------------------------------------------------------------
// Template variables

/** A variable as it is written in a title or body: `{age}`. */
export function variableToken(v: VariableInfo): string {
  const name = typeof v === 'string' ? v : v.variable ?? v.key ?? v.name ?? '';
  const bare = name.replace(/^\{|\}$/g, '');
  return bare ? `{${bare}}` : '';
}

/** What the variable means, when the server says (objects with a description or a name beside the key). */
export function variableMeaning(v: VariableInfo): string | null {
  if (typeof v === 'string') return null;
  if (v.description) return v.description;
  return v.name && (v.variable || v.key) ? v.name : null;
}

/** The contract's common variables, used until GET /notices/facts answers. */
export const COMMON_VARIABLES = ['age', 'grid', 'region', 'island', 'validUntil', 'arrearsMonths', 'date', 'year', 'month'];

// ---------------------------------------------------------------------------------------------------------
// Dates

const cityDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in the city, `YYYY-MM-DD`, shifted by whole days. */
export function cityToday(shiftDays = 0, now: Date = new Date()): string {
  return cityDate.format(new Date(now.getTime() + shiftDays * 86_400_000));
}

export function isDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** 0.4567 → "45.7%"; no denominator → "—". */
export function formatRate(part: number, whole: number): string {
  if (!whole) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
