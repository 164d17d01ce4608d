// Notices to people: the inboxes, the messages other domains send (written in the caller's transaction,
// as deliveries: the outbox), topic subscriptions and WeChat subscribe quotas.
import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import { bulkInsert, statementIn, storedTime } from '../../db/bulk-insert';
import { Forbidden, Invalid, NotFound, Unauthenticated } from '../../errors';
import type { NoticeModels } from './model';
import type { FactService } from './facts';
import { MESSAGE_TOPICS, SUBSCRIBE_MOMENTS, TOPICS, WECHAT_TEMPLATES, isTemplateKey, isTopic, topicName, type NoticeClass, type SubscribeMoment, type TemplateKey } from './vocabulary';

export interface Notice { title: string; body: string; link?: string; eventCode?: string; topic: string; dedupeKey?: string; urgent?: boolean }
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

/** Template key ↔ the city's template id; dev ids when none is configured. */
export function templateIds(configured: Readonly<Record<string, string>>) {
  const byKey = Object.fromEntries(Object.keys(WECHAT_TEMPLATES).map((k) => [k, configured[k] ?? `dev-tpl-${k}`])) as Record<TemplateKey, string>;
  const byId = new Map(Object.entries(byKey).map(([k, id]) => [id, k as TemplateKey]));
  return { idOf: (key: TemplateKey) => byKey[key], keyOf: (id: string) => byId.get(id) ?? null, all: byKey };
}
export type TemplateIds = ReturnType<typeof templateIds>;

/** The stand-in's template list: the same ids and field names WeChat would hold for the city's account. */
export function standInTemplates(ids: TemplateIds): Record<string, string[]> {
  return Object.fromEntries(Object.entries(WECHAT_TEMPLATES).map(([key, t]) => [ids.idOf(key as TemplateKey), Object.keys(t.fields)]));
}

type Inbox = NoticeModels['InboxMessage'] | NoticeModels['StaffInboxMessage'];

export function createNoticeService({ models, clock, facts, templates }: { models: NoticeModels; clock: Clock; facts: FactService; templates: TemplateIds }) {
  const { InboxMessage, StaffInboxMessage, Delivery, TopicSubscription, SubscribeQuota } = models;

  function residentOf(actor: Actor): number {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'resident') throw new Forbidden('消息中心只面向居民账号');
    return actor.id;
  }
  function staffOf(actor: Actor): number {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'staff') throw new Forbidden('仅工作人员可用');
    return actor.id;
  }
  const item = (r: { id: number; topic: string; title: string; body: string; link: string | null; eventCode: string | null; createdAt: Date; readAt: Date | null }) => ({
    id: r.id, title: r.title, body: r.body, link: r.link, eventCode: r.eventCode, topic: r.topic, topicName: topicName(r.topic),
    createdAt: new Date(r.createdAt), readAt: r.readAt ? new Date(r.readAt) : null,
  });

  // The same inbox reads for residents and staff; only the table and the owner column differ.
  function inboxOf(model: Inbox, owner: 'personId' | 'staffId') {
    const M = model as NoticeModels['InboxMessage'];
    const mine = (ownerId: number) => ({ [owner]: ownerId }) as WhereOptions;
    return {
      async list(ownerId: number, q: { limit?: number; before?: number; unread?: boolean }) {
        const limit = q.limit ?? 20;
        const where = { ...mine(ownerId), ...(q.before ? { id: { [Op.lt]: q.before } } : {}), ...(q.unread ? { readAt: null } : {}) } as WhereOptions;
        const rows = await M.findAll({ where, order: [['id', 'DESC']], limit: limit + 1, raw: true });
        const unreadCount = await M.count({ where: { ...mine(ownerId), readAt: null } as WhereOptions });
        const page = rows.slice(0, limit);
        return { items: page.map(item), unreadCount, nextBefore: rows.length > limit ? page[page.length - 1].id : null };
      },
      async unread(ownerId: number) { return { unreadCount: await M.count({ where: { ...mine(ownerId), readAt: null } as WhereOptions }) }; },
      async one(ownerId: number, id: number) {
        const row = await M.findOne({ where: { id, ...mine(ownerId) } as WhereOptions, raw: true });
        // Another person's message is "not found", not "forbidden": its existence is not theirs to learn.
        if (!row) throw new NotFound('没有这条消息');
        return item(row);
      },
      async read(ownerId: number, id: number) {
        const row = await M.findOne({ where: { id, ...mine(ownerId) } as WhereOptions, raw: true });
        if (!row) throw new NotFound('没有这条消息');
        if (!row.readAt) await M.update({ readAt: clock.now() }, { where: { id, readAt: null } });
      },
      async readAll(ownerId: number) { await M.update({ readAt: clock.now() }, { where: { ...mine(ownerId), readAt: null } as WhereOptions }); },
    };
  }
  const residentInbox = inboxOf(InboxMessage, 'personId');
  const staffInbox = inboxOf(StaffInboxMessage, 'staffId');

  async function quotasOf(personId: number) {
    const rows = await SubscribeQuota.findAll({ where: { personId }, raw: true });
    const left = new Map(rows.map((r) => [r.templateKey, r.remaining]));
    return Object.entries(WECHAT_TEMPLATES).map(([key, t]) => ({ key, templateId: templates.idOf(key as TemplateKey), title: t.title, remaining: left.get(key) ?? 0 }));
  }
  async function subscriptionsOf(personId: number) {
    const mine = new Set((await TopicSubscription.findAll({ where: { personId }, attributes: ['topic'], raw: true })).map((r) => r.topic));
    return {
      topics: Object.entries(TOPICS).map(([topic, t]) => ({ topic, name: t.name, description: t.description, subscribed: mine.has(topic) })),
      quotas: await quotasOf(personId),
    };
  }

  type PersonMessage = { personId: number; notice: Notice };
  type StaffMessage = { staffId: number; notice: Notice };

  /** What a delivery and its inbox message both hold of a notice, cut to the columns' sizes. */
  const messageText = (n: Notice) => ({ topic: n.topic, title: n.title.slice(0, 64), body: n.body.slice(0, 500), link: n.link ?? null, eventCode: n.eventCode ?? null });

  /** Each delivery points at its inbox message, in one statement for a group written together. */
  async function linkDeliveries(deliveryIds: number[], inboxIds: number[], now: Date, transaction: Transaction) {
    await statementIn(transaction, `UPDATE notice_deliveries SET inbox_message_id = CASE id ${deliveryIds.map(() => 'WHEN ? THEN ?').join(' ')} END, updated_at = ? WHERE id IN (${deliveryIds.map(() => '?').join(', ')})`,
      [...deliveryIds.flatMap((id, i) => [id, inboxIds[i]]), storedTime(now, Delivery.sequelize!.getDialect() === 'sqlite'), ...deliveryIds]);
  }

  async function notifyTogether(people: PersonMessage[], staff: StaffMessage[], transaction: Transaction): Promise<void> {
    if (!people.length && !staff.length) return;
    if (people.some((m) => m.notice.dedupeKey)) throw new Error('notifyEach takes no dedupe keys');
    const now = clock.now();
    const deliveryIds = await bulkInsert(Delivery as never, [
      ...people.map(({ personId, notice }) => ({
        personId, class: notice.urgent ? 'urgent' : 'transactional', dedupeKey: null, ...messageText(notice),
        templateKey: MESSAGE_TOPICS[notice.topic]?.template ?? null, state: 'pending', dueAt: now, createdAt: now,
      })),
      ...staff.map(({ staffId, notice }) => ({
        staffId, class: notice.urgent ? 'urgent' : 'transactional', ...messageText(notice), state: 'sent', reason: notice.urgent ? 'bypass_urgent' : 'staff', dueAt: now, sentAt: now, createdAt: now,
      })),
    ], transaction);
    const inboxIds = people.length
      ? await bulkInsert(InboxMessage as never, people.map(({ personId, notice }, i) => ({ personId, ...messageText(notice), deliveryId: deliveryIds[i], createdAt: now })), transaction)
      : [];
    const staffInboxIds = staff.length
      ? await bulkInsert(StaffInboxMessage as never, staff.map(({ staffId, notice }, i) => ({ staffId, ...messageText(notice), deliveryId: deliveryIds[people.length + i], createdAt: now })), transaction)
      : [];
    await linkDeliveries(deliveryIds, [...inboxIds, ...staffInboxIds], now, transaction);
  }

  return {
    /**
     * A message about the person's own affairs, inside the caller's transaction: the inbox message at once,
     * and a delivery for the WeChat push (which waits out quiet hours). A dedupe key makes it once per person.
     */
    async notifyPeople(personIds: number[], notice: Notice, transaction: Transaction): Promise<void> {
      let unique = [...new Set(personIds)];
      if (!unique.length) return;
      if (notice.dedupeKey) {
        const seen = new Set((await Delivery.findAll({ where: { personId: unique, dedupeKey: notice.dedupeKey }, attributes: ['personId'], raw: true, transaction })).map((d) => d.personId));
        unique = unique.filter((p) => !seen.has(p));
        if (!unique.length) return;
      }
      const now = clock.now();
      const cls: NoticeClass = notice.urgent ? 'urgent' : 'transactional';
      const template = MESSAGE_TOPICS[notice.topic]?.template ?? null;
      for (const personId of unique) {
        const delivery = await Delivery.create({
          personId, class: cls, dedupeKey: notice.dedupeKey ?? null, ...messageText(notice), templateKey: template, state: 'pending', dueAt: now, createdAt: now,
        }, { transaction });
        const inbox = await InboxMessage.create({ personId, ...messageText(notice), deliveryId: delivery.id, createdAt: now }, { transaction });
        await delivery.update({ inboxMessageId: inbox.id }, { transaction });
      }
    },

    /**
     * Messages to many people, each their own (a group of declarations tells each tenant about their house), as
     * notifyPeople writes them but in three statements for the lot: the deliveries, their inbox messages, and
     * the link from each delivery to its message. No dedupe keys here: notifyPeople is the path for those.
     */
    notifyEach: (messages: PersonMessage[], transaction: Transaction) => notifyTogether(messages, [], transaction),

    /** notifyStaff for many staff members and messages at once, in three statements (as notifyEach). */
    notifyStaffEach: (messages: StaffMessage[], transaction: Transaction) => notifyTogether([], messages, transaction),

    /**
     * notifyEach and notifyStaffEach in one go, for a use case that tells residents and staff in one transaction
     * (a report tells its reporter and the unit's handlers): all the deliveries in one INSERT, each inbox's
     * messages in one, and one UPDATE linking them.
     */
    notifyTogether,

    /** Staff read their messages in the admin app's inbox; it is written at once, whatever the hour. */
    async notifyStaff(staffIds: number[], notice: Notice, transaction: Transaction): Promise<void> {
      const unique = [...new Set(staffIds)];
      if (!unique.length) return;
      const now = clock.now();
      for (const staffId of unique) {
        const delivery = await Delivery.create({
          staffId, class: notice.urgent ? 'urgent' : 'transactional', ...messageText(notice), state: 'sent', reason: notice.urgent ? 'bypass_urgent' : 'staff', dueAt: now, sentAt: now, createdAt: now,
        }, { transaction });
        const inbox = await StaffInboxMessage.create({ staffId, ...messageText(notice), deliveryId: delivery.id, createdAt: now }, { transaction });
        await delivery.update({ inboxMessageId: inbox.id }, { transaction });
      }
    },

    inbox: (actor: Actor, q: { limit?: number; before?: number; unread?: boolean } = {}) => residentInbox.list(residentOf(actor), q),
    unreadCount: (actor: Actor) => residentInbox.unread(residentOf(actor)),
    message: (actor: Actor, id: number) => residentInbox.one(residentOf(actor), id),
    markRead: (actor: Actor, id: number) => residentInbox.read(residentOf(actor), id),
    markAllRead: (actor: Actor) => residentInbox.readAll(residentOf(actor)),
    staffInbox: (actor: Actor, q: { limit?: number; before?: number; unread?: boolean } = {}) => staffInbox.list(staffOf(actor), q),
    staffUnreadCount: (actor: Actor) => staffInbox.unread(staffOf(actor)),
    markStaffRead: (actor: Actor, id: number) => staffInbox.read(staffOf(actor), id),
    markAllStaffRead: (actor: Actor) => staffInbox.readAll(staffOf(actor)),

    subscribeTemplates(moment: SubscribeMoment) {
      return { templates: SUBSCRIBE_MOMENTS[moment].map((key) => ({ key, templateId: templates.idOf(key), title: WECHAT_TEMPLATES[key].title })) };
    },

    /** What requestSubscribeMessage answered on the phone: each `accept` is one more message WeChat will let us send. */
    async recordSubscribeResults(actor: Actor, results: Record<string, SubscribeResult>) {
      const personId = residentOf(actor);
      const accepted: TemplateKey[] = [];
      const errors: { field: string; message: string }[] = [];
      for (const [id, result] of Object.entries(results)) {
        const key = templates.keyOf(id);
        if (!key || !isTemplateKey(key)) errors.push({ field: `results.${id}`, message: '未知的消息模板' });
        else if (result === 'accept') accepted.push(key);
      }
      if (errors.length) throw new Invalid('订阅结果有误', errors);
      const now = clock.now();
      for (const key of accepted) {
        const where = { personId, templateKey: key };
        if (await SubscribeQuota.findOne({ where, raw: true })) await SubscribeQuota.increment({ remaining: 1 }, { where });
        else {
          // Two reports at once for a first subscription: the second insert loses to the primary key and adds instead.
          try { await SubscribeQuota.create({ ...where, remaining: 1, updatedAt: now }); } catch (err) {
            if (!(err instanceof UniqueConstraintError)) throw err;
            await SubscribeQuota.increment({ remaining: 1 }, { where });
          }
        }
      }
      return { quotas: await quotasOf(personId) };
    },

    subscriptions: (actor: Actor) => subscriptionsOf(residentOf(actor)),

    /** Explicit topic subscriptions; the person's facts follow at once, so that the next run sees them. */
    async setTopics(actor: Actor, topics: string[]) {
      const personId = residentOf(actor);
      const unknown = topics.filter((t) => !isTopic(t));
      if (unknown.length) throw new Invalid('订阅主题有误', unknown.map((t) => ({ field: 'topics', message: `未知的主题：${t}` })));
      const wanted = new Set(topics);
      await TopicSubscription.destroy({ where: { personId, topic: { [Op.notIn]: [...wanted, '-'] } } });
      const have = new Set((await TopicSubscription.findAll({ where: { personId }, attributes: ['topic'], raw: true })).map((r) => r.topic));
      const add = [...wanted].filter((t) => !have.has(t));
      if (add.length) await TopicSubscription.bulkCreate(add.map((topic) => ({ personId, topic, createdAt: clock.now() })), { ignoreDuplicates: true });
      await facts.refresh([personId]);
      return subscriptionsOf(personId);
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
