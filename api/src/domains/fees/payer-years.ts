// The insured person's year beside the ledgers (fee_payer_years): one row per payer and calendar year with the
// month × type sums of the three ledgers, so that the fee query reads one or two rows instead of 180 ledger
// rows. The ledgers stay the truth; a year's row is always recomputed from them, never patched.
//
// Who keeps it true:
// - a real-time posting, in its own transaction: lock the year's row, insert the ledger row, recompute;
// - a batch import marks the years it touched in fee_summary_dirty inside its transaction, and the years are
//   recomputed right after it commits (and by the drain job every minute, should the process stop in between).
// The lock comes first in every writer's transaction: on MariaDB the snapshot of a transaction is taken at
// its first plain read, so a recompute after the lock sees every ledger row committed by an earlier holder.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Clock } from '../../clock';

/** One month × type of one payer: bureau accrued, tax office declared and collected, finance received (null: no row). */
export interface KeySums { period: string; insuranceType: string; bureauDue: number | null; taxDue: number | null; collected: number | null; received: number | null }
export interface PayerYear { payerHash: string; year: string }
/** A month × type as the insured person reads it: what was due, what the tax office collected, what finance received. */
export type TypeEntry = [insuranceType: string, dueFen: number, collectedFen: number, receivedFen: number];
/** A month and its types, in type order; stored per year as a JSON array of these in month order. */
export type MonthEntry = [period: string, types: TypeEntry[]];

const maxOf = (source: string, columns: string) => `MAX(CASE WHEN source = '${source}' THEN ${columns} END)`;
// A doubled row of one source counts once (the larger); reconciliation reports the duplicate.
const SUMS = `${maxOf('bureau', 'due_employer_fen + due_personal_fen')} AS bureau_due, ${maxOf('tax', 'due_employer_fen + due_personal_fen')} AS tax_due, `
  + `${maxOf('tax', 'paid_employer_fen + paid_personal_fen')} AS collected, ${maxOf('finance', 'paid_employer_fen + paid_personal_fen')} AS received`;
const PAYERS_PER_STATEMENT = 500;

export const yearOf = (period: string) => period.slice(0, 4);
const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** What is due is what the bureau accrued, or failing that what the tax office declared. */
const entryOf = (k: KeySums): TypeEntry => [k.insuranceType, k.bureauDue ?? k.taxDue ?? 0, k.collected ?? 0, k.received ?? 0];

/** Month × type sums in month order, each month's types in type order. */
export function monthsFromKeys(sums: KeySums[]): MonthEntry[] {
  const byPeriod = new Map<string, TypeEntry[]>();
  for (const k of sums) {
    let types = byPeriod.get(k.period);
    if (!types) byPeriod.set(k.period, types = []);
    types.push(entryOf(k));
  }
  return [...byPeriod.keys()].sort().map((period) => [period, byPeriod.get(period)!.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))]);
}

/** The stored years (in year order) limited to the months asked for. */
export function monthsOf(stored: (string | null)[], range: { from: string; to: string }): MonthEntry[] {
  const out: MonthEntry[] = [];
  for (const text of stored) {
    if (!text) continue;
    for (const month of JSON.parse(text) as MonthEntry[]) if (month[0] >= range.from && month[0] <= range.to) out.push(month);
  }
  return out;
}

export function createPayerYears(deps: { sequelize: Sequelize; clock: Clock }) {
  const { sequelize, clock } = deps;
  const mysql = sequelize.getDialect() === 'mysql';
  const sorted = (keys: PayerYear[]) => [...new Map(keys.map((k) => [`${k.payerHash}|${k.year}`, k])).values()]
    .sort((a, b) => (a.payerHash === b.payerHash ? (a.year < b.year ? -1 : 1) : a.payerHash < b.payerHash ? -1 : 1));

  /** Takes the years' rows for this transaction, in one order for every writer (no deadlocks between them). */
  async function lock(keys: PayerYear[], t: Transaction): Promise<void> {
    // SQLite runs one transaction at a time: nothing to lock.
    if (!mysql || !keys.length) return;
    const at = clock.now();
    await sequelize.query(
      `INSERT INTO fee_payer_years (payer_hash, year, months, updated_at) VALUES ${keys.map(() => '(?, ?, \'[]\', ?)').join(', ')} ON DUPLICATE KEY UPDATE payer_hash = payer_hash`,
      { replacements: keys.flatMap((k) => [k.payerHash, k.year, at]), transaction: t });
  }

  /** Recomputes the years from the ledgers; call after `lock` in the same transaction. */
  async function recompute(keys: PayerYear[], t: Transaction): Promise<void> {
    if (!keys.length) return;
    const years = keys.map((k) => k.year).sort();
    const rows = await sequelize.query<{ payer_hash: string; period: string; insurance_type: string; bureau_due: unknown; tax_due: unknown; collected: unknown; received: unknown }>(
      `SELECT payer_hash, period, insurance_type, ${SUMS} FROM fee_ledger_rows WHERE payer_hash IN (?) AND period BETWEEN ? AND ? GROUP BY payer_hash, period, insurance_type`,
      { replacements: [[...new Set(keys.map((k) => k.payerHash))], `${years[0]}-01`, `${years[years.length - 1]}-12`], type: QueryTypes.SELECT, transaction: t });
    const built = new Map<string, KeySums[]>(keys.map((k) => [`${k.payerHash}|${k.year}`, []]));
    for (const r of rows) {
      built.get(`${r.payer_hash}|${yearOf(r.period)}`)?.push({ period: r.period, insuranceType: r.insurance_type, bureauDue: n(r.bureau_due), taxDue: n(r.tax_due), collected: n(r.collected), received: n(r.received) });
    }
    const at = clock.now();
    const values = keys.map((k) => [k.payerHash, k.year, JSON.stringify(monthsFromKeys(built.get(`${k.payerHash}|${k.year}`)!)), at]);
    await sequelize.query(
      `INSERT INTO fee_payer_years (payer_hash, year, months, updated_at) VALUES ${keys.map(() => '(?, ?, ?, ?)').join(', ')} `
      + (mysql ? 'ON DUPLICATE KEY UPDATE months = VALUES(months), updated_at = VALUES(updated_at)' : 'ON CONFLICT (payer_hash, year) DO UPDATE SET months = excluded.months, updated_at = excluded.updated_at'),
      { replacements: values.flat(), transaction: t });
  }

  return {
    lock: (keys: PayerYear[], t: Transaction) => lock(sorted(keys), t),
    recompute: (keys: PayerYear[], t: Transaction) => recompute(sorted(keys), t),

    /** For a batch import, inside its transaction: these years must be recomputed once it commits. */
    async markDirty(keys: PayerYear[], t: Transaction): Promise<void> {
      const all = sorted(keys);
      for (let i = 0; i < all.length; i += PAYERS_PER_STATEMENT) {
        const part = all.slice(i, i + PAYERS_PER_STATEMENT);
        await sequelize.query(
          `${mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO fee_summary_dirty (payer_hash, year) VALUES ${part.map(() => '(?, ?)').join(', ')}`,
          { replacements: part.flatMap((k) => [k.payerHash, k.year]), transaction: t });
      }
    },

    /** Every year of every payer marked and recomputed: for ledgers loaded behind the API's back (LOAD DATA, tests). */
    async rebuildAll(): Promise<number> {
      await sequelize.query(`${mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE'} INTO fee_summary_dirty (payer_hash, year) SELECT DISTINCT payer_hash, SUBSTR(period, 1, 4) FROM fee_ledger_rows`);
      return this.drain();
    },

    /**
     * Recomputes every dirty year, 500 at a time, each batch in a transaction of its own (the marks are read
     * before it, so that its snapshot starts after its locks). Returns how many years were recomputed.
     */
    async drain(): Promise<number> {
      let done = 0;
      for (;;) {
        const dirty = await sequelize.query<{ payer_hash: string; year: string }>(
          'SELECT payer_hash, year FROM fee_summary_dirty ORDER BY payer_hash, year LIMIT ?', { replacements: [PAYERS_PER_STATEMENT], type: QueryTypes.SELECT });
        if (!dirty.length) return done;
        const keys = sorted(dirty.map((d) => ({ payerHash: d.payer_hash, year: d.year })));
        await sequelize.transaction(async (t) => {
          await lock(keys, t);
          // The marks go before the recompute: an import still writing one of these years holds its mark, so
          // the delete waits for it to commit and the recompute then sees its rows; a mark written after the
          // delete waits for this transaction and is drained next time round.
          for (const year of new Set(keys.map((k) => k.year))) {
            await sequelize.query('DELETE FROM fee_summary_dirty WHERE year = ? AND payer_hash IN (?)',
              { replacements: [year, keys.filter((k) => k.year === year).map((k) => k.payerHash)], transaction: t });
          }
          await recompute(keys, t);
        });
        done += keys.length;
      }
    },
  };
}
export type PayerYears = ReturnType<typeof createPayerYears>;
