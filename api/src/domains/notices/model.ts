// Tables of notices: the inboxes (residents', staff's), the deliveries (the outbox: every message with its
// state), facts about people, topic subscriptions, WeChat subscribe quotas, rules and their runs.
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { DeliveryState, NoticeClass, WechatOutcome } from './vocabulary';

export interface InboxAttrs { id: number; personId: number; topic: string; title: string; body: string; link: string | null; eventCode: string | null; deliveryId: number | null; readAt: Date | null; createdAt: Date }
export interface StaffInboxAttrs { id: number; staffId: number; topic: string; title: string; body: string; link: string | null; eventCode: string | null; deliveryId: number | null; readAt: Date | null; createdAt: Date }
export interface DeliveryAttrs {
  id: number; ruleId: number | null; runId: number | null; personId: number | null; staffId: number | null; class: NoticeClass; topic: string; dedupeKey: string | null;
  title: string; body: string; link: string | null; eventCode: string | null; templateKey: string | null; state: DeliveryState; reason: string | null;
  wechat: WechatOutcome | null; wechatErrcode: number | null; attempts: number; dueAt: Date; claimedUntil: Date | null; claimedBy: string | null;
  inboxMessageId: number | null; sentAt: Date | null; createdAt: Date; updatedAt: Date;
}
export interface FactAttrs {
  personId: number; birthDate: string | null; sex: string | null; regionPath: string | null; islandRegionPath: string | null; gridCode: string | null;
  declared: boolean; declarationValidUntil: string | null; insured: boolean; arrearsMonths: number; islandCode: string | null; islandSeenOn: string | null;
  openEvents: number; topics: string; refreshedAt: Date;
}
export interface TopicSubscriptionAttrs { id: number; personId: number; topic: string; createdAt: Date }
export interface QuotaAttrs { personId: number; templateKey: string; remaining: number; updatedAt: Date }
export type RuleStatus = 'draft' | 'active' | 'paused' | 'ended';
export interface RuleAttrs {
  id: number; name: string; status: RuleStatus; audience: unknown; title: string; body: string; link: string | null; templateKey: string;
  triggerKind: 'cron' | 'event' | 'manual'; cron: string | null; triggerEvent: string | null; dedupeKey: string; urgency: 'normal' | 'urgent'; endsOn: string | null;
  scopePath: string; lastFiredAt: Date | null; activatedAt: Date | null; createdBy: number; updatedBy: number; createdAt: Date; updatedAt: Date;
}
export interface RunAttrs { id: number; ruleId: number; trigger: 'cron' | 'event' | 'manual'; status: 'running' | 'done' | 'failed'; matched: number; queued: number; deduped: number; startedAt: Date; finishedAt: Date | null }

type M<A extends object, O extends keyof A> = ModelStatic<Model<A, Optional<A, O>> & A>;
export interface NoticeModels {
  InboxMessage: M<InboxAttrs, 'id' | 'createdAt' | 'readAt' | 'link' | 'eventCode' | 'deliveryId'>;
  StaffInboxMessage: M<StaffInboxAttrs, 'id' | 'createdAt' | 'readAt' | 'link' | 'eventCode' | 'deliveryId'>;
  Delivery: M<DeliveryAttrs, 'id' | 'ruleId' | 'runId' | 'personId' | 'staffId' | 'dedupeKey' | 'link' | 'eventCode' | 'templateKey' | 'reason' | 'wechat' | 'wechatErrcode' | 'attempts' | 'claimedUntil' | 'claimedBy' | 'inboxMessageId' | 'sentAt' | 'createdAt' | 'updatedAt'>;
  ResidentFact: M<FactAttrs, never>;
  TopicSubscription: M<TopicSubscriptionAttrs, 'id' | 'createdAt'>;
  SubscribeQuota: M<QuotaAttrs, 'updatedAt'>;
  NoticeRule: M<RuleAttrs, 'id' | 'link' | 'cron' | 'triggerEvent' | 'endsOn' | 'lastFiredAt' | 'activatedAt' | 'createdAt' | 'updatedAt'>;
  NoticeRun: M<RunAttrs, 'id' | 'matched' | 'queued' | 'deduped' | 'finishedAt'>;
}

const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const count = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const at = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const day = () => ({ type: DataTypes.DATEONLY, allowNull: true });
const bool = () => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
/** JSON comes back as text from SQLite with raw: true; parsed on read so both databases agree. */
const json = (field: string) => ({
  type: DataTypes.JSON, allowNull: false,
  get(this: Model) { const v = this.getDataValue(field as never) as unknown; return typeof v === 'string' ? JSON.parse(v) : v; },
});

export function defineNoticeModels(sequelize: Sequelize): NoticeModels {
  const message = () => ({ topic: str(48), title: str(64), body: str(500), link: str(200, true), eventCode: str(32, true), deliveryId: { type: DataTypes.INTEGER, allowNull: true, unique: true }, readAt: at(), createdAt: at(false) });
  const InboxMessage = sequelize.define('InboxMessage', { id: pk(), personId: int(), ...message() }, { underscored: true, tableName: 'inbox_messages', updatedAt: false }) as NoticeModels['InboxMessage'];
  const StaffInboxMessage = sequelize.define('StaffInboxMessage', { id: pk(), staffId: int(), ...message() }, { underscored: true, tableName: 'staff_inbox_messages', updatedAt: false }) as NoticeModels['StaffInboxMessage'];
  const Delivery = sequelize.define('Delivery', {
    id: pk(), ruleId: int(true), runId: int(true), personId: int(true), staffId: int(true), class: str(16), topic: str(48), dedupeKey: str(96, true),
    title: str(64), body: str(500), link: str(200, true), eventCode: str(32, true), templateKey: str(32, true), state: str(12), reason: str(24, true),
    wechat: str(12, true), wechatErrcode: int(true), attempts: count(), dueAt: at(false), claimedUntil: at(), claimedBy: str(64, true),
    inboxMessageId: int(true), sentAt: at(), createdAt: at(false), updatedAt: at(false),
  }, { underscored: true, tableName: 'notice_deliveries' }) as NoticeModels['Delivery'];
  const ResidentFact = sequelize.define('ResidentFact', {
    personId: { type: DataTypes.INTEGER, primaryKey: true }, birthDate: day(), sex: str(8, true), regionPath: str(255, true), islandRegionPath: str(255, true), gridCode: str(32, true),
    declared: bool(), declarationValidUntil: day(), insured: bool(), arrearsMonths: count(), islandCode: str(8, true), islandSeenOn: day(), openEvents: count(),
    topics: { type: DataTypes.STRING(255), allowNull: false, defaultValue: '' }, refreshedAt: at(false),
  }, { underscored: true, tableName: 'resident_facts', timestamps: false }) as NoticeModels['ResidentFact'];
  const TopicSubscription = sequelize.define('TopicSubscription', { id: pk(), personId: int(), topic: str(32), createdAt: at(false) }, { underscored: true, tableName: 'notice_topic_subscriptions', updatedAt: false }) as NoticeModels['TopicSubscription'];
  const SubscribeQuota = sequelize.define('SubscribeQuota', {
    personId: { type: DataTypes.INTEGER, primaryKey: true }, templateKey: { type: DataTypes.STRING(32), primaryKey: true }, remaining: count(), updatedAt: at(false),
  }, { underscored: true, tableName: 'notice_subscribe_quotas', createdAt: false }) as NoticeModels['SubscribeQuota'];
  const NoticeRule = sequelize.define('NoticeRule', {
    id: pk(), name: str(64), status: str(8), audience: json('audience'), title: str(64), body: str(500), link: str(200, true), templateKey: str(32),
    triggerKind: str(8), cron: str(64, true), triggerEvent: str(32, true), dedupeKey: str(64), urgency: str(8), endsOn: day(), scopePath: str(255),
    lastFiredAt: at(), activatedAt: at(), createdBy: int(), updatedBy: int(), createdAt: at(false), updatedAt: at(false),
  }, { underscored: true, tableName: 'notice_rules' }) as NoticeModels['NoticeRule'];
  const NoticeRun = sequelize.define('NoticeRun', {
    id: pk(), ruleId: int(), trigger: str(8), status: str(8), matched: count(), queued: count(), deduped: count(), startedAt: at(false), finishedAt: at(),
  }, { underscored: true, tableName: 'notice_runs', timestamps: false }) as NoticeModels['NoticeRun'];
  return { InboxMessage, StaffInboxMessage, Delivery, ResidentFact, TopicSubscription, SubscribeQuota, NoticeRule, NoticeRun };
}
