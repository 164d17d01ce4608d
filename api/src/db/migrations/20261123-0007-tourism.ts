// Island tourist services: islands, places (merchants and services), the tourism rows of complaints and help
// calls (each belongs to one event of the registry), and the event categories they are registered under.
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';
import { TOURIST_EVENT_CATEGORIES } from '../../domains/tourism/vocabulary';

const id = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });
const ref = (table: string, allowNull = false) => ({ type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' }, onDelete: allowNull ? 'SET NULL' : 'RESTRICT', onUpdate: 'CASCADE' });
const at = () => ({ type: DataTypes.DATE(3), allowNull: false });

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.createTable('islands', {
    id: id(), code: { type: DataTypes.STRING(8), allowNull: false }, name: { type: DataTypes.STRING(32), allowNull: false }, region_id: ref('regions'),
    lat: { type: DataTypes.DOUBLE, allowNull: false }, lng: { type: DataTypes.DOUBLE, allowNull: false }, created_at: at(), updated_at: at(),
  });
  await q.addIndex('islands', ['code'], { unique: true });

  await q.createTable('places', {
    id: id(), code: { type: DataTypes.STRING(32), allowNull: false }, name: { type: DataTypes.STRING(100), allowNull: false }, kind: { type: DataTypes.STRING(16), allowNull: false },
    island_id: ref('islands'), lat: { type: DataTypes.DOUBLE, allowNull: false }, lng: { type: DataTypes.DOUBLE, allowNull: false },
    address: { type: DataTypes.STRING(200), allowNull: false }, phone: { type: DataTypes.STRING(20), allowNull: true }, opening_hours: { type: DataTypes.STRING(100), allowNull: true },
    complaint_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    revision: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, created_at: at(), updated_at: at(),
  });
  await q.addIndex('places', ['code'], { unique: true });
  await q.addIndex('places', ['island_id', 'kind']);
  // The nearby index reloads the rows whose revision is newer than the newest it holds. Revisions come from one
  // counter row, taken under its lock, so they commit in order whatever the clocks of the instances say.
  await q.addIndex('places', ['revision']);
  await q.createTable('revision_counters', { name: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false }, value: { type: DataTypes.INTEGER, allowNull: false } });
  await q.bulkInsert('revision_counters', [{ name: 'places', value: 0 }]);

  await q.createTable('tourist_complaints', {
    id: id(), event_id: ref('events'), category: { type: DataTypes.STRING(16), allowNull: false }, place_id: ref('places', true), island_id: ref('islands'),
    phone: { type: DataTypes.STRING(20), allowNull: true }, created_at: at(),
  });
  await q.addIndex('tourist_complaints', ['event_id'], { unique: true });
  await q.addIndex('tourist_complaints', ['place_id', 'created_at']);
  await q.addIndex('tourist_complaints', ['island_id', 'created_at']);

  await q.createTable('tourist_help_calls', {
    id: id(), event_id: ref('events'), type: { type: DataTypes.STRING(16), allowNull: false }, island_id: ref('islands'), phone: { type: DataTypes.STRING(20), allowNull: false },
    text: { type: DataTypes.STRING(200), allowNull: true }, accuracy_m: { type: DataTypes.INTEGER, allowNull: true }, created_at: at(),
  });
  await q.addIndex('tourist_help_calls', ['event_id'], { unique: true });
  await q.addIndex('tourist_help_calls', ['island_id', 'created_at']);

  const now = new Date();
  await q.bulkInsert('categories', TOURIST_EVENT_CATEGORIES.map(([code, name, level, unitType, responseHours, resolutionHours], i) => ({
    code, name, level, unit_type: unitType, response_hours: responseHours, resolution_hours: resolutionHours, auto_dispatch: true, active: true, sort: 100 + i, created_at: now, updated_at: now,
  })));
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.bulkDelete('categories', { code: TOURIST_EVENT_CATEGORIES.map(([code]) => code) });
  for (const table of ['revision_counters', 'tourist_help_calls', 'tourist_complaints', 'places', 'islands']) await q.dropTable(table);
}
