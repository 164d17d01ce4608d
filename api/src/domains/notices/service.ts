// Notices to people: every message goes to the in-app inbox and, through the outbox written in the same
// transaction as the change that causes it, to WeChat (delivered by the notices deliverer, a later issue).
import type { Transaction } from 'sequelize';
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import { Forbidden, NotFound, Unauthenticated } from '../../errors';
import type { NoticeModels } from './model';

export interface Notice { title: string; body: string; link?: string; eventCode?: string; topic: string }

export function createNoticeService({ models, clock }: { models: NoticeModels; clock: Clock }) {
  const { InboxMessage, OutboxMessage } = models;

  function residentOf(actor: Actor): number {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'resident') throw new Forbidden('消息中心只面向居民账号');
    return actor.id;
  }

  return {
    /** Inside the caller's transaction: the notice commits with the change it reports, or not at all. */
    async notifyPeople(personIds: number[], notice: Notice, transaction: Transaction): Promise<void> {
      const unique = [...new Set(personIds)];
      if (!unique.length) return;
      await InboxMessage.bulkCreate(unique.map((personId) => ({ personId, title: notice.title, body: notice.body, link: notice.link ?? null, eventCode: notice.eventCode ?? null })), { transaction });
      await OutboxMessage.bulkCreate(unique.map((personId) => ({ channel: 'wechat_subscribe', personId, topic: notice.topic, payload: { title: notice.title, body: notice.body, link: notice.link ?? null }, state: 'pending' as const })), { transaction });
    },

    /** Staff have no inbox yet: their notices wait in the outbox for the delivery channel of the notices issue. */
    async notifyStaff(staffIds: number[], notice: Notice, transaction: Transaction): Promise<void> {
      const unique = [...new Set(staffIds)];
      if (!unique.length) return;
      await OutboxMessage.bulkCreate(unique.map((staffId) => ({ channel: 'staff', staffId, topic: notice.topic, payload: { title: notice.title, body: notice.body, link: notice.link ?? null, eventCode: notice.eventCode ?? null }, state: 'pending' as const })), { transaction });
    },

    async inbox(actor: Actor) {
      const personId = residentOf(actor);
      const rows = await InboxMessage.findAll({ where: { personId }, order: [['id', 'DESC']], limit: 100, raw: true });
      const unreadCount = await InboxMessage.count({ where: { personId, readAt: null } });
      return { items: rows.map(({ id, title, body, link, eventCode, createdAt, readAt }) => ({ id, title, body, link, eventCode, createdAt, readAt })), unreadCount };
    },

    async markRead(actor: Actor, id: number): Promise<void> {
      const personId = residentOf(actor);
      const row = await InboxMessage.findOne({ where: { id, personId }, raw: true });
      // Another person's message is "not found", not "forbidden": its existence is not theirs to learn.
      if (!row) throw new NotFound('没有这条消息');
      if (!row.readAt) await InboxMessage.update({ readAt: clock.now() }, { where: { id } });
    },
  };
}

export type NoticeService = ReturnType<typeof createNoticeService>;
