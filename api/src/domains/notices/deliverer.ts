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
import { isTemplateKey, type Reason, type TemplateKey, type WechatOutcome } from './vocabulary';

const CLAIM_MS = 2 * 60_000;

/** What counts against a person's caps: targeted notices delivered (WeChat failing still means the inbox got it) since `since`. */
export async function targetedDeliveredSince(Delivery: Models['Delivery'], personIds: number[], since: Date): Promise<Map<number, number>> {
  if (!personIds.length) return new Map();
  const rows = await Delivery.count({ where: { personId: personIds, class: 'targeted', state: ['sent', 'failed'], sentAt: { [Op.gte]: since } }, group: ['personId'] }) as unknown as { personId: number; count: number }[];
  return new Map(rows.map((r) => [r.personId, Number(r.count)]));
}
const PARALLEL_SENDS = 16;

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

  type Plan =
    | { d: DeliveryAttrs; kind: 'expired' }
    | { d: DeliveryAttrs; kind: 'hold' | 'cap'; reason: Reason; dueAt: Date }
    | { d: DeliveryAttrs; kind: 'send'; reason: Reason | null; wechat: WechatOutcome | 'to_send'; openid: string | null; errcode?: number | null; retry?: boolean };

  /** WeChat's answer for one message; errors are outcomes here, never thrown. */
  async function sendWechat(plan: Extract<Plan, { kind: 'send' }>, now: Date): Promise<void> {
    const d = plan.d;
    try {
      await wechat.sendSubscribeMessage({ touser: plan.openid!, templateId: templates.idOf(d.templateKey as TemplateKey), page: d.link ?? undefined, data: subscribeData(d.templateKey as TemplateKey, { title: d.title, body: d.body, eventCode: d.eventCode, at: now }, timezone) });
      plan.wechat = 'sent';
    } catch (err) {
      if (err instanceof WechatApiError && err.errcode === NO_QUOTA_ERRCODE) {
        Object.assign(plan, { wechat: 'no_quota', errcode: err.errcode, reason: plan.reason ?? 'no_quota' });
        return;
      }
      const transient = err instanceof WechatUnreachable || (err instanceof WechatApiError && TRANSIENT_ERRCODES.has(err.errcode));
      deps.logger?.warn({ err, delivery: d.id }, transient ? 'WeChat send failed; will retry' : 'WeChat send refused');
      Object.assign(plan, { wechat: 'failed', errcode: err instanceof WechatApiError ? err.errcode : null, retry: transient && d.attempts + 1 < MAX_ATTEMPTS });
    }
  }

  /**
   * Every outcome of a batch in one transaction: inbox messages (one per delivery, whatever happens twice),
   * subscriptions used, and each delivery's new state, recorded only while this instance holds its claim.
   */
  async function record(plans: Plan[], now: Date): Promise<void> {
    await sequelize.transaction(async (transaction) => {
      const needInbox = plans.filter((p) => p.kind === 'send' && !p.d.inboxMessageId);
      if (needInbox.length) {
        await InboxMessage.bulkCreate(needInbox.map(({ d }) => ({ personId: d.personId!, topic: d.topic, title: d.title, body: d.body, link: d.link, eventCode: d.eventCode, deliveryId: d.id, createdAt: now })), { ignoreDuplicates: true, transaction });
        const ids = new Map((await InboxMessage.findAll({ where: { deliveryId: needInbox.map((p) => p.d.id) }, attributes: ['id', 'deliveryId'], raw: true, transaction })).map((m) => [m.deliveryId!, m.id]));
        for (const p of needInbox) p.d.inboxMessageId = ids.get(p.d.id) ?? null;
      }
      // The same change for many deliveries is one UPDATE (a batch is mostly alike); the inbox message id is
      // looked up by the database itself.
      const groups = new Map<string, { changes: Partial<DeliveryAttrs>; ids: number[] }>();
      const used = new Map<string, { templateKey: string; n: number; personIds: number[] }>();
      const emptied: { personId: number; templateKey: string }[] = [];
      for (const p of plans) {
        const d = p.d;
        let changes: Partial<DeliveryAttrs>;
        if (p.kind === 'expired') changes = { state: 'expired', reason: 'rule_ended' };
        else if (p.kind !== 'send') changes = { state: p.kind === 'hold' ? 'held' : 'capped', reason: p.reason, dueAt: p.dueAt };
        else if (p.retry) changes = { state: 'pending', reason: 'retry', attempts: d.attempts + 1, wechat: 'failed', wechatErrcode: p.errcode ?? null, dueAt: new Date(now.getTime() + backoffMs(d.attempts + 1)) };
        else {
          const failed = p.wechat === 'failed';
          changes = { state: failed ? 'failed' : 'sent', sentAt: now, attempts: d.attempts + 1, wechat: p.wechat as WechatOutcome, wechatErrcode: p.errcode ?? null, reason: failed ? 'wechat_failed' : p.reason };
          if (p.wechat === 'sent') {
            const k = `${d.personId} ${d.templateKey}`;
            const u = used.get(k) ?? { templateKey: d.templateKey!, n: 0, personIds: [d.personId!] };
            u.n += 1;
            used.set(k, u);
          }
          if (p.errcode === NO_QUOTA_ERRCODE) emptied.push({ personId: d.personId!, templateKey: d.templateKey! });
        }
        const key = JSON.stringify(changes);
        const g = groups.get(key) ?? { changes, ids: [] };
        g.ids.push(d.id);
        groups.set(key, g);
      }
      const inboxOf = sequelize.literal('(SELECT m.id FROM inbox_messages m WHERE m.delivery_id = notice_deliveries.id)');
      for (const { changes, ids } of groups.values()) {
        await Delivery.update({ ...changes, inboxMessageId: inboxOf as never, claimedBy: null, claimedUntil: null }, { where: { id: ids, claimedBy: holder }, transaction });
      }
      // Subscriptions used (never below zero), one UPDATE per template and count; WeChat's 43101 says none is left.
      const byUse = new Map<string, { templateKey: string; n: number; personIds: number[] }>();
      for (const u of used.values()) {
        const k = `${u.templateKey} ${u.n}`;
        const g = byUse.get(k) ?? { templateKey: u.templateKey, n: u.n, personIds: [] };
        g.personIds.push(...u.personIds);
        byUse.set(k, g);
      }
      for (const g of byUse.values()) {
        await SubscribeQuota.update({ remaining: sequelize.literal(`CASE WHEN remaining > ${g.n} THEN remaining - ${g.n} ELSE 0 END`) as never, updatedAt: now }, { where: { templateKey: g.templateKey, personId: g.personIds }, transaction });
      }
      for (const e of emptied) await SubscribeQuota.update({ remaining: 0, updatedAt: now }, { where: e, transaction });
    });
  }

  return {
    holder,
    /** Delivers what is due now; returns counts by outcome. The scheduled job calls it every few seconds. */
    async deliverDue(limit = 500): Promise<Record<string, number>> {
      const now = clock.now();
      const batch = await claim(now, limit);
      if (!batch.length) return {};
      const today = cityDate(now, timezone);
      const dayStart = cityDayStart(today, timezone), weekStart = cityDayStart(today, timezone, -6);
      const minute = Math.floor((now.getTime() - dayStart.getTime()) / 60_000);
      const personIds = [...new Set(batch.map((d) => d.personId!))];
      const targetedIds = [...new Set(batch.filter((d) => d.class === 'targeted').map((d) => d.personId!))];
      const ruleIds = [...new Set(batch.map((d) => d.ruleId).filter((r): r is number => r !== null))];
      const [rules, people, quotaRows, sentToday, sentWeek] = await Promise.all([
        NoticeRule.findAll({ where: { id: ruleIds }, attributes: ['id', 'status', 'endsOn'], raw: true }),
        Person.findAll({ where: { id: personIds }, attributes: ['id', 'openid'], raw: true }),
        SubscribeQuota.findAll({ where: { personId: personIds }, raw: true }),
        targetedDeliveredSince(Delivery, targetedIds, dayStart), targetedDeliveredSince(Delivery, targetedIds, weekStart),
      ]);
      const ended = new Set(rules.filter((r) => r.status === 'ended' || (r.endsOn !== null && String(r.endsOn) < today)).map((r) => r.id));
      const openids = new Map(people.map((p) => [p.id, p.openid]));
      const quotas = new Map(quotaRows.map((q) => [`${q.personId} ${q.templateKey}`, q.remaining]));

      // Decide in order, person by person: what was just sent counts against the caps and uses the quota.
      const plans: Plan[] = batch.map((d) => {
        if (d.ruleId && ended.has(d.ruleId)) return { d, kind: 'expired' as const };
        const p = d.personId!;
        const decision = decide({ cls: d.class, minute, quiet, caps, sentToday: sentToday.get(p) ?? 0, sentThisWeek: sentWeek.get(p) ?? 0 });
        if (decision.action !== 'send') {
          return { d, kind: decision.action, reason: decision.reason, dueAt: new Date(Math.ceil((now.getTime() + decision.waitMinutes * 60_000) / 60_000) * 60_000) };
        }
        if (d.class === 'targeted') { sentToday.set(p, (sentToday.get(p) ?? 0) + 1); sentWeek.set(p, (sentWeek.get(p) ?? 0) + 1); }
        const openid = openids.get(p) ?? null, key = `${p} ${d.templateKey}`;
        if (!d.templateKey || !isTemplateKey(d.templateKey)) return { d, kind: 'send' as const, reason: decision.reason, wechat: 'not_sent' as const, openid };
        if (!openid) return { d, kind: 'send' as const, reason: decision.reason ?? 'not_wechat', wechat: 'not_sent' as const, openid };
        if ((quotas.get(key) ?? 0) <= 0) return { d, kind: 'send' as const, reason: decision.reason ?? 'no_quota', wechat: 'no_quota' as const, openid };
        quotas.set(key, quotas.get(key)! - 1);
        return { d, kind: 'send' as const, reason: decision.reason, wechat: 'to_send' as const, openid };
      });

      // WeChat, several at a time: the only slow part, and no database connection is held meanwhile.
      const toSend = plans.filter((p): p is Extract<Plan, { kind: 'send' }> => p.kind === 'send' && p.wechat === 'to_send');
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(PARALLEL_SENDS, toSend.length) }, async () => { for (let i = next++; i < toSend.length; i = next++) await sendWechat(toSend[i], now); }));
      await record(plans, now);

      const counts: Record<string, number> = {};
      for (const p of plans) {
        const outcome = p.kind === 'send' ? (p.retry ? 'retry' : p.wechat === 'failed' ? 'failed' : 'sent') : p.kind === 'expired' ? 'expired' : p.kind === 'hold' ? 'held' : 'capped';
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
      return counts;
    },
  };
}

export type Deliverer = ReturnType<typeof createDeliverer>;
