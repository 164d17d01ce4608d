// Facts about people (resident_facts): a projection of what Weave holds, so that an audience is one query
// over one table instead of joins across domains at city scale. Rules read facts, never personal records;
// the facts keep a birth date and a region, not names or identity numbers. A person's row is rebuilt from
// their declarations, fee binding and ledgers, reports and island visits, and topic subscriptions.
import { Op, type Transaction } from 'sequelize';
import { cityDate, type Clock } from '../../clock';
import type { Models } from '../../db/models';
import { birthDateOf, sexOf, type PiiCipher } from '../declarations';
import { monthStatus } from '../fees';
import type { FactAttrs } from './model';
import type { PersonFacts } from './audience';

const OPEN_EVENT_STATUSES = ['reported', 'filed', 'dispatched', 'in_progress', 'resolved', 'returned', 'reopened'];
const TOURIST_SOURCES = ['tourist_complaint', 'tourist_help'];
const ACTIVE_DECLARATION = ['accepted', 'pending_verification'];
/** Arrears are counted over the last two years of ledgers. */
const ARREARS_MONTHS_BACK = 24;
const BATCH = 1000;

export function toPersonFacts(row: Pick<FactAttrs, Exclude<keyof FactAttrs, 'personId' | 'refreshedAt' | 'islandRegionPath'>>): PersonFacts {
  return {
    birthDate: row.birthDate, sex: row.sex, regionPath: row.regionPath, gridCode: row.gridCode, declared: Boolean(row.declared),
    declarationValidUntil: row.declarationValidUntil, insured: Boolean(row.insured), arrearsMonths: Number(row.arrearsMonths), islandCode: row.islandCode,
    islandSeenOn: row.islandSeenOn, openEvents: Number(row.openEvents), topics: row.topics.split(',').filter(Boolean),
  };
}

export function createFactService(deps: { models: Models; clock: Clock; timezone: string; pii: PiiCipher }) {
  const { models, clock, timezone, pii } = deps;

  /** Rebuilds the facts of these people (inside the caller's transaction when given). */
  async function refresh(personIds: readonly number[], transaction?: Transaction): Promise<number> {
    const ids = [...new Set(personIds)];
    let done = 0;
    for (let i = 0; i < ids.length; i += BATCH) done += await refreshBatch(ids.slice(i, i + BATCH), transaction);
    return done;
  }

  async function refreshBatch(ids: number[], transaction?: Transaction): Promise<number> {
    const t = { transaction, raw: true as const };
    const now = clock.now(), today = cityDate(now, timezone);
    const people = await models.Person.findAll({ where: { id: ids }, attributes: ['id'], ...t });
    if (!people.length) return 0;
    const [declarations, bindings, open, visits, subscriptions] = await Promise.all([
      models.Declaration.findAll({ where: { personId: ids, status: ACTIVE_DECLARATION }, attributes: ['id', 'personId', 'birthDate', 'sex', 'regionPath', 'gridId', 'validUntil'], order: [['id', 'ASC']], ...t }),
      models.InsuredBinding.findAll({ where: { personId: ids }, attributes: ['personId', 'idHash', 'idCipher'], ...t }),
      models.Event.count({ where: { reporterId: ids, status: OPEN_EVENT_STATUSES, mergedIntoId: null }, group: ['reporterId'], transaction }),
      models.Event.findAll({ where: { reporterId: ids, source: TOURIST_SOURCES }, attributes: ['id', 'reporterId', 'createdAt'], order: [['id', 'ASC']], ...t }),
      models.TopicSubscription.findAll({ where: { personId: ids }, attributes: ['personId', 'topic'], ...t }),
    ]);
    const latestDeclaration = new Map(declarations.map((d) => [d.personId!, d])); // ascending ids: the newest wins
    const grids = new Map((await models.Grid.findAll({ where: { id: [...new Set(declarations.map((d) => d.gridId))] }, attributes: ['id', 'code'], ...t })).map((g) => [g.id, g.code]));
    const openCount = new Map((open as unknown as { reporterId: number; count: number }[]).map((r) => [r.reporterId, Number(r.count)]));
    // The island of each person's latest complaint or call for help.
    const latestVisit = new Map(visits.map((v) => [v.reporterId!, v]));
    const visitEventIds = [...latestVisit.values()].map((v) => v.id);
    const [complaints, calls] = await Promise.all([
      models.TouristComplaint.findAll({ where: { eventId: visitEventIds }, attributes: ['eventId', 'islandId'], ...t }),
      models.HelpCall.findAll({ where: { eventId: visitEventIds }, attributes: ['eventId', 'islandId'], ...t }),
    ]);
    const islandOfEvent = new Map([...complaints, ...calls].map((r) => [r.eventId, r.islandId]));
    const islands = new Map((await models.Island.findAll({ where: { id: [...new Set(islandOfEvent.values())] }, attributes: ['id', 'code', 'regionId'], ...t })).map((i) => [i.id, i]));
    const islandRegions = new Map((await models.Region.findAll({ where: { id: [...new Set([...islands.values()].map((i) => i.regionId))] }, attributes: ['id', 'path'], ...t })).map((r) => [r.id, r.path]));
    const topics = new Map<number, string[]>();
    for (const s of subscriptions) topics.set(s.personId, [...(topics.get(s.personId) ?? []), s.topic]);
    const arrears = await arrearsMonths(bindings.map((b) => b.idHash), today, transaction);

    const rows: FactAttrs[] = people.map(({ id }) => {
      const d = latestDeclaration.get(id);
      const b = bindings.find((x) => x.personId === id);
      let birthDate: string | null = d ? String(d.birthDate).slice(0, 10) : null, sex: string | null = d?.sex ?? null;
      if (!d && b) {
        const idNumber = pii.decrypt(b.idCipher);
        birthDate = birthDateOf(idNumber);
        sex = sexOf(idNumber);
      }
      const visit = latestVisit.get(id);
      const island = visit ? islands.get(islandOfEvent.get(visit.id) ?? -1) : undefined;
      const personTopics = topics.get(id) ?? [];
      return {
        personId: id, birthDate, sex, regionPath: d?.regionPath ?? null, islandRegionPath: island ? islandRegions.get(island.regionId) ?? null : null,
        gridCode: d ? grids.get(d.gridId) ?? null : null, declared: Boolean(d), declarationValidUntil: d ? String(d.validUntil).slice(0, 10) : null,
        insured: Boolean(b), arrearsMonths: b ? arrears.get(b.idHash) ?? 0 : 0, islandCode: island?.code ?? null,
        islandSeenOn: island && visit ? cityDate(new Date(visit.createdAt), timezone) : null, openEvents: openCount.get(id) ?? 0,
        topics: personTopics.length ? `,${personTopics.sort().join(',')},` : '', refreshedAt: now,
      };
    });
    await models.ResidentFact.bulkCreate(rows, {
      transaction,
      updateOnDuplicate: ['birthDate', 'sex', 'regionPath', 'islandRegionPath', 'gridCode', 'declared', 'declarationValidUntil', 'insured', 'arrearsMonths', 'islandCode', 'islandSeenOn', 'openEvents', 'topics', 'refreshedAt'],
    });
    return rows.length;
  }

  /** Months in arrears per payer: due after the grace period and not collected, by the tax office's ledger. */
  async function arrearsMonths(payerHashes: string[], today: string, transaction?: Transaction): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!payerHashes.length) return out;
    const [y, m] = today.split('-').map(Number);
    const from = new Date(Date.UTC(y, m - 1 - ARREARS_MONTHS_BACK, 1)).toISOString().slice(0, 7);
    const rows = await models.LedgerRow.findAll({ where: { payerHash: payerHashes, period: { [Op.gte]: from } }, attributes: ['payerHash', 'period', 'source', 'dueEmployerFen', 'duePersonalFen', 'paidEmployerFen', 'paidPersonalFen'], raw: true, transaction });
    const keys = new Map<string, { payer: string; period: string; due: number; collected: number; received: number }>();
    for (const r of rows) {
      const k = `${r.payerHash}|${r.period}`;
      const v = keys.get(k) ?? { payer: r.payerHash, period: r.period, due: 0, collected: 0, received: 0 };
      const due = Number(r.dueEmployerFen) + Number(r.duePersonalFen), paid = Number(r.paidEmployerFen) + Number(r.paidPersonalFen);
      if (r.source === 'bureau' || r.source === 'tax') v.due = Math.max(v.due, due);
      // A doubled row of one source counts once (the larger), as in the insured person's own view.
      if (r.source === 'tax') v.collected = Math.max(v.collected, paid);
      if (r.source === 'finance') v.received = Math.max(v.received, paid);
      keys.set(k, v);
    }
    for (const v of keys.values()) {
      if (v.due > 0 && monthStatus({ period: v.period, dueFen: v.due, collectedFen: v.collected, receivedFen: v.received, today }) === 'arrears') out.set(v.payer, (out.get(v.payer) ?? 0) + 1);
    }
    return out;
  }

  return {
    refresh,
    /** Every person, in batches: the scheduled job, and before a run in a small city. */
    async refreshAll(): Promise<number> {
      let last = 0, done = 0;
      for (;;) {
        const ids = (await models.Person.findAll({ where: { id: { [Op.gt]: last } }, attributes: ['id'], order: [['id', 'ASC']], limit: BATCH, raw: true })).map((p) => p.id);
        if (!ids.length) return done;
        done += await refreshBatch(ids);
        last = ids[ids.length - 1];
      }
    },
    /** When the facts were last rebuilt (the oldest row's time would be costly; the newest is what staff are shown). */
    async asOf(): Promise<Date | null> {
      const v = await models.ResidentFact.max('refreshedAt');
      return v ? new Date(v as string | Date) : null;
    },
  };
}

export type FactService = ReturnType<typeof createFactService>;
