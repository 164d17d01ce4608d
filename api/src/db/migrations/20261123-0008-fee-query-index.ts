// The insured person's fee query reads a payer's year (12 months × 5 types × 3 sources = 180 rows): with the
// amounts in the index the database answers it from the index alone, instead of fetching 180 rows one by one
// from the table by primary key. The narrower (payer_hash, period) index it replaces is a prefix of this one.
import type { MigrationContext } from '../migrate';

const COLUMNS = ['payer_hash', 'period', 'insurance_type', 'source', 'due_employer_fen', 'due_personal_fen', 'paid_employer_fen', 'paid_personal_fen'];

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.addIndex('fee_ledger_rows', COLUMNS, { name: 'fee_ledger_rows_payer_year' });
  await q.removeIndex('fee_ledger_rows', ['payer_hash', 'period']);
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.addIndex('fee_ledger_rows', ['payer_hash', 'period']);
  await q.removeIndex('fee_ledger_rows', 'fee_ledger_rows_payer_year');
}
