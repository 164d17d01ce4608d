// The delivery log and its statistics for staff: every message with its state, the reason the deliverer
// gave and what WeChat answered. District staff see the deliveries of their region's rules; staff at the
// top of the city also see the messages other domains send.
import { Op, type WhereOptions } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import { noticeStaff } from './access';
import { cityDate, cityDayStart, type Clock } from '../../clock';
import type { Models } from '../../db/models';
import { maskPhone } from '../declarations';
import { DELIVERY_STATES, REASONS, type DeliveryState } from './vocabulary';


export function createDeliveryLog(deps: { models: Models; clock: Clock; timezone: string }) {
  const { models, clock, timezone } = deps;
  const { Delivery, NoticeRule, InboxMessage } = models;

  const staffOf = (actor: Actor) => noticeStaff(actor, '查看推送记录');
  async function scope(staff: StaffActor, ruleId?: number): Promise<WhereOptions> {
    const rules = await NoticeRule.findAll({ where: { scopePath: { [Op.like]: `${staff.regionPath}%` }, ...(ruleId ? { id: ruleId } : {}) }, attributes: ['id', 'name'], raw: true });
    const ids = rules.map((r) => r.id);
    const cityWide = staff.regionPath.split('/').filter(Boolean).length <= 1;
    if (ruleId) return { ruleId: ids.length ? ids : [-1] };
    return cityWide ? {} : { ruleId: ids.length ? ids : [-1] };
  }

  return {
    async list(actor: Actor, q: { page: number; pageSize: number; ruleId?: number; state?: DeliveryState; class?: string }) {
      const staff = staffOf(actor);
      const where = { [Op.and]: [await scope(staff, q.ruleId), ...(q.state ? [{ state: q.state }] : []), ...(q.class ? [{ class: q.class }] : [])] };
      const { rows, count } = await Delivery.findAndCountAll({ where, order: [['id', 'DESC']], offset: (q.page - 1) * q.pageSize, limit: q.pageSize, raw: true });
      const [rules, people, staffRows, inbox] = await Promise.all([
        NoticeRule.findAll({ where: { id: [...new Set(rows.map((r) => r.ruleId).filter((x): x is number => x !== null))] }, attributes: ['id', 'name'], raw: true }),
        models.Person.findAll({ where: { id: [...new Set(rows.map((r) => r.personId).filter((x): x is number => x !== null))] }, attributes: ['id', 'phone'], raw: true }),
        models.Staff.findAll({ where: { id: [...new Set(rows.map((r) => r.staffId).filter((x): x is number => x !== null))] }, attributes: ['id', 'displayName'], raw: true }),
        InboxMessage.findAll({ where: { id: rows.map((r) => r.inboxMessageId).filter((x): x is number => x !== null) }, attributes: ['id', 'readAt'], raw: true }),
      ]);
      const ruleName = new Map(rules.map((r) => [r.id, r.name])), phone = new Map(people.map((p) => [p.id, p.phone])), staffName = new Map(staffRows.map((s) => [s.id, s.displayName]));
      const readAt = new Map(inbox.map((m) => [m.id, m.readAt]));
      return {
        items: rows.map((d) => ({
          id: d.id, ruleId: d.ruleId, ruleName: d.ruleId ? ruleName.get(d.ruleId) ?? null : null, class: d.class, topic: d.topic,
          recipient: d.staffId ? `工作人员 ${staffName.get(d.staffId) ?? d.staffId}` : `居民 ${maskPhone(phone.get(d.personId!) ?? null) ?? `#${d.personId}`}`,
          state: d.state, stateName: DELIVERY_STATES[d.state] ?? d.state, reason: d.reason, reasonText: d.reason ? REASONS[d.reason as keyof typeof REASONS] ?? d.reason : null,
          wechat: d.wechat, wechatErrcode: d.wechatErrcode, attempts: d.attempts, dueAt: new Date(d.dueAt), sentAt: d.sentAt ? new Date(d.sentAt) : null,
          readAt: d.inboxMessageId && readAt.get(d.inboxMessageId) ? new Date(readAt.get(d.inboxMessageId)!) : null, createdAt: new Date(d.createdAt),
        })),
        total: count, page: q.page, pageSize: q.pageSize,
      };
    },

    /** Counts by state over deliveries created in [from, to] (city days; the last 30 days by default). */
    async stats(actor: Actor, q: { from?: string; to?: string; ruleId?: number }) {
      const staff = staffOf(actor);
      const today = cityDate(clock.now(), timezone);
      const to = q.to ?? today;
      const from = q.from ?? cityDate(cityDayStart(to, timezone, -29), timezone);
      const where = { [Op.and]: [await scope(staff, q.ruleId), { createdAt: { [Op.gte]: cityDayStart(from, timezone), [Op.lt]: cityDayStart(to, timezone, 1) } }] };
      const rows = await Delivery.findAll({ where, attributes: ['ruleId', 'state', 'sentAt', 'inboxMessageId', 'createdAt'], raw: true });
      const readIds = new Set<number>();
      const withInbox = rows.map((r) => r.inboxMessageId).filter((x): x is number => x !== null);
      for (let i = 0; i < withInbox.length; i += 5000) {
        for (const m of await InboxMessage.findAll({ where: { id: withInbox.slice(i, i + 5000), readAt: { [Op.ne]: null } }, attributes: ['id'], raw: true })) readIds.add(m.id);
      }
      const totals = { sent: 0, held: 0, capped: 0, failed: 0, pending: 0, expired: 0, read: 0, deduped: 0 };
      const byRule = new Map<number, { sent: number; held: number; capped: number; failed: number; read: number }>();
      const byDay = new Map<string, { sent: number; read: number }>();
      for (const r of rows) {
        totals[r.state as keyof typeof totals] += 1;
        const read = r.inboxMessageId !== null && readIds.has(r.inboxMessageId);
        if (read) totals.read += 1;
        if (r.ruleId) {
          const b = byRule.get(r.ruleId) ?? { sent: 0, held: 0, capped: 0, failed: 0, read: 0 };
          if (r.state in b) b[r.state as 'sent'] += 1;
          if (read) b.read += 1;
          byRule.set(r.ruleId, b);
        }
        if (r.sentAt) {
          const day = cityDate(new Date(r.sentAt), timezone);
          const b = byDay.get(day) ?? { sent: 0, read: 0 };
          b.sent += 1;
          if (read) b.read += 1;
          byDay.set(day, b);
        }
      }
      const runs = await models.NoticeRun.sum('deduped', { where: { ...(q.ruleId ? { ruleId: q.ruleId } : {}), startedAt: { [Op.gte]: cityDayStart(from, timezone), [Op.lt]: cityDayStart(to, timezone, 1) } } });
      totals.deduped = Number(runs ?? 0);
      const names = new Map((await NoticeRule.findAll({ where: { id: [...byRule.keys()] }, attributes: ['id', 'name'], raw: true })).map((r) => [r.id, r.name]));
      return {
        totals,
        byRule: [...byRule.entries()].map(([ruleId, c]) => ({ ruleId, name: names.get(ruleId) ?? String(ruleId), ...c })),
        byDay: [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, c]) => ({ date, ...c })),
      };
    },
  };
}

export type DeliveryLog = ReturnType<typeof createDeliveryLog>;
