// Residents' data rights and content security: consent records (which version of the privacy guide a
// resident agreed to, and when), per-person keys that commit evidence to personal fields (erasure destroys
// the key), the erasure mark on people, the moderation queue, and moderation states of event texts and photos.
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const id = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.createTable('consents', { id: id(), person_id: { type: DataTypes.INTEGER, allowNull: false }, version: str(16), agreed_at: at(), withdrawn_at: at(true) });
  await q.addIndex('consents', ['person_id', 'id']);
  await q.createTable('person_keys', { person_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false }, key_cipher: str(160, true), created_at: at(), destroyed_at: at(true) });
  await q.addColumn('people', 'erased_at', at(true));
  await q.createTable('moderation_items', {
    id: id(), kind: str(8), event_id: { type: DataTypes.INTEGER, allowNull: false }, photo_id: { type: DataTypes.INTEGER, allowNull: true }, field: str(24),
    status: str(12), source: str(24), label: str(32, true), trace_id: str(64, true), reason: str(200, true), decided_by: { type: DataTypes.INTEGER, allowNull: true },
    decided_at: at(true), created_at: at(), updated_at: at(),
  });
  await q.addIndex('moderation_items', ['status', 'id']);
  await q.addIndex('moderation_items', ['event_id']);
  await q.addIndex('moderation_items', ['trace_id'], { unique: true });
  // What others may see of an event's description, and of a photo: 'pass' (public), 'pending' (author and staff only), 'hidden'.
  await q.addColumn('events', 'text_visibility', { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'pass' });
  await q.addColumn('photos', 'visibility', { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'pass' });
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.removeColumn('photos', 'visibility');
  await q.removeColumn('events', 'text_visibility');
  await q.dropTable('moderation_items');
  await q.removeColumn('people', 'erased_at');
  await q.dropTable('person_keys');
  await q.dropTable('consents');
}
