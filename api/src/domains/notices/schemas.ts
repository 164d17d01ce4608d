// Shapes of the notices endpoints (zod), shared by the routes and the OpenAPI document. The audience is
// checked by audience.ts, which names the part of the predicate that is wrong.
import { z } from 'zod';
import { Paging } from '../../http/query';
import { SUBSCRIBE_MOMENTS, TOPICS } from './vocabulary';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const Id = z.object({ id: z.coerce.number().int().positive() });

export const InboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce.number().int().positive().optional(),
  unread: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});
export const InboxItem = z.object({ id: z.number().int(), title: z.string(), body: z.string(), link: z.string().nullable(), eventCode: z.string().nullable(), topic: z.string(), topicName: z.string(), createdAt: z.date(), readAt: z.date().nullable() }).meta({ id: 'InboxItem' });
export const Inbox = z.object({ items: z.array(InboxItem), unreadCount: z.number().int(), nextBefore: z.number().int().nullable() }).meta({ id: 'Inbox' });
export const UnreadCount = z.object({ unreadCount: z.number().int() });

export const MomentQuery = z.object({ moment: z.enum(Object.keys(SUBSCRIBE_MOMENTS) as [keyof typeof SUBSCRIBE_MOMENTS]) });
export const SubscribeTemplates = z.object({ templates: z.array(z.object({ key: z.string(), templateId: z.string(), title: z.string() })) });
export const SubscribeResults = z.object({
  results: z.record(z.string().min(1).max(64), z.enum(['accept', 'reject', 'ban', 'filter'])).refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 10, '应包含 1–10 个模板的结果'),
}).strict().meta({ id: 'SubscribeResults' });
const Quota = z.object({ key: z.string(), templateId: z.string(), title: z.string(), remaining: z.number().int() });
export const Quotas = z.object({ quotas: z.array(Quota) });
export const Subscriptions = z.object({ topics: z.array(z.object({ topic: z.string(), name: z.string(), description: z.string(), subscribed: z.boolean() })), quotas: z.array(Quota) }).meta({ id: 'Subscriptions' });
export const SetTopics = z.object({ topics: z.array(z.enum(Object.keys(TOPICS) as [keyof typeof TOPICS])).max(10) }).strict();

const Trigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cron'), cron: z.string().trim().min(1, '请填写 cron 表达式').max(64) }).strict(),
  z.object({ kind: z.literal('event'), event: z.string().min(1).max(32) }).strict(),
  z.object({ kind: z.literal('manual') }).strict(),
]);
export const RuleInput = z.object({
  name: z.string().trim().min(1, '请填写规则名称').max(64),
  audience: z.unknown(),
  title: z.string().trim().min(1, '请填写标题').max(32, '标题不能超过 32 字'),
  body: z.string().trim().min(1, '请填写正文').max(200, '正文不能超过 200 字'),
  link: z.string().trim().regex(/^\/[A-Za-z0-9/_?=&.-]*$/, '应为小程序页面路径，如 /packages/fees/pages/index/index').max(200).nullable().optional(),
  templateKey: z.string().min(1).max(32),
  trigger: Trigger,
  dedupeKey: z.string().trim().min(1, '请填写去重键').max(64),
  urgency: z.enum(['normal', 'urgent']).default('normal'),
  endsOn: day.nullable().optional(),
}).strict().meta({ id: 'RuleInput' });
export const Rule = z.object({
  id: z.number().int(), name: z.string(), status: z.enum(['draft', 'active', 'paused', 'ended']), audience: z.unknown(), title: z.string(), body: z.string(), link: z.string().nullable(),
  templateKey: z.string(), trigger: Trigger, dedupeKey: z.string(), urgency: z.enum(['normal', 'urgent']), endsOn: z.string().nullable(), lastFiredAt: z.date().nullable(), nextRunAt: z.date().nullable(),
  createdAt: z.date(), updatedAt: z.date(),
  stats: z.object({ queued: z.number(), sent: z.number(), held: z.number(), capped: z.number(), failed: z.number(), expired: z.number(), read: z.number() }),
}).meta({ id: 'NoticeRule' });
export const RuleList = z.object({ items: z.array(Rule) });
export const Preview = z.object({ audience: z.unknown() }).strict();
export const PreviewResult = z.object({ count: z.number().int(), sample: z.array(z.object({ person: z.string(), facts: z.record(z.string(), z.unknown()) })), factsAsOf: z.date().nullable() }).meta({ id: 'AudiencePreview' });
export const DryRun = z.object({
  count: z.number().int(), examined: z.number().int(), outcomes: z.object({ send: z.number(), hold: z.number(), cap: z.number(), dedupe: z.number() }),
  sample: z.array(z.object({ person: z.string(), title: z.string(), body: z.string(), deliverAt: z.date().nullable(), outcome: z.string(), reason: z.string().nullable() })),
}).meta({ id: 'DryRun' });
const Run = z.object({ id: z.number(), ruleId: z.number(), trigger: z.string(), status: z.string(), matched: z.number(), queued: z.number(), deduped: z.number(), startedAt: z.date(), finishedAt: z.date().nullable() });
export const RunResult = z.object({ run: Run });
export const RunList = z.object({ items: z.array(Run) });
export const Facts = z.object({ facts: z.array(z.unknown()), events: z.array(z.unknown()), templates: z.array(z.unknown()), variables: z.array(z.string()), settings: z.unknown() }).meta({ id: 'NoticeFacts' });

export const DeliveryQuery = Paging.extend({
  ruleId: z.coerce.number().int().positive().optional(),
  state: z.enum(['pending', 'held', 'capped', 'sent', 'failed', 'expired']).optional(),
  class: z.enum(['transactional', 'targeted', 'urgent']).optional(),
});
export const Delivery = z.object({
  id: z.number(), ruleId: z.number().nullable(), ruleName: z.string().nullable(), class: z.string(), topic: z.string(), recipient: z.string(), state: z.string(), stateName: z.string(),
  reason: z.string().nullable(), reasonText: z.string().nullable(), wechat: z.string().nullable(), wechatErrcode: z.number().nullable(), attempts: z.number(),
  dueAt: z.date(), sentAt: z.date().nullable(), readAt: z.date().nullable(), createdAt: z.date(),
}).meta({ id: 'Delivery' });
export const DeliveryList = z.object({ items: z.array(Delivery), total: z.number(), page: z.number(), pageSize: z.number() });
export const StatsQuery = z.object({ from: day.optional(), to: day.optional(), ruleId: z.coerce.number().int().positive().optional() }).refine((q) => !q.from || !q.to || q.from <= q.to, { message: '起始日期不能晚于结束日期', path: ['from'] });
const Counts = { sent: z.number(), held: z.number(), capped: z.number(), failed: z.number(), read: z.number() };
export const Stats = z.object({
  totals: z.object({ ...Counts, pending: z.number(), expired: z.number(), deduped: z.number() }),
  byRule: z.array(z.object({ ruleId: z.number(), name: z.string(), ...Counts })),
  byDay: z.array(z.object({ date: z.string(), sent: z.number(), read: z.number() })),
}).meta({ id: 'NoticeStats' });
