// Self-declaration of residence: houses, the population base, declarations and their evidence steps,
// verification tasks, rental reports from other departments, imports, collision runs and findings, and
// the access log of unmasked identity numbers. Identity numbers are stored only as HMAC index + AES-GCM
// ciphertext (+ the masked form shown in lists).
import { DataTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const id = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });
const created = () => ({ created_at: { type: DataTypes.DATE(3), allowNull: false } });
const timestamps = () => ({ ...created(), updated_at: { type: DataTypes.DATE(3), allowNull: false } });
const ref = (table: string, allowNull = false, onDelete = 'RESTRICT') => ({
  type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' }, onDelete, onUpdate: 'CASCADE',
});
const idHash = (allowNull = false) => ({ type: DataTypes.CHAR(64), allowNull });
const idCipher = (allowNull = false) => ({ type: DataTypes.STRING(96), allowNull });
const idMasked = (allowNull = false) => ({ type: DataTypes.STRING(18), allowNull });
const json = (allowNull = false) => ({ type: DataTypes.JSON, allowNull });

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.addColumn('people', 'phone', { type: DataTypes.STRING(20), allowNull: true });

  await q.createTable('houses', {
    id: id(),
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    address: { type: DataTypes.STRING(200), allowNull: false },
    building: { type: DataTypes.STRING(64), allowNull: false },
    floor: { type: DataTypes.INTEGER, allowNull: true },
    room: { type: DataTypes.STRING(16), allowNull: false },
    use: { type: DataTypes.STRING(16), allowNull: false },
    capacity: { type: DataTypes.INTEGER, allowNull: false },
    landlord_name: { type: DataTypes.STRING(64), allowNull: true },
    landlord_phone: { type: DataTypes.STRING(20), allowNull: true },
    landlord_person_id: ref('people', true, 'SET NULL'),
    grid_id: ref('grids'),
    region_id: ref('regions'),
    region_path: { type: DataTypes.STRING(255), allowNull: false },
    flagged: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    flag_reason: { type: DataTypes.STRING(200), allowNull: true },
    colour: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'none' },
    occupants: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps(),
  });
  await q.addIndex('houses', ['grid_id', 'colour']);
  await q.addIndex('houses', ['region_path']);
  await q.addIndex('houses', ['address']);
  await q.addIndex('houses', ['building']);
  await q.addIndex('houses', ['landlord_person_id']);

  await q.createTable('population_records', {
    id: id(),
    id_hash: { ...idHash(), unique: true },
    id_cipher: idCipher(),
    name: { type: DataTypes.STRING(64), allowNull: false },
    registered_address: { type: DataTypes.STRING(200), allowNull: true },
    ...timestamps(),
  });

  await q.createTable('declarations', {
    id: id(),
    house_id: ref('houses'),
    grid_id: ref('grids'),
    region_path: { type: DataTypes.STRING(255), allowNull: false },
    person_id: ref('people', true),
    id_hash: idHash(),
    id_cipher: idCipher(),
    id_masked: idMasked(),
    name: { type: DataTypes.STRING(64), allowNull: false },
    sex: { type: DataTypes.STRING(8), allowNull: false },
    birth_date: { type: DataTypes.DATEONLY, allowNull: false },
    phone: { type: DataTypes.STRING(20), allowNull: true },
    move_in_date: { type: DataTypes.DATEONLY, allowNull: false },
    move_out_date: { type: DataTypes.DATEONLY, allowNull: true },
    status: { type: DataTypes.STRING(24), allowNull: false },
    valid_until: { type: DataTypes.DATEONLY, allowNull: false },
    risks: json(),
    landlord_confirmed_at: { type: DataTypes.DATE(3), allowNull: true },
    verified_at: { type: DataTypes.DATE(3), allowNull: true },
    reminded_at: { type: DataTypes.DATE(3), allowNull: true },
    evidence_seq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    evidence_head: { type: DataTypes.CHAR(64), allowNull: true },
    ...timestamps(),
  });
  await q.addIndex('declarations', ['house_id', 'status']);
  await q.addIndex('declarations', ['id_hash', 'status']);
  await q.addIndex('declarations', ['person_id', 'created_at']);
  await q.addIndex('declarations', ['status', 'valid_until']);
  await q.addIndex('declarations', ['region_path', 'status']);
  await q.addIndex('declarations', ['house_id', 'created_at']);

  await q.createTable('declaration_steps', {
    id: id(),
    declaration_id: ref('declarations', false, 'CASCADE'),
    seq: { type: DataTypes.INTEGER, allowNull: false },
    action: { type: DataTypes.STRING(24), allowNull: false },
    actor_kind: { type: DataTypes.STRING(16), allowNull: false },
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    actor_role: { type: DataTypes.STRING(24), allowNull: false },
    payload: json(),
    payload_digest: { type: DataTypes.CHAR(64), allowNull: false },
    attachments: json(),
    prev_hash: { type: DataTypes.CHAR(64), allowNull: true },
    hash: { type: DataTypes.CHAR(64), allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('declaration_steps', ['declaration_id', 'seq'], { unique: true, name: 'declaration_steps_declaration_seq' });

  await q.createTable('verification_tasks', {
    id: id(),
    kind: { type: DataTypes.STRING(24), allowNull: false },
    house_id: ref('houses'),
    declaration_id: ref('declarations', true),
    grid_id: ref('grids'),
    region_path: { type: DataTypes.STRING(255), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    reasons: json(),
    note: { type: DataTypes.STRING(500), allowNull: true },
    resolved_by: ref('staff', true),
    resolved_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps(),
  });
  await q.addIndex('verification_tasks', ['grid_id', 'status']);
  await q.addIndex('verification_tasks', ['region_path', 'status']);
  await q.addIndex('verification_tasks', ['house_id', 'status']);

  await q.createTable('data_imports', {
    id: id(),
    kind: { type: DataTypes.STRING(24), allowNull: false },
    filename: { type: DataTypes.STRING(200), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    processed_lines: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    applied_lines: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    error_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    errors: json(),
    created_by: ref('staff', true),
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
    ...timestamps(),
  });

  await q.createTable('rental_reports', {
    id: id(),
    import_id: ref('data_imports', true, 'SET NULL'),
    house_id: ref('houses', true),
    house_code: { type: DataTypes.STRING(32), allowNull: true },
    address: { type: DataTypes.STRING(200), allowNull: true },
    id_hash: idHash(true),
    id_cipher: idCipher(true),
    id_masked: idMasked(true),
    occupancy: { type: DataTypes.STRING(8), allowNull: false },
    source: { type: DataTypes.STRING(24), allowNull: false },
    reported_on: { type: DataTypes.DATEONLY, allowNull: false },
    ...created(),
  });
  await q.addIndex('rental_reports', ['house_id', 'id_hash']);

  await q.createTable('collision_runs', {
    id: id(),
    trigger: { type: DataTypes.STRING(16), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    reports_compared: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    undeclared: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    declared_but_empty: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    events_created: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    tasks_created: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    started_at: { type: DataTypes.DATE(3), allowNull: false },
    finished_at: { type: DataTypes.DATE(3), allowNull: true },
  });

  await q.createTable('collision_findings', {
    id: id(),
    run_id: ref('collision_runs', false, 'CASCADE'),
    kind: { type: DataTypes.STRING(24), allowNull: false },
    house_id: ref('houses'),
    grid_id: ref('grids'),
    region_path: { type: DataTypes.STRING(255), allowNull: false },
    rental_report_id: ref('rental_reports', true, 'SET NULL'),
    id_hash: idHash(true),
    id_masked: idMasked(true),
    source: { type: DataTypes.STRING(24), allowNull: false },
    reported_on: { type: DataTypes.DATEONLY, allowNull: false },
    event_id: ref('events', true, 'SET NULL'),
    task_id: ref('verification_tasks', true, 'SET NULL'),
    open: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...created(),
  });
  await q.addIndex('collision_findings', ['run_id', 'kind']);
  await q.addIndex('collision_findings', ['house_id', 'open']);

  await q.createTable('pii_access_log', {
    id: id(),
    staff_id: ref('staff'),
    subject_kind: { type: DataTypes.STRING(24), allowNull: false },
    subject_id: { type: DataTypes.INTEGER, allowNull: false },
    reason: { type: DataTypes.STRING(200), allowNull: false },
    request_id: { type: DataTypes.STRING(64), allowNull: true },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await q.addIndex('pii_access_log', ['subject_kind', 'subject_id']);

  // The category of enforcement events opened by collision: undeclared occupants, for the street's
  // comprehensive law-enforcement (城管执法) office.
  const now = new Date();
  await q.bulkInsert('categories', [{
    code: 'undeclared-rental', name: '出租屋人员未申报', level: 4, unit_type: 'city_management', response_hours: 48, resolution_hours: 240,
    auto_dispatch: true, active: true, sort: 100, created_at: now, updated_at: now,
  }]);
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.bulkDelete('categories', { code: 'undeclared-rental' });
  for (const table of ['pii_access_log', 'collision_findings', 'collision_runs', 'rental_reports', 'data_imports', 'verification_tasks', 'declaration_steps', 'declarations', 'population_records', 'houses']) {
    await q.dropTable(table);
  }
  await q.removeColumn('people', 'phone');
}
