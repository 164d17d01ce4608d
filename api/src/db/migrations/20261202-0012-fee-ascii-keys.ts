// The insured person's fee query joins the binding to the payer's years on the payer's HMAC index. On MariaDB
// the two sides had different collations (insured_bindings utf8mb4_unicode_ci, fee_payer_years the server's
// utf8mb4_general_ci), so the join converted and compared each key by Unicode rules. The keys are hex digests
// and years: ASCII only, compared byte by byte, as the ledgers' keys are since migration 0011. SQLite compares
// bytes already; nothing to do there.
import type { MigrationContext } from '../migrate';

const ASCII = 'CHARACTER SET ascii COLLATE ascii_bin NOT NULL';

export async function up({ sequelize }: MigrationContext): Promise<void> {
  if (sequelize.getDialect() !== 'mysql') return;
  await sequelize.query(`ALTER TABLE insured_bindings MODIFY id_hash CHAR(64) ${ASCII}`);
  await sequelize.query(`ALTER TABLE fee_payer_years MODIFY payer_hash CHAR(64) ${ASCII}, MODIFY year CHAR(4) ${ASCII}`);
  await sequelize.query(`ALTER TABLE fee_summary_dirty MODIFY payer_hash CHAR(64) ${ASCII}, MODIFY year CHAR(4) ${ASCII}`);
}

export async function down({ sequelize }: MigrationContext): Promise<void> {
  if (sequelize.getDialect() !== 'mysql') return;
  await sequelize.query('ALTER TABLE fee_summary_dirty MODIFY payer_hash CHAR(64) NOT NULL, MODIFY year CHAR(4) NOT NULL');
  await sequelize.query('ALTER TABLE fee_payer_years MODIFY payer_hash CHAR(64) NOT NULL, MODIFY year CHAR(4) NOT NULL');
  await sequelize.query('ALTER TABLE insured_bindings MODIFY id_hash CHAR(64) NOT NULL');
}
