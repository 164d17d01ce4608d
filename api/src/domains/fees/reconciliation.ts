// Reconciliation of one period's three ledgers (三方对账): the period's rows are read in payer order a page at
// a time, summed per source, and every payer × type key judged by the pure matcher. A key that
// does not match becomes (or stays) an open discrepancy for staff; one that matches again closes its old
// discrepancy. Memory is bounded by the page of payers, and a re-run changes nothing that has not changed.
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Actor } from '../../actor';
import { cityDate, type Clock } from '../../clock';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../../errors';
import { mayFees } from './access';
import { LEDGER_SOURCES, matchKey, OUTCOMES, type LedgerSource, type SourceRecord } from './matcher';
import type { DiscrepancyAttrs, FeeModels, RunAttrs } from './model';
import { INSURANCE_TYPES, type InsuranceType } from './service';

const DEFAULT_ROWS_PER_PAGE = 20_000;
export const RUN_STATUSES = { running: '对账中', done: '已完成', failed: '失败' } as const;
export const DISCREPANCY_STATUSES = { open: '待处理', closed: '已关闭' } as const;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** `pageRows`: rows read per page (tests make it tiny so that payers straddle page boundaries). */
export function createReconciliationService(deps: { sequelize: Sequelize; models: FeeModels; clock: Clock; pageRows?: number }) {
  const ROWS_PER_PAGE = deps.pageRows ?? DEFAULT_ROWS_PER_PAGE;
  const { sequelize, models, clock } = deps;
  const { ReconciliationRun, Discrepancy } = models;
  const running = new Map<string, Promise<RunAttrs>>();

  function staff(actor: Actor, manage: boolean) {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (!mayFees(actor, manage ? 'reconcile' : 'read_reconciliation')) throw new Forbidden('只有督办员和系统管理员可以对账');
    return actor;
  }

  function runView(r: RunAttrs) {
    const sources = parse<RunAttrs['sources']>(r.sources);
    return {
      id: r.id, period: r.period, status: r.status, statusName: RUN_STATUSES[r.status], sources, keys: r.keysCompared, matched: r.matched, discrepancies: r.discrepancies,
      reconciledShare: r.keysCompared ? Math.round((r.matched / r.keysCompared) * 10000) / 10000 : null, startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt),
    };
  }

  function discrepancyView(d: DiscrepancyAttrs) {
    const detail = parse<DiscrepancyAttrs['detail']>(d.detail);
    return {
      id: d.id, period: d.period, payerMasked: d.payerMasked, type: d.insuranceType, typeName: INSURANCE_TYPES[d.insuranceType as InsuranceType] ?? d.insuranceType,
      kind: d.kind, kindName: OUTCOMES[d.kind], missingIn: detail.missingIn ?? [], amounts: detail.amounts ?? {}, status: d.status, statusName: DISCREPANCY_STATUSES[d.status],
      note: d.note, closedAt: iso(d.closedAt),
    };
  }

  async function execute(runId: number, period: string): Promise<RunAttrs> {
    const sources = Object.fromEntries((Object.keys(LEDGER_SOURCES) as LedgerSource[]).map((s) => [s, { rows: 0, amountFen: 0 }])) as RunAttrs['sources'];
    let keys = 0, matched = 0, open = 0;
    try {
      // One ordered range scan per page over (period, payer_hash): the rows of a few thousand payers, summed
      // here. The last payer of a full page may continue on the next, so it is left for that page.
      let after = '';
      for (;;) {
        const rows = await sequelize.query<{ payer_hash: string; insurance_type: string; source: LedgerSource; amount: number | string; payer_masked: string }>(
          `SELECT payer_hash, insurance_type, source, paid_employer_fen + paid_personal_fen AS amount, payer_masked
             FROM fee_ledger_rows WHERE period = ? AND payer_hash > ? ORDER BY payer_hash LIMIT ?`,
          { replacements: [period, after, ROWS_PER_PAGE], type: QueryTypes.SELECT });
        if (!rows.length) break;
        const full = rows.length === ROWS_PER_PAGE;
        const last = rows[rows.length - 1].payer_hash;
        const page = full && rows[0].payer_hash !== last ? rows.filter((r) => r.payer_hash !== last) : rows;
        if (full && page === rows) throw new Error(`one payer has more than ${ROWS_PER_PAGE} rows in ${period}`);
        after = page[page.length - 1].payer_hash;
        const payers = [...new Set(page.map((r) => r.payer_hash))];
        const byKey = new Map<string, { payerHash: string; type: string; masked: string; records: Partial<Record<LedgerSource, SourceRecord>> }>();
        for (const r of page) {
          const key = `${r.payer_hash}|${r.insurance_type}`;
          const entry = byKey.get(key) ?? { payerHash: r.payer_hash, type: r.insurance_type, masked: r.payer_masked, records: {} };
          const rec = entry.records[r.source] ?? { rows: 0, amountFen: 0 };
          rec.rows += 1;
          rec.amountFen += Number(r.amount);
          entry.records[r.source] = rec;
          sources[r.source].rows += 1;
          sources[r.source].amountFen += Number(r.amount);
          byKey.set(key, entry);
        }
        const existing = new Map((await Discrepancy.findAll({ where: { period, payerHash: payers }, raw: true })).map((d) => [`${d.payerHash}|${d.insuranceType}`, d]));
        const now = clock.now();
        await sequelize.transaction(async (t) => {
          const fresh: Pick<DiscrepancyAttrs, 'period' | 'payerHash' | 'payerMasked' | 'insuranceType' | 'kind' | 'detail' | 'status'>[] = [];
          for (const [key, entry] of byKey) {
            keys++;
            const outcome = matchKey(entry.records);
            const before = existing.get(key);
            if (outcome.kind === 'matched') {
              matched++;
              if (before && before.status === 'open') await Discrepancy.update({ status: 'closed', closedAt: now, closedBy: null, note: before.note ? `${before.note}；重新对账已对平` : '重新对账已对平' }, { where: { id: before.id }, transaction: t });
              continue;
            }
            open++;
            const detail = outcome.kind === 'missing' ? { missingIn: outcome.missingIn, amounts: Object.fromEntries((Object.keys(LEDGER_SOURCES) as LedgerSource[]).map((s) => [s, entry.records[s]?.amountFen ?? null])) }
              : outcome.kind === 'amount_mismatch' ? { amounts: outcome.amounts } : { missingIn: [], amounts: Object.fromEntries(outcome.duplicatedIn.map((s) => [s, entry.records[s]!.amountFen])) };
            if (!before) fresh.push({ period, payerHash: entry.payerHash, payerMasked: entry.masked, insuranceType: entry.type, kind: outcome.kind, detail, status: 'open' });
            else if (before.kind !== outcome.kind || JSON.stringify(parse(before.detail)) !== JSON.stringify(detail) || before.status !== 'open') {
              // Still (or again) a discrepancy: the staff note stays, the facts are today's.
              await Discrepancy.update({ kind: outcome.kind, detail, status: 'open', closedAt: null, closedBy: null }, { where: { id: before.id }, transaction: t });
            }
          }
          if (fresh.length) await Discrepancy.bulkCreate(fresh, { transaction: t });
        });
      }
      await ReconciliationRun.update({ status: 'done', sources, keysCompared: keys, matched, discrepancies: open, finishedAt: clock.now() }, { where: { id: runId } });
    } catch (err) {
      await ReconciliationRun.update({ status: 'failed', sources, keysCompared: keys, matched, discrepancies: open, finishedAt: clock.now() }, { where: { id: runId } });
      throw err;
    }
    const row = (await ReconciliationRun.findByPk(runId, { raw: true }))!;
    return { ...row, sources: parse<RunAttrs['sources']>(row.sources) };
  }

  function begin(period: string): { row: Promise<RunAttrs>; done: Promise<RunAttrs> } {
    const current = running.get(period);
    if (current) return { row: current, done: current };
    const row = ReconciliationRun.create({ period, status: 'running', sources: {} as RunAttrs['sources'], startedAt: clock.now() }).then((r) => r.get({ plain: true }) as RunAttrs);
    const done = row.then((r) => execute(r.id, period)).finally(() => running.delete(period));
    running.set(period, done);
    return { row, done };
  }

  return {
    /** For the scheduler and tests: reconcile a period and wait for the outcome. */
    run(period: string): Promise<RunAttrs> {
      return begin(period).done;
    },
    async start(actor: Actor, period: string) {
      staff(actor, true);
      if (running.has(period)) throw new Conflict(`${period} 正在对账，请稍后查看`);
      const { row, done } = begin(period);
      done.catch(() => {}); // recorded on the run row
      return runView(await row);
    },
    async settled(): Promise<void> {
      await Promise.allSettled([...running.values()]);
    },
    async runs(actor: Actor, period?: string) {
      staff(actor, false);
      const rows = await ReconciliationRun.findAll({ where: period ? { period } : {}, order: [['id', 'DESC']], limit: 50, raw: true });
      return { items: rows.map(runView) };
    },
    async discrepancies(actor: Actor, q: { period?: string; kind?: string; status?: 'open' | 'closed'; page: number; pageSize: number }) {
      staff(actor, false);
      const where = { ...(q.period ? { period: q.period } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.status ? { status: q.status } : {}) };
      const { rows, count } = await Discrepancy.findAndCountAll({ where, order: [['period', 'DESC'], ['id', 'ASC']], limit: q.pageSize, offset: (q.page - 1) * q.pageSize, raw: true });
      return { items: rows.map(discrepancyView), total: count, page: q.page, pageSize: q.pageSize };
    },
    async annotate(actor: Actor, id: number, note: string, close: boolean) {
      const me = staff(actor, true);
      const d = await Discrepancy.findByPk(id, { raw: true });
      if (!d) throw new NotFound('没有这条差异');
      if (close && d.status === 'closed') throw new Conflict('该差异已关闭');
      await Discrepancy.update(close ? { note, status: 'closed', closedAt: clock.now(), closedBy: me.id } : { note }, { where: { id } });
      return discrepancyView((await Discrepancy.findByPk(id, { raw: true }))!);
    },
    /** Periods are reconciled nightly for the month before (city time). */
    previousPeriod(now: Date, timeZone: string): string {
      const [y, m] = cityDate(now, timeZone).split('-').map(Number);
      return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    },

  };
}
export type ReconciliationService = ReturnType<typeof createReconciliationService>;
