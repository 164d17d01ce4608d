// The deliverer: takes due deliveries (claimed in the database, so that two instances never take the
// same one), decides per message (send, hold for quiet hours, defer for caps), writes the inbox message
// and sends the WeChat subscribe message when the person has a subscription left. A message is sent at
// least once (a crash between the send and the record means a resend) and recorded exactly once (the
// inbox message is unique per delivery, and the record is conditional on still holding the claim).
import crypto from 'node:crypto';
import { Op } from 'sequelize';
import type { Logger } from 'pino';
import { cityDate, cityDayStart, type Clock } from '../../clock';
import type { Models } from '../../db/models';
import { WechatApiError, WechatUnreachable, type WechatClient } from '../../integrations/wechat/client';
import { MAX_ATTEMPTS, NO_QUOTA_ERRCODE, TRANSIENT_ERRCODES, backoffMs, decide, parseQuietHours, type Caps } from './delivery-rules';
import { subscribeData } from './message-template';
import type { DeliveryAttrs } from './model';
import type { TemplateIds } from './service';
import { isTemplateKey, type Reason, type WechatOutcome } from './vocabulary';

const CLAIM_MS = 2 * 60_000;
const PARALLEL_PEOPLE = 16;

export function createDeliverer(deps: { sequelize: Models['Person']['sequelize']; models: Models; clock: Clock; timezone: string; wechat: WechatClient; templates: TemplateIds; caps: Caps; quietHours: string; logger?: Logger }) {
  const { models, clock, timezone, wechat, templates, caps } = deps;
  const { Delivery, InboxMessage, SubscribeQuota, NoticeRule, Person } = models;
  const sequelize = deps.sequelize!;
  const quiet = parseQuietHours(deps.quietHours);
  const holder = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

  async function claim(now: Date, limit: number): Promise<DeliveryAttrs[]> {
    const free = { [Op.or]: [{ claimedUntil: null }, { claimedUntil: { [Op.lt]: now } }] };
    const ids = (await Delivery.findAll({ where: { state: ['pending', 'held', 'capped'], dueAt: { [Op.lte]: now }, personId: { [Op.ne]: null }, ...free }, attributes: ['id'], order: [['dueAt', 'ASC'], ['id', 'ASC']], limit, raw: true })).map((d) => d.id);
    if (!ids.length) return [];
    const until = new Date(now.getTime() + CLAIM_MS);
    await Delivery.update({ claimedBy: holder, claimedUntil: until }, { where: { id: ids, ...free } });
    return Delivery.findAll({ where: { id: ids, claimedBy: holder, claimedUntil: until }, order: [['id', 'ASC']], raw: true });
  }

  /** Records the outcome if this instance still holds the claim; writes the inbox message once. */
  async function record(d: DeliveryAttrs, changes: Partial<DeliveryAttrs>, writeInbox: boolean): Promise<boolean> {
    return sequelize.transaction(async (transaction) => {
      let inboxMessageId = d.inboxMessageId;
      if (writeInbox && !inboxMessageId) {
        const [inbox] = await InboxMessage.findOrCreate({ where: { deliveryId: d.id }, defaults: { personId: d.personId!, topic: d.topic, title: d.title, body: d.body, link: d.link, eventCode: d.eventCode, deliveryId: d.id, createdAt: clock.now() }, transaction });
        inboxMessageId = inbox.id;
      }
      const [n] = await Delivery.update({ ...changes, inboxMessageId, claimedBy: null, claimedUntil: null }, { where: { id: d.id, claimedBy: holder }, transaction });
      return n === 1;
    });
  }

  async function sendWechat(d: DeliveryAttrs, openid: string | null, now: Date): Promise<{ wechat: WechatOutcome; errcode: number | null; reason: Reason | null; retry: boolean }> {
    if (!d.templateKey || !isTemplateKey(d.templateKey)) return { wechat: 'not_sent', errcode: null, reason: null, retry: false };
    if (!openid) return { wechat: 'not_sent', errcode: null, reason: 'not_wechat', retry: false };
    const quota = await SubscribeQuota.findOne({ where: { personId: d.personId!, templateKey: d.templateKey }, raw: true });
    if (!quota || quota.remaining <= 0) return { wechat: 'no_quota', errcode: null, reason: 'no_quota', retry: false };
    try {
      await wechat.sendSubscribeMessage({ touser: openid, templateId: templates.idOf(d.templateKey), page: d.link ?? undefined, data: subscribeData(d.templateKey, { title: d.title, body: d.body, eventCode: d.eventCode, at: now }, timezone) });
      // One subscription used. Never below zero, even if the person's phone and we disagreed.
      await SubscribeQuota.decrement({ remaining: 1 }, { where: { personId: d.personId!, templateKey: d.templateKey, remaining: { [Op.gt]: 0 } } });
      return { wechat: 'sent', errcode: null, reason: null, retry: false };
    } catch (err) {
      if (err instanceof WechatApiError && err.errcode === NO_QUOTA_ERRCODE) {
        await SubscribeQuota.update({ remaining: 0 }, { where: { personId: d.personId!, templateKey: d.templateKey } });
        return { wechat: 'no_quota', errcode: err.errcode, reason: 'no_quota', retry: false };
      }
      const transient = err instanceof WechatUnreachable || (err instanceof WechatApiError && TRANSIENT_ERRCODES.has(err.errcode));
      deps.logger?.warn({ err, delivery: d.id }, transient ? 'WeChat send failed; will retry' : 'WeChat send refused');
      return { wechat: 'failed', errcode: err instanceof WechatApiError ? err.errcode : null, reason: transient ? 'retry' : 'wechat_failed', retry: transient };
    }
  }

  async function deliverOne(d: DeliveryAttrs, now: Date, openid: string | null, endedRules: Set<number>): Promise<string> {
    const today = cityDate(now, timezone);
    if (d.ruleId && endedRules.has(d.ruleId)) {
      await record(d, { state: 'expired', reason: 'rule_ended' }, false);
      return 'expired';
    }
    const dayStart = cityDayStart(today, timezone);
    const minute = Math.floor((now.getTime() - dayStart.getTime()) / 60_000);
    let sentToday = 0, sentThisWeek = 0;
    if (d.class === 'targeted') {
      const sent = { personId: d.personId!, class: 'targeted', state: ['sent', 'failed'] };
      [sentToday, sentThisWeek] = await Promise.all([
        Delivery.count({ where: { ...sent, sentAt: { [Op.gte]: dayStart } } }),
        Delivery.count({ where: { ...sent, sentAt: { [Op.gte]: cityDayStart(today, timezone, -6) } } }),
      ]);
    }
    const decision = decide({ cls: d.class, minute, quiet, caps, sentToday, sentThisWeek });
    if (decision.action !== 'send') {
      // Held or deferred: the inbox message of a transactional notice is already there; only the push waits.
      await record(d, { state: decision.action === 'hold' ? 'held' : 'capped', reason: decision.reason, dueAt: new Date(Math.ceil((now.getTime() + decision.waitMinutes * 60_000) / 60_000) * 60_000) }, false);
      return decision.action === 'hold' ? 'held' : 'capped';
    }
    const w = await sendWechat(d, openid, now);
    if (w.retry && d.attempts + 1 < MAX_ATTEMPTS) {
      // The inbox message is written now: the person reads it while WeChat is retried.
      await record(d, { state: 'pending', reason: 'retry', attempts: d.attempts + 1, wechat: 'failed', wechatErrcode: w.errcode, dueAt: new Date(now.getTime() + backoffMs(d.attempts + 1)) }, true);
      return 'retry';
    }
    const failed = w.wechat === 'failed';
    await record(d, {
      state: failed ? 'failed' : 'sent', sentAt: now, attempts: d.attempts + 1, wechat: w.wechat, wechatErrcode: w.errcode,
      reason: failed ? 'wechat_failed' : decision.reason ?? w.reason,
    }, true);
    return failed ? 'failed' : 'sent';
  }

  return {
    holder,
    /** Delivers what is due now; returns counts by outcome. The scheduled job calls it every few seconds. */
    async deliverDue(limit = 500): Promise<Record<string, number>> {
      const now = clock.now();
      const batch = await claim(now, limit);
      const counts: Record<string, number> = {};
      if (!batch.length) return counts;
      const ruleIds = [...new Set(batch.map((d) => d.ruleId).filter((r): r is number => r !== null))];
      const today = cityDate(now, timezone);
      const ended = new Set((await NoticeRule.findAll({ where: { id: ruleIds }, attributes: ['id', 'status', 'endsOn'], raw: true }))
        .filter((r) => r.status === 'ended' || (r.endsOn !== null && String(r.endsOn) < today)).map((r) => r.id));
      const openids = new Map((await Person.findAll({ where: { id: [...new Set(batch.map((d) => d.personId!))] }, attributes: ['id', 'openid'], raw: true })).map((p) => [p.id, p.openid]));
      // One person's messages in order (the caps count what was just sent); people in parallel.
      const byPerson = new Map<number, DeliveryAttrs[]>();
      for (const d of batch) byPerson.set(d.personId!, [...(byPerson.get(d.personId!) ?? []), d]);
      const queues = [...byPerson.values()];
      const worker = async () => {
        for (let q = queues.shift(); q; q = queues.shift()) {
          for (const d of q) {
            const outcome = await deliverOne(d, now, openids.get(d.personId!) ?? null, ended).catch((err: unknown) => { deps.logger?.error({ err, delivery: d.id }, 'delivery failed'); return 'error'; });
            counts[outcome] = (counts[outcome] ?? 0) + 1;
          }
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_PEOPLE }, worker));
      return counts;
    },
  };
}

export type Deliverer = ReturnType<typeof createDeliverer>;
