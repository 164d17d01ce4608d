// Batch import of the fee ledgers (CSV or JSON lines) through the shared import runner: one kind per source.
// A row is keyed by its source's own id (`external_id`), so re-importing a file changes nothing and a
// corrected file updates the rows it names. The line rule is pure; the runner does reading and writing.
import type { Transaction } from 'sequelize';
import { ID_NUMBER_PROBLEMS, idNumberProblem, maskIdNumber, normaliseIdNumber, type Importer, type LineError, type Parsed, type PiiCipher } from '../declarations';
import { LEDGER_SOURCES, type LedgerSource } from './matcher';
import type { FeeModels } from './model';
import { yearOf, type PayerYears } from './payer-years';
import { INSURANCE_TYPES } from './service';

export const LEDGER_COLUMNS = ['external_id', 'id_number', 'period', 'insurance_type', 'due_employer_fen', 'due_personal_fen', 'paid_employer_fen', 'paid_personal_fen', 'reference'];
export interface LedgerLine {
  externalId: string; idNumber: string; period: string; insuranceType: string;
  dueEmployerFen: number; duePersonalFen: number; paidEmployerFen: number; paidPersonalFen: number; reference: string | null;
}

export function parseLedgerLine(r: Record<string, string>, now?: Date): Parsed<LedgerLine> {
  const errors: LineError[] = [];
  const text = (k: string) => (r[k] ?? '').trim();
  const externalId = text('external_id');
  if (!externalId || externalId.length > 64) errors.push({ field: 'external_id', message: '必填，不超过 64 字' });
  const idNumber = normaliseIdNumber(text('id_number'));
  const problem = idNumberProblem(idNumber, now);
  if (problem) errors.push({ field: 'id_number', message: ID_NUMBER_PROBLEMS[problem] });
  const period = text('period');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) errors.push({ field: 'period', message: '月份格式应为 YYYY-MM' });
  const insuranceType = text('insurance_type');
  if (!(insuranceType in INSURANCE_TYPES)) errors.push({ field: 'insurance_type', message: `险种应为 ${Object.keys(INSURANCE_TYPES).join('/')}` });
  const amounts: Record<string, number> = {};
  for (const f of ['due_employer_fen', 'due_personal_fen', 'paid_employer_fen', 'paid_personal_fen']) {
    const v = text(f) || '0';
    if (!/^\d{1,9}$/.test(v)) errors.push({ field: f, message: '金额应为以分计的非负整数' });
    amounts[f] = Number(v);
  }
  const reference = text('reference') || null;
  if (reference && reference.length > 64) errors.push({ field: 'reference', message: '不超过 64 字' });
  return errors.length ? { ok: false, errors } : {
    ok: true, row: { externalId, idNumber, period, insuranceType, dueEmployerFen: amounts.due_employer_fen, duePersonalFen: amounts.due_personal_fen,
      paidEmployerFen: amounts.paid_employer_fen, paidPersonalFen: amounts.paid_personal_fen, reference },
  };
}

export function ledgerImporters(deps: { models: FeeModels; pii: PiiCipher; now: () => Date; payerYears: PayerYears }): Record<string, Importer> {
  const importer = (source: LedgerSource): Importer => ({
    label: `${LEDGER_SOURCES[source]}台账`,
    required: LEDGER_COLUMNS.slice(0, 4),
    parse: parseLedgerLine,
    key: (row) => (row as LedgerLine).externalId,
    async apply(rows, _importId, t: Transaction) {
      const postedAt = deps.now();
      const ledgerRows = (rows as LedgerLine[]).map((r) => ({
        source, externalId: r.externalId, payerHash: deps.pii.index(r.idNumber), payerMasked: maskIdNumber(r.idNumber), period: r.period, insuranceType: r.insuranceType,
        dueEmployerFen: r.dueEmployerFen, duePersonalFen: r.duePersonalFen, paidEmployerFen: r.paidEmployerFen, paidPersonalFen: r.paidPersonalFen, reference: r.reference, postedAt,
      }));
      // A corrected line may move a row to another payer or year; the year it leaves is marked too.
      const before = await deps.models.LedgerRow.findAll({ where: { source, externalId: ledgerRows.map((r) => r.externalId) }, attributes: ['payerHash', 'period'], raw: true, transaction: t });
      await deps.models.LedgerRow.bulkCreate(ledgerRows, { transaction: t, updateOnDuplicate: ['payerHash', 'payerMasked', 'period', 'insuranceType', 'dueEmployerFen', 'duePersonalFen', 'paidEmployerFen', 'paidPersonalFen', 'reference'] });
      await deps.payerYears.markDirty([...ledgerRows, ...before].map((r) => ({ payerHash: r.payerHash, year: yearOf(r.period) })), t);
    },
    // The payers' years are recomputed once the rows are visible to everyone. The rows are in whatever happens
    // here: should this fail, the marks stay and the fee-summaries job recomputes them within a minute.
    async committed() { await deps.payerYears.drain().catch(() => 0); },
  });
  return { tax_ledger: importer('tax'), bureau_ledger: importer('bureau'), finance_ledger: importer('finance') };
}
