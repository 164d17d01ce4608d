// Foundation schema: city structure (regions, grids, units, staff), resident accounts, sessions,
// idempotency keys and scheduler leases.
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const timestamps = {
  created_at: { type: DataTypes.DATE(3), allowNull: false },
  updated_at: { type: DataTypes.DATE(3), allowNull: false },
};
const ref = (table: string, allowNull = false, onDelete = 'RESTRICT') => ({
  type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' }, onDelete, onUpdate: 'CASCADE',
});

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.createTable('regions', {
    id,
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(64), allowNull: false },
    level: { type: DataTypes.STRING(16), allowNull: false },
    parent_id: ref('regions', true),
    // Materialised path ("/1/4/9/"): a subtree is one indexed prefix query, which staff scopes need on every request.
    path: { type: DataTypes.STRING(255), allowNull: false },
    ...timestamps,
  });
  await q.addIndex('regions', ['path']);
  await q.addIndex('regions', ['parent_id']);

  await q.createTable('grids', {
    id,
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(64), allowNull: false },
    region_id: ref('regions'),
    // GeoJSON Polygon coordinates in WGS-84, [lng, lat] order as GeoJSON requires.
    polygon: { type: DataTypes.JSON, allowNull: false },
    min_lat: { type: DataTypes.DOUBLE, allowNull: false },
    min_lng: { type: DataTypes.DOUBLE, allowNull: false },
    max_lat: { type: DataTypes.DOUBLE, allowNull: false },
    max_lng: { type: DataTypes.DOUBLE, allowNull: false },
    area_km2: { type: DataTypes.DOUBLE, allowNull: false },
    ...timestamps,
  });
  await q.addIndex('grids', ['region_id']);
  await q.addIndex('grids', ['updated_at']);

  await q.createTable('units', {
    id,
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(64), allowNull: false },
    type: { type: DataTypes.STRING(32), allowNull: false },
    // Jurisdiction: the unit answers for this region's whole subtree.
    region_id: ref('regions'),
    phone: { type: DataTypes.STRING(32), allowNull: true },
    ...timestamps,
  });
  await q.addIndex('units', ['type', 'region_id']);

  await q.createTable('staff', {
    id,
    username: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    display_name: { type: DataTypes.STRING(64), allowNull: false },
    password_hash: { type: DataTypes.STRING(255), allowNull: false },
    role: { type: DataTypes.STRING(16), allowNull: false },
    region_id: ref('regions'),
    unit_id: ref('units', true, 'SET NULL'),
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    failed_sign_ins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_failed_sign_in_at: { type: DataTypes.DATE(3), allowNull: true },
    last_sign_in_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps,
  });
  await q.addIndex('staff', ['region_id']);
  await q.addIndex('staff', ['unit_id']);

  await q.createTable('people', {
    id,
    openid: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    unionid: { type: DataTypes.STRING(64), allowNull: true },
    nickname: { type: DataTypes.STRING(64), allowNull: true },
    last_sign_in_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps,
  });

  await q.createTable('sessions', {
    id,
    // SHA-256 of the refresh token: a leaked table does not let anyone sign in.
    token_hash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
    subject_kind: { type: DataTypes.STRING(16), allowNull: false },
    subject_id: { type: DataTypes.INTEGER, allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps,
  });
  await q.addIndex('sessions', ['subject_kind', 'subject_id']);
  await q.addIndex('sessions', ['expires_at']);

  await q.createTable('idempotency_keys', {
    id,
    scope: { type: DataTypes.STRING(64), allowNull: false },
    idempotency_key: { type: DataTypes.STRING(128), allowNull: false },
    fingerprint: { type: DataTypes.CHAR(64), allowNull: false },
    state: { type: DataTypes.STRING(16), allowNull: false },
    response_status: { type: DataTypes.INTEGER, allowNull: true },
    response_body: { type: DataTypes.JSON, allowNull: true },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    ...timestamps,
  });
  await q.addIndex('idempotency_keys', ['scope', 'idempotency_key'], { unique: true, name: 'idempotency_keys_scope_key' });
  await q.addIndex('idempotency_keys', ['expires_at']);

  await q.createTable('leases', {
    name: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    holder: { type: DataTypes.STRING(64), allowNull: false },
    expires_at: { type: DataTypes.DATE(3), allowNull: false },
    ...timestamps,
  });
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  for (const table of ['leases', 'idempotency_keys', 'sessions', 'people', 'staff', 'units', 'grids', 'regions']) {
    await q.dropTable(table);
  }
}
