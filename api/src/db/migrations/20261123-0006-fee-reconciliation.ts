// Reconciliation of the fee ledgers: runs per period, the discrepancies they find (one per payer × period ×
// type, annotated and closed by staff), and the payment certificates residents issue for themselves.
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const id = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });
const count = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.createTable('fee_reconciliation_runs', {
    id: id(),
    period: { type: DataTypes.CHAR(7), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    sources: { type: DataTypes.JSON, allowNull: false },
    keys_compared: count(),
    matched: count(),
    discrepancies: count(),
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
  });
  await q.addIndex('fee_reconciliation_runs', ['period']);

  await q.createTable('fee_discrepancies', {
    id: id(),
    period: { type: DataTypes.CHAR(7), allowNull: false },
    payer_hash: { type: DataTypes.CHAR(64), allowNull: false },
    payer_masked: { type: DataTypes.STRING(18), allowNull: false },
    insurance_type: { type: DataTypes.STRING(16), allowNull: false },
    kind: { type: DataTypes.STRING(24), allowNull: false },
    detail: { type: DataTypes.JSON, allowNull: false },
    status: { type: DataTypes.STRING(8), allowNull: false },
    note: { type: DataTypes.STRING(500), allowNull: true },
    closed_by: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'staff', key: 'id' }, onDelete: 'SET NULL', onUpdate: 'CASCADE' },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    updated_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('fee_discrepancies', ['period', 'payer_hash', 'insurance_type'], { unique: true, name: 'fee_discrepancies_key' });
  await q.addIndex('fee_discrepancies', ['status', 'period']);

  await q.createTable('fee_certificates', {
    id: id(),
    code: { type: DataTypes.CHAR(12), allowNull: false, unique: true },
    person_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'people', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    payer_masked: { type: DataTypes.STRING(18), allowNull: false },
    name_masked: { type: DataTypes.STRING(64), allowNull: false },
    period_from: { type: DataTypes.CHAR(7), allowNull: false },
    period_to: { type: DataTypes.CHAR(7), allowNull: false },
    due_fen: { type: DataTypes.BIGINT, allowNull: false },
    paid_fen: { type: DataTypes.BIGINT, allowNull: false },
    issued_at: { type: DataTypes.DATE(3), allowNull: false },
  });
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  for (const table of ['fee_certificates', 'fee_discrepancies', 'fee_reconciliation_runs']) await q.dropTable(table);
}
