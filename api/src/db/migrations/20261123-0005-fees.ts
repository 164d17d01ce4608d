// Social-security fees: insured persons bound to their identity, the three ledgers (tax, bureau, finance)
// keyed by payer × period × insurance type, API keys of the department systems that post payments, and the
// signatures already seen (replay protection).
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const id = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });
const fen = () => ({ type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 });

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.createTable('insured_bindings', {
    id: id(),
    person_id: { type: DataTypes.INTEGER, allowNull: false, unique: true, references: { model: 'people', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    id_hash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
    id_cipher: { type: DataTypes.STRING(96), allowNull: false },
    id_masked: { type: DataTypes.STRING(18), allowNull: false },
    name: { type: DataTypes.STRING(64), allowNull: false },
    bound_at: { type: DataTypes.DATE(3), allowNull: false },
  });

  await q.createTable('fee_ledger_rows', {
    id: id(),
    source: { type: DataTypes.STRING(8), allowNull: false },
    external_id: { type: DataTypes.STRING(64), allowNull: false },
    payer_hash: { type: DataTypes.CHAR(64), allowNull: false },
    payer_masked: { type: DataTypes.STRING(18), allowNull: false },
    period: { type: DataTypes.CHAR(7), allowNull: false },
    insurance_type: { type: DataTypes.STRING(16), allowNull: false },
    due_employer_fen: fen(),
    due_personal_fen: fen(),
    paid_employer_fen: fen(),
    paid_personal_fen: fen(),
    reference: { type: DataTypes.STRING(64), allowNull: true },
    posted_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('fee_ledger_rows', ['source', 'external_id'], { unique: true, name: 'fee_ledger_rows_source_external' });
  await q.addIndex('fee_ledger_rows', ['payer_hash', 'period']);
  await q.addIndex('fee_ledger_rows', ['period', 'payer_hash', 'insurance_type']);

  await q.createTable('fee_api_keys', {
    id: id(),
    key_id: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(64), allowNull: false },
    source: { type: DataTypes.STRING(8), allowNull: false },
    secret_cipher: { type: DataTypes.STRING(160), allowNull: false },
    created_at: { type: DataTypes.DATE(3), allowNull: false },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
  });

  await q.createTable('fee_signatures_seen', {
    signature: { type: DataTypes.CHAR(64), primaryKey: true, allowNull: false },
    seen_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('fee_signatures_seen', ['seen_at']);
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  for (const table of ['fee_signatures_seen', 'fee_api_keys', 'fee_ledger_rows', 'insured_bindings']) await q.dropTable(table);
}
