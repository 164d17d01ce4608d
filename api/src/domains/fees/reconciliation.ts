// Reconciliation of one period's three ledgers (三方对账): the database sums each payer × type key per source
// from an index that holds the amounts, and hands over only the keys that do not match, a page at a time; the
// pure matcher judges each. A key that does not match becomes (or stays) an open discrepancy for staff; one
// that matches again closes its old discrepancy. Memory is bounded by a page, and a re-run changes nothing
// that has not changed.
import { Op, QueryTypes, type Sequelize } from 'sequelize';
import type { Actor } from '../../actor';
import { cityDate, type Clock } from '../../clock';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../../errors';
import { mayFees } from './access';
import { LEDGER_SOURCES, matchKey, OUTCOMES, type LedgerSource, type SourceRecord } from './matcher';
import type { DiscrepancyAttrs, FeeModels, RunAttrs } from './model';
import { INSURANCE_TYPES, type InsuranceType } from './service';

const DEFAULT_KEYS_PER_PAGE = 2_000;
export const RUN_STATUSES = { running: '对账中', done: '已完成', failed: '失败' } as const;
export const DISCREPANCY_STATUSES = { open: '待处理', closed: '已关闭' } as const;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** `pageKeys`: keys read per page (tests make it tiny so that a payer's types straddle page boundaries). */
export function createReconciliationService(deps: { sequelize: Sequelize; models: FeeModels; clock: Clock; pageKeys?: number }) {
  const KEYS_PER_PAGE = deps.pageKeys ?? DEFAULT_KEYS_PER_PAGE;
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

  // Per payer × type: each source's row count and amount, summed by the database from the reconciliation
  // index alone. A key is matched when every source has exactly one row and the three amounts agree: the
  // same rule as `matchKey`, which still judges every key the database does not call matched.
  const AMOUNT = 'paid_employer_fen + paid_personal_fen';
  const SOURCE_SUMS = (Object.keys(LEDGER_SOURCES) as LedgerSource[]).map((s) =>
    `SUM(CASE WHEN source = '${s}' THEN 1 ELSE 0 END) AS ${s}_rows, SUM(CASE WHEN source = '${s}' THEN ${AMOUNT} ELSE 0 END) AS ${s}_fen`).join(', ');
  const KEY_SUMS = `SELECT payer_hash, insurance_type, MIN(payer_masked) AS payer_masked, ${SOURCE_SUMS} FROM fee_ledger_rows`;
  const MATCHED = 'tax_rows = 1 AND bureau_rows = 1 AND finance_rows = 1 AND tax_fen = bureau_fen AND bureau_fen = finance_fen';
  type KeySums = { payer_hash: string; insurance_type: string; payer_masked: string } & Record<`${LedgerSource}_${'rows' | 'fen'}`, number | string>;
  const recordsOf = (k: KeySums) => Object.fromEntries((Object.keys(LEDGER_SOURCES) as LedgerSource[])
    .filter((s) => Number(k[`${s}_rows`]) > 0).map((s) => [s, { rows: Number(k[`${s}_rows`]), amountFen: Number(k[`${s}_fen`]) }])) as Partial<Record<LedgerSource, SourceRecord>>;

  async function execute(runId: number, period: string): Promise<RunAttrs> {
    const sources = Object.fromEntries((Object.keys(LEDGER_SOURCES) as LedgerSource[]).map((s) => [s, { rows: 0, amountFen: 0 }])) as RunAttrs['sources'];
    let keys = 0, matched = 0, open = 0;
    try {
      // 1. Totals: every key of the month counted and summed in one pass over the index. It runs beside 2 and 3
      // on a connection of its own: each pass keeps one of the database's cores busy.
      const totalsPass = async () => {
        const [totals] = await sequelize.query<Record<string, number | string | null>>(
          `SELECT COUNT(*) AS keys_compared, SUM(CASE WHEN ${MATCHED} THEN 1 ELSE 0 END) AS matched, ${(Object.keys(LEDGER_SOURCES) as LedgerSource[]).map((s) => `SUM(${s}_rows) AS ${s}_rows, SUM(${s}_fen) AS ${s}_fen`).join(', ')}
             FROM (SELECT ${SOURCE_SUMS} FROM fee_ledger_rows WHERE period = ? GROUP BY payer_hash, insurance_type) k`,
          { replacements: [period], type: QueryTypes.SELECT });
        keys = Number(totals.keys_compared ?? 0);
        for (const s of Object.keys(LEDGER_SOURCES) as LedgerSource[]) sources[s] = { rows: Number(totals[`${s}_rows`] ?? 0), amountFen: Number(totals[`${s}_fen`] ?? 0) };
      };

      const discrepancyPass = async () => {
        // 2. Open discrepancies of earlier runs whose key matches now are closed (judged again, a page at a time).
        for (let afterId = 0; ;) {
          const before = await Discrepancy.findAll({ where: { period, status: 'open', id: { [Op.gt]: afterId } }, order: [['id', 'ASC']], limit: KEYS_PER_PAGE, raw: true });
          if (!before.length) break;
          afterId = before[before.length - 1].id;
          const sums = await sequelize.query<KeySums>(
            `${KEY_SUMS} WHERE period = ? AND payer_hash IN (?) GROUP BY payer_hash, insurance_type`,
            { replacements: [period, [...new Set(before.map((d) => d.payerHash))]], type: QueryTypes.SELECT });
          const now = new Map(sums.map((k) => [`${k.payer_hash}|${k.insurance_type}`, k]));
          const closedAt = clock.now();
          await sequelize.transaction(async (t) => {
            for (const d of before) {
              const k = now.get(`${d.payerHash}|${d.insuranceType}`);
              // A key with no rows left is not judged: its discrepancy stays for staff.
              if (!k || matchKey(recordsOf(k)).kind !== 'matched') continue;
              await Discrepancy.update({ status: 'closed', closedAt, closedBy: null, note: d.note ? `${d.note}；重新对账已对平` : '重新对账已对平' }, { where: { id: d.id }, transaction: t });
            }
          });
        }

        // 3. The keys that do not match, in payer order a page at a time: each becomes (or stays) an open
        // discrepancy. The last payer of a full page may continue on the next, so it is left for that page.
        let after = '';
        for (;;) {
          const rows = await sequelize.query<KeySums>(
            `${KEY_SUMS} WHERE period = ? AND payer_hash > ? GROUP BY payer_hash, insurance_type HAVING NOT (${MATCHED})
              ORDER BY payer_hash, insurance_type LIMIT ?`,
            { replacements: [period, after, KEYS_PER_PAGE], type: QueryTypes.SELECT });
          if (!rows.length) break;
          const full = rows.length === KEYS_PER_PAGE;
          const last = rows[rows.length - 1].payer_hash;
          const page = full && rows[0].payer_hash !== last ? rows.filter((r) => r.payer_hash !== last) : rows;
          if (full && page === rows) throw new Error(`one payer has more than ${KEYS_PER_PAGE} keys in ${period}`);
          after = page[page.length - 1].payer_hash;
          const existing = new Map((await Discrepancy.findAll({ where: { period, payerHash: [...new Set(page.map((r) => r.payer_hash))] }, raw: true })).map((d) => [`${d.payerHash}|${d.insuranceType}`, d]));
          await sequelize.transaction(async (t) => {
            const fresh: Pick<DiscrepancyAttrs, 'period' | 'payerHash' | 'payerMasked' | 'insuranceType' | 'kind' | 'detail' | 'status'>[] = [];
            for (const k of page) {
              const records = recordsOf(k);
              const outcome = matchKey(records);
              if (outcome.kind === 'matched') continue; // cannot happen: the database's rule is matchKey's
              open++;
              const detail = outcome.kind === 'missing' ? { missingIn: outcome.missingIn, amounts: Object.fromEntries((Object.keys(LEDGER_SOURCES) as LedgerSource[]).map((s) => [s, records[s]?.amountFen ?? null])) }
                : outcome.kind === 'amount_mismatch' ? { amounts: outcome.amounts } : { missingIn: [], amounts: Object.fromEntries(outcome.duplicatedIn.map((s) => [s, records[s]!.amountFen])) };
              const before = existing.get(`${k.payer_hash}|${k.insurance_type}`);
              if (!before) fresh.push({ period, payerHash: k.payer_hash, payerMasked: k.payer_masked, insuranceType: k.insurance_type, kind: outcome.kind, detail, status: 'open' });
              else if (before.kind !== outcome.kind || JSON.stringify(parse(before.detail)) !== JSON.stringify(detail) || before.status !== 'open') {
                // Still (or again) a discrepancy: the staff note stays, the facts are today's.
                await Discrepancy.update({ kind: outcome.kind, detail, status: 'open', closedAt: null, closedBy: null }, { where: { id: before.id }, transaction: t });
              }
            }
            if (fresh.length) await Discrepancy.bulkCreate(fresh, { transaction: t });
          });
        }
      };
      // Both are waited for even when one fails, so that nothing of this run is still writing when it is marked failed.
      const failed = (await Promise.allSettled([totalsPass(), discrepancyPass()])).find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
      matched = keys - open;
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
