// The words of targeted notices: the facts rules may speak of, the topics residents subscribe to, the
// domain events that trigger rules, WeChat's subscribe-message templates, and the delivery log's states.

export type FactType = 'number' | 'enum' | 'code' | 'boolean' | 'date' | 'topics';
export type Operator = 'eq' | 'in' | 'range' | 'age_reaches' | 'within_days';

export interface FactSpec { name: string; type: FactType; operators: readonly Operator[]; values?: readonly { value: string; name: string }[] }

/** Facts about people, derived from what Weave holds (resident_facts); rules name these, never personal data. */
export const FACTS = {
  age: { name: '年龄（周岁）', type: 'number', operators: ['eq', 'in', 'range', 'age_reaches'] },
  sex: { name: '性别', type: 'enum', operators: ['eq', 'in'], values: [{ value: 'male', name: '男' }, { value: 'female', name: '女' }] },
  region: { name: '居住区域（区划代码，含下级）', type: 'code', operators: ['eq', 'in'] },
  grid: { name: '居住网格（网格编码）', type: 'code', operators: ['eq', 'in'] },
  declared: { name: '有有效居住申报', type: 'boolean', operators: ['eq'] },
  declarationValidUntil: { name: '居住申报到期日', type: 'date', operators: ['within_days'] },
  insured: { name: '已绑定社保', type: 'boolean', operators: ['eq'] },
  arrearsMonths: { name: '社保欠费月数', type: 'number', operators: ['eq', 'in', 'range'] },
  island: { name: '最近到访海岛（海岛编码）', type: 'code', operators: ['eq', 'in'] },
  islandSeenOn: { name: '最近到访海岛日期', type: 'date', operators: ['within_days'] },
  openEvents: { name: '办理中的上报件数', type: 'number', operators: ['eq', 'in', 'range'] },
  subscribed: { name: '订阅的主题', type: 'topics', operators: ['eq', 'in'] },
} as const satisfies Record<string, FactSpec>;
export type FactName = keyof typeof FACTS;
export const isFact = (s: string): s is FactName => Object.hasOwn(FACTS, s);

/** Topics a resident may subscribe to explicitly (the `subscribed` fact). */
export const TOPICS = {
  weather_alert: { name: '台风与天气预警', description: '台风、暴雨等预警及海岛停航信息' },
  elderly_services: { name: '敬老助老服务', description: '老年人优待证、高龄津贴等办理提醒' },
  community_activities: { name: '社区活动', description: '所在社区的便民服务与活动' },
  policy_updates: { name: '政策解读', description: '与您相关的社保、居住等政策变化' },
} as const;
export type Topic = keyof typeof TOPICS;
export const isTopic = (s: string): s is Topic => Object.hasOwn(TOPICS, s);

/** Domain events that may trigger a rule, with the variables each brings to the message. */
export const TRIGGER_EVENTS = {
  declaration_expiring: { name: '居住申报即将到期（到期前 30 天）', variables: ['address', 'validUntil'] },
} as const;
// Arrears are a fact (arrearsMonths), not an event: a monthly cron rule over it reminds everyone in arrears
// once a month (the demo seeds one), without the reconciliation having to know about notices.
export type TriggerEvent = keyof typeof TRIGGER_EVENTS;
export const isTriggerEvent = (s: string): s is TriggerEvent => Object.hasOwn(TRIGGER_EVENTS, s);

/** Variables every message may use: facts of the person (never their name or numbers) and the date. */
export const PERSON_VARIABLES = ['age', 'grid', 'region', 'island', 'validUntil', 'arrearsMonths', 'date', 'year', 'month'] as const;

/**
 * WeChat subscribe-message templates Weave uses, each with its fields as the template defines them. The
 * template ids are the city's own (configured); the keys are ours. Field kinds carry WeChat's length limits.
 */
export type TemplateFieldKind = 'thing' | 'phrase' | 'character_string' | 'time' | 'date';
export const WECHAT_TEMPLATES = {
  service_notice: { title: '服务提醒', fields: { thing1: 'title', thing2: 'body', time3: 'at' } },
  event_progress: { title: '办理进度通知', fields: { character_string1: 'eventCode', thing2: 'title', thing3: 'body', time4: 'at' } },
  declaration_expiry: { title: '居住登记到期提醒', fields: { thing1: 'title', thing2: 'body', time3: 'at' } },
  fee_arrears: { title: '社保缴费提醒', fields: { thing1: 'title', thing2: 'body', time3: 'at' } },
  safety_alert: { title: '安全预警通知', fields: { thing1: 'title', thing2: 'body', time3: 'at' } },
} as const satisfies Record<string, { title: string; fields: Record<string, 'title' | 'body' | 'at' | 'eventCode'> }>;
export type TemplateKey = keyof typeof WECHAT_TEMPLATES;
export const isTemplateKey = (s: string): s is TemplateKey => Object.hasOwn(WECHAT_TEMPLATES, s);

/** Which templates the mini-program asks for at each moment (WeChat allows three per request). */
export const SUBSCRIBE_MOMENTS = {
  after_report: ['event_progress'],
  after_help: ['event_progress', 'safety_alert'],
  after_declaration: ['declaration_expiry', 'service_notice'],
  settings: ['service_notice', 'safety_alert', 'fee_arrears'],
} as const satisfies Record<string, readonly TemplateKey[]>;
export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS;

export type NoticeClass = 'transactional' | 'targeted' | 'urgent';
export type DeliveryState = 'pending' | 'held' | 'capped' | 'sent' | 'failed' | 'expired';
export const DELIVERY_STATES: Record<DeliveryState, string> = {
  pending: '待发送', held: '免打扰顺延', capped: '超出频次顺延', sent: '已送达', failed: '发送失败', expired: '已过期',
};
export type WechatOutcome = 'sent' | 'no_quota' | 'failed' | 'not_sent';
export const REASONS = {
  quiet_hours: '夜间免打扰时段，顺延至早上发送',
  cap_day: '已达每人每日推送上限，顺延',
  cap_week: '已达每人每周推送上限，顺延',
  bypass_urgent: '紧急通知，不受频次上限与免打扰限制',
  no_quota: '未订阅微信消息或次数已用完，仅发送站内信',
  not_wechat: '非微信账号，仅发送站内信',
  retry: '微信接口暂时不可用，稍后重试',
  wechat_failed: '微信消息发送失败，已发送站内信',
  rule_ended: '规则已结束，未发送',
  erased: '收件人已注销账号，未发送',
  staff: '工作人员站内消息',
} as const;
export type Reason = keyof typeof REASONS;

/** The topics of transactional messages (what other domains send), with their Chinese names and templates. */
export const MESSAGE_TOPICS: Record<string, { name: string; template: TemplateKey | null }> = {
  event_received: { name: '上报受理', template: 'event_progress' },
  event_progress: { name: '办理进度', template: 'event_progress' },
  residence: { name: '居住申报', template: 'service_notice' },
  declaration_expiring: { name: '申报到期', template: 'declaration_expiry' },
  fee_arrears: { name: '社保欠费', template: 'fee_arrears' },
  tourist_help: { name: '游客求助', template: null },
  event_dispatched: { name: '派遣', template: null },
  event_overdue: { name: '超时督办', template: null },
  event_review: { name: '差评复核', template: null },
  verification_task: { name: '核查任务', template: null },
  targeted: { name: '服务通知', template: 'service_notice' },
};
export const topicName = (topic: string) => MESSAGE_TOPICS[topic]?.name ?? '服务通知';
