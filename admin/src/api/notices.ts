// Targeted service notices (精准推送), the staff side (docs/api.md, "Targeted service notices"): the facts
// rules may test, the rules themselves and their runs, the delivery log and its statistics, and the staff
// member's own inbox. Recipients arrive masked; the server decides who matches, when and whether to send.
import { newIdempotencyKey, request } from './client';

// ---------------------------------------------------------------------------------------------------------
// Vocabularies. Deliveries name their own state (stateName, reasonText); these are for filters and forms.

export type RuleStatus = 'draft' | 'active' | 'paused' | 'ended';

/** Rules carry no statusName in the contract, so the names are the app's. */
export const RULE_STATUSES: { value: RuleStatus; label: string }[] = [
  { value: 'draft', label: '草稿' },
  { value: 'active', label: '启用中' },
  { value: 'paused', label: '已暂停' },
  { value: 'ended', label: '已结束' },
];

export type Urgency = 'normal' | 'urgent';

export const URGENCIES: { value: Urgency; label: string }[] = [
  { value: 'normal', label: '普通' },
  { value: 'urgent', label: '紧急' },
];

export type DeliveryClass = 'transactional' | 'targeted' | 'urgent';

export const DELIVERY_CLASSES: { value: DeliveryClass; label: string }[] = [
  { value: 'transactional', label: '办事进度通知' },
  { value: 'targeted', label: '精准推送' },
  { value: 'urgent', label: '紧急通知' },
];

export type DeliveryState = 'pending' | 'held' | 'capped' | 'sent' | 'failed' | 'expired';

/** In the contract's order, with its names. */
export const DELIVERY_STATES: { value: DeliveryState; label: string }[] = [
  { value: 'pending', label: '待发送' },
  { value: 'held', label: '免打扰顺延' },
  { value: 'capped', label: '超出频次顺延' },
  { value: 'sent', label: '已送达' },
  { value: 'failed', label: '发送失败' },
  { value: 'expired', label: '已过期' },
];

export type WechatOutcome = 'sent' | 'no_quota' | 'failed' | 'not_sent';

export type Operator = 'eq' | 'in' | 'range' | 'age_reaches' | 'within_days';

export type FactType = 'number' | 'enum' | 'code' | 'boolean' | 'date' | 'topics';

export interface Paged<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Facts: what an audience can be built from, and what a message can say

export type FactValue = string | number | boolean;

export interface Fact {
  fact: string;
  name: string;
  type: FactType;
  /** The operators this fact takes; the rule editor offers no others. */
  operators: Operator[];
  /** For enums (and topics): the values with their names. */
  values?: { value: FactValue; name: string }[];
}

/** The contract lists variables without saying their shape: names (`age`, `{age}`) or described objects. */
export type VariableInfo = string | { variable?: string; key?: string; name?: string; description?: string };

export interface NoticeEvent {
  event: string;
  name: string;
  /** The event's own template variables, on top of the common ones. */
  variables: VariableInfo[];
}

export interface NoticeTemplate {
  key: string;
  title: string;
  /** The WeChat template's fields; their shape is not fixed by the contract. */
  fields?: unknown;
}

export interface NoticeSettings {
  capPerDay: number;
  capPerWeek: number;
  quietHours: { from: string; to: string };
  timezone: string;
}

export interface NoticeFacts {
  facts: Fact[];
  events: NoticeEvent[];
  templates: NoticeTemplate[];
  variables: VariableInfo[];
  settings: NoticeSettings;
}

export function getNoticeFacts(signal?: AbortSignal): Promise<NoticeFacts> {
  return request<NoticeFacts>('/notices/facts', { signal });
}

// ---------------------------------------------------------------------------------------------------------
// Audience predicates (the JSON the rule editor builds)

export type Predicate =
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate }
  | { fact: string; eq: FactValue }
  | { fact: string; in: FactValue[] }
  | { fact: string; range: { min?: number | string; max?: number | string } }
  | { fact: string; age_reaches: number; within_days?: number }
  /** N ≥ 0: the date falls in the next N days; N < 0: in the last |N| days. */
  | { fact: string; within_days: number };

// ---------------------------------------------------------------------------------------------------------
// Rules

export type Trigger = { kind: 'cron'; cron: string } | { kind: 'event'; event: string } | { kind: 'manual' };

export interface RuleInput {
  name: string;
  audience: Predicate;
  /** ≤ 32 characters; may use {variables}. */
  title: string;
  /** ≤ 200 characters; may use {variables}. */
  body: string;
  /** A mini-program page path. */
  link?: string | null;
  templateKey: string;
  trigger: Trigger;
  /** ≤ 64 characters, a template too: a person never gets the same key twice. */
  dedupeKey: string;
  urgency: Urgency;
  /** `YYYY-MM-DD`. */
  endsOn?: string | null;
}

export interface RuleStats {
  queued: number;
  sent: number;
  held: number;
  capped: number;
  failed: number;
  read: number;
}

export interface Rule extends RuleInput {
  id: number;
  status: RuleStatus;
  lastFiredAt: string | null;
  /** The next occurrence of an active cron rule. */
  nextRunAt?: string | null;
  createdAt: string;
  updatedAt: string;
  stats: RuleStats;
}

const rulePath = (id: number) => `/notices/rules/${id}`;

export function listRules(signal?: AbortSignal): Promise<{ items: Rule[] }> {
  return request<{ items: Rule[] }>('/notices/rules', { signal });
}

export function getRule(id: number, signal?: AbortSignal): Promise<Rule> {
  return request<Rule>(rulePath(id), { signal });
}

/** 201 the rule, as a draft; 422 with `errors[].field` (`audience.all[1].fact`, `trigger.cron`, …). */
export function createRule(input: RuleInput, idempotencyKey: string = newIdempotencyKey()): Promise<Rule> {
  return request<Rule>('/notices/rules', { method: 'POST', body: input, idempotencyKey });
}

export function updateRule(id: number, input: RuleInput): Promise<Rule> {
  return request<Rule>(rulePath(id), { method: 'PUT', body: input });
}

export function activateRule(id: number): Promise<Rule> {
  return request<Rule>(`${rulePath(id)}/activate`, { method: 'POST' });
}

export function pauseRule(id: number): Promise<Rule> {
  return request<Rule>(`${rulePath(id)}/pause`, { method: 'POST' });
}

export interface PreviewPerson {
  /** Masked: "居民 ****0123". */
  person: string;
  facts: {
    age?: number | null;
    sex?: string | null;
    grid?: string | null;
    region?: string | null;
    island?: string | null;
    insured?: boolean | null;
    declared?: boolean | null;
  };
}

export interface AudiencePreview {
  count: number;
  /** At most 5, masked. */
  sample: PreviewPerson[];
  factsAsOf: string | null;
}

/** Who an audience matches now; nothing is written. */
export function previewAudience(audience: Predicate): Promise<AudiencePreview> {
  return request<AudiencePreview>('/notices/preview', { method: 'POST', body: { audience } });
}

export type DryRunOutcome = 'send' | 'hold' | 'cap' | 'dedupe';

export interface DryRun {
  count: number;
  outcomes: Record<DryRunOutcome, number>;
  sample: {
    person: string;
    title: string;
    body: string;
    deliverAt: string | null;
    outcome: DryRunOutcome;
    reason: string | null;
  }[];
}

/** What a run of the saved rule would do now; nothing is written. */
export function dryRunRule(id: number): Promise<DryRun> {
  return request<DryRun>(`${rulePath(id)}/dry-run`, { method: 'POST' });
}

export interface RuleRun {
  id: number;
  ruleId: number;
  /** How the run started: `manual`, `cron` or `event`. */
  trigger: string;
  matched: number;
  queued: number;
  deduped: number;
  startedAt: string;
  finishedAt: string | null;
}

/** Only an active rule runs (409 otherwise). One key per intention: a retry after a lost answer reuses it. */
export function runRule(id: number, idempotencyKey: string = newIdempotencyKey()): Promise<{ run: RuleRun }> {
  return request<{ run: RuleRun }>(`${rulePath(id)}/run`, { method: 'POST', idempotencyKey });
}

export function listRuleRuns(id: number, signal?: AbortSignal): Promise<{ items: RuleRun[] }> {
  return request<{ items: RuleRun[] }>(`${rulePath(id)}/runs`, { signal });
}

// ---------------------------------------------------------------------------------------------------------
// Delivery log (发送记录) and statistics

export interface Delivery {
  id: number;
  ruleId: number | null;
  ruleName: string | null;
  class: DeliveryClass;
  topic: string | null;
  /** Masked by the server: "居民 ****0123" or "工作人员 张三". */
  recipient: string;
  state: DeliveryState;
  stateName: string;
  reason: string | null;
  reasonText: string | null;
  wechat: WechatOutcome | null;
  wechatErrcode: number | string | null;
  attempts: number;
  dueAt: string | null;
  sentAt: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface DeliveryQuery {
  ruleId?: number;
  state?: DeliveryState;
  class?: DeliveryClass;
  page?: number;
  pageSize?: number;
}

export function listDeliveries(query: DeliveryQuery, signal?: AbortSignal): Promise<Paged<Delivery>> {
  return request<Paged<Delivery>>('/notices/deliveries', { query: { ...query }, signal });
}

export interface NoticeStats {
  totals: {
    sent: number;
    held: number;
    capped: number;
    failed: number;
    pending: number;
    expired: number;
    read: number;
    deduped: number;
  };
  byRule: { ruleId: number; name: string; sent: number; held: number; capped: number; failed: number; read: number }[];
  byDay: { date: string; sent: number; read: number }[];
}

/** `from` and `to` are dates `YYYY-MM-DD` in the city's time. */
export function getNoticeStats(
  query: { from?: string; to?: string; ruleId?: number },
  signal?: AbortSignal,
): Promise<NoticeStats> {
  return request<NoticeStats>('/notices/stats', { query: { ...query }, signal });
}

// ---------------------------------------------------------------------------------------------------------
// The staff member's own inbox (SOS, new dispatches, verification tasks, overdue events)

export interface InboxItem {
  id: number;
  title: string;
  body: string;
  /** A mini-program page path, or null; the admin app opens `eventCode` instead. */
  link: string | null;
  eventCode: string | null;
  topic: string | null;
  topicName: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  unreadCount: number;
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: number | null;
}

export function listStaffInbox(
  query: { limit?: number; before?: number; unread?: boolean },
  signal?: AbortSignal,
): Promise<InboxPage> {
  // unread=false is the default; leave it out rather than send it.
  return request<InboxPage>('/staff/me/inbox', {
    query: { limit: query.limit, before: query.before, unread: query.unread ? true : undefined },
    signal,
  });
}

export function getStaffUnreadCount(signal?: AbortSignal): Promise<{ unreadCount: number }> {
  return request<{ unreadCount: number }>('/staff/me/inbox/unread-count', { signal });
}

export function markStaffInboxRead(id: number): Promise<void> {
  return request<void>(`/staff/me/inbox/${id}/read`, { method: 'POST' });
}

export function markStaffInboxAllRead(): Promise<void> {
  return request<void>('/staff/me/inbox/read-all', { method: 'POST' });
}
