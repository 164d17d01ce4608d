// Snap-and-report: categories, dispatch rules, events with daily code counters, photos, the evidence
// chain, followers, the reporter's inbox and the outbox for WeChat delivery, Open311 keys.
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const created = { created_at: { type: DataTypes.DATE(3), allowNull: false } };
const timestamps = { ...created, updated_at: { type: DataTypes.DATE(3), allowNull: false } };
const ref = (table: string, allowNull = false, onDelete = 'RESTRICT') => ({
  type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' }, onDelete, onUpdate: 'CASCADE',
});

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.createTable('categories', {
    id,
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(64), allowNull: false },
    level: { type: DataTypes.INTEGER, allowNull: false },
    unit_type: { type: DataTypes.STRING(32), allowNull: false },
    response_hours: { type: DataTypes.INTEGER, allowNull: false },
    resolution_hours: { type: DataTypes.INTEGER, allowNull: false },
    auto_dispatch: { type: DataTypes.BOOLEAN, allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });

  await q.createTable('dispatch_rules', {
    id,
    category_id: ref('categories', true, 'CASCADE'),
    region_id: ref('regions', false, 'CASCADE'),
    unit_id: ref('units', false, 'CASCADE'),
    ...timestamps,
  });

  await q.createTable('event_code_counters', {
    prefix: { type: DataTypes.STRING(8), primaryKey: true, allowNull: false },
    day: { type: DataTypes.CHAR(8), primaryKey: true, allowNull: false },
    value: { type: DataTypes.INTEGER, allowNull: false },
  });

  await q.createTable('events', {
    id,
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    source: { type: DataTypes.STRING(24), allowNull: false },
    category_id: ref('categories'),
    level: { type: DataTypes.INTEGER, allowNull: false },
    description: { type: DataTypes.STRING(1000), allowNull: false },
    lat: { type: DataTypes.DOUBLE, allowNull: false },
    lng: { type: DataTypes.DOUBLE, allowNull: false },
    address: { type: DataTypes.STRING(200), allowNull: true },
    grid_id: ref('grids'),
    region_id: ref('regions'),
    region_path: { type: DataTypes.STRING(255), allowNull: false },
    unit_id: ref('units', true),
    status: { type: DataTypes.STRING(16), allowNull: false },
    overdue: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    escalated_at: { type: DataTypes.DATE(3), allowNull: true },
    response_due_at: { type: DataTypes.DATE(3), allowNull: true },
    resolution_due_at: { type: DataTypes.DATE(3), allowNull: true },
    responded_at: { type: DataTypes.DATE(3), allowNull: true },
    resolved_at: { type: DataTypes.DATE(3), allowNull: true },
    closed_at: { type: DataTypes.DATE(3), allowNull: true },
    reporter_id: ref('people', true),
    reporter_staff_id: ref('staff', true),
    anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    merged_into_id: ref('events', true),
    rating: { type: DataTypes.INTEGER, allowNull: true },
    rating_comment: { type: DataTypes.STRING(500), allowNull: true },
    review_requested: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    evidence_seq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    evidence_head: { type: DataTypes.CHAR(64), allowNull: true },
    ...timestamps,
  });
  await q.addIndex('events', ['status', 'level', 'resolution_due_at']);
  await q.addIndex('events', ['region_path']);
  await q.addIndex('events', ['unit_id', 'status']);
  await q.addIndex('events', ['reporter_id', 'created_at']);
  await q.addIndex('events', ['category_id', 'created_at']);
  await q.addIndex('events', ['lat', 'lng']);

  await q.createTable('photos', {
    id,
    owner_kind: { type: DataTypes.STRING(16), allowNull: false },
    owner_id: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(16), allowNull: false },
    display_key: { type: DataTypes.STRING(128), allowNull: false, unique: true },
    thumb_key: { type: DataTypes.STRING(128), allowNull: false, unique: true },
    original_sha256: { type: DataTypes.CHAR(64), allowNull: false },
    display_sha256: { type: DataTypes.CHAR(64), allowNull: false },
    thumb_sha256: { type: DataTypes.CHAR(64), allowNull: false },
    dhash: { type: DataTypes.CHAR(16), allowNull: false },
    width: { type: DataTypes.INTEGER, allowNull: false },
    height: { type: DataTypes.INTEGER, allowNull: false },
    bytes: { type: DataTypes.INTEGER, allowNull: false },
    ...created,
  });
  await q.addIndex('photos', ['owner_kind', 'owner_id']);
  await q.addIndex('photos', ['created_at']);

  await q.createTable('event_evidence', {
    id,
    event_id: ref('events', false, 'CASCADE'),
    seq: { type: DataTypes.INTEGER, allowNull: false },
    action: { type: DataTypes.STRING(24), allowNull: false },
    actor_kind: { type: DataTypes.STRING(16), allowNull: false },
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    actor_role: { type: DataTypes.STRING(16), allowNull: false },
    from_status: { type: DataTypes.STRING(16), allowNull: true },
    to_status: { type: DataTypes.STRING(16), allowNull: false },
    payload: { type: DataTypes.JSON, allowNull: false },
    payload_digest: { type: DataTypes.CHAR(64), allowNull: false },
    attachments: { type: DataTypes.JSON, allowNull: false },
    state_digest: { type: DataTypes.CHAR(64), allowNull: false },
    prev_hash: { type: DataTypes.CHAR(64), allowNull: true },
    hash: { type: DataTypes.CHAR(64), allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('event_evidence', ['event_id', 'seq'], { unique: true, name: 'event_evidence_event_seq' });

  await q.createTable('event_followers', {
    event_id: { ...ref('events', false, 'CASCADE'), primaryKey: true },
    person_id: { ...ref('people', false, 'CASCADE'), primaryKey: true },
    ...created,
  });
  await q.addIndex('event_followers', ['person_id']);

  await q.createTable('inbox_messages', {
    id,
    person_id: ref('people', false, 'CASCADE'),
    title: { type: DataTypes.STRING(64), allowNull: false },
    body: { type: DataTypes.STRING(500), allowNull: false },
    link: { type: DataTypes.STRING(200), allowNull: true },
    event_code: { type: DataTypes.STRING(32), allowNull: true },
    read_at: { type: DataTypes.DATE(3), allowNull: true },
    ...created,
  });
  await q.addIndex('inbox_messages', ['person_id', 'read_at']);

  await q.createTable('outbox', {
    id,
    channel: { type: DataTypes.STRING(24), allowNull: false },
    person_id: ref('people', true, 'CASCADE'),
    staff_id: ref('staff', true, 'CASCADE'),
    topic: { type: DataTypes.STRING(48), allowNull: false },
    payload: { type: DataTypes.JSON, allowNull: false },
    state: { type: DataTypes.STRING(16), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });
  await q.addIndex('outbox', ['state', 'created_at']);

  await q.createTable('open311_keys', {
    id,
    name: { type: DataTypes.STRING(64), allowNull: false },
    key_hash: { type: DataTypes.CHAR(64), allowNull: false, unique: true },
    created_by: ref('staff', true, 'SET NULL'),
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps,
  });
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  for (const table of ['open311_keys', 'outbox', 'inbox_messages', 'event_followers', 'event_evidence', 'photos', 'events', 'event_code_counters', 'dispatch_rules', 'categories']) {
    await q.dropTable(table);
  }
}
