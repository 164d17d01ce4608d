// Targeted notices: facts about people (a projection the audience language reads), explicit topic
// subscriptions, WeChat subscribe quotas, rules and their runs, and one delivery table that replaces the
// outbox (every message to a person or staff member, with its state, reason and WeChat outcome).
// Staff get an inbox of their own; the resident inbox learns its topic and the delivery it came from.
import { DataTypes, QueryTypes } from 'sequelize';
import type { MigrationContext } from '../migrate';

const id = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const count = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const at = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const day = () => ({ type: DataTypes.DATEONLY, allowNull: true });
const bool = () => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });

export async function up({ queryInterface: q, sequelize }: MigrationContext): Promise<void> {
  await q.createTable('resident_facts', {
    person_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    birth_date: day(), sex: str(8, true), region_path: str(255, true), island_region_path: str(255, true), grid_code: str(32, true),
    declared: bool(), declaration_valid_until: day(), insured: bool(), arrears_months: count(),
    island_code: str(8, true), island_seen_on: day(), open_events: count(),
    // ",weather_alert,policy_updates," so that one topic is a LIKE '%,topic,%' on both databases.
    topics: { type: DataTypes.STRING(255), allowNull: false, defaultValue: '' }, refreshed_at: at(),
  });
  await q.addIndex('resident_facts', ['birth_date']);
  await q.addIndex('resident_facts', ['region_path']);
  await q.addIndex('resident_facts', ['declaration_valid_until']);
  await q.addIndex('resident_facts', ['island_code', 'island_seen_on']);
  await q.addIndex('resident_facts', ['refreshed_at']);

  await q.createTable('notice_topic_subscriptions', { id: id(), person_id: int(), topic: str(32), created_at: at() });
  await q.addIndex('notice_topic_subscriptions', ['person_id', 'topic'], { unique: true });
  await q.createTable('notice_subscribe_quotas', {
    person_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false }, template_key: { type: DataTypes.STRING(32), primaryKey: true, allowNull: false },
    remaining: count(), updated_at: at(),
  });

  await q.createTable('notice_rules', {
    id: id(), name: str(64), status: str(8), audience: { type: DataTypes.JSON, allowNull: false }, title: str(64), body: str(500), link: str(200, true),
    template_key: str(32), trigger_kind: str(8), cron: str(64, true), trigger_event: str(32, true), dedupe_key: str(64), urgency: str(8), ends_on: day(),
    scope_path: str(255), last_fired_at: at(true), activated_at: at(true), created_by: int(), updated_by: int(), created_at: at(), updated_at: at(),
  });
  await q.addIndex('notice_rules', ['status', 'trigger_kind']);
  await q.createTable('notice_runs', {
    id: id(), rule_id: int(), trigger: str(8), status: str(8), matched: count(), queued: count(), deduped: count(), started_at: at(), finished_at: at(true),
  });
  await q.addIndex('notice_runs', ['rule_id', 'id']);

  await q.createTable('notice_deliveries', {
    id: id(), rule_id: int(true), run_id: int(true), person_id: int(true), staff_id: int(true), class: str(16), topic: str(48), dedupe_key: str(96, true),
    title: str(64), body: str(500), link: str(200, true), event_code: str(32, true), template_key: str(32, true),
    state: str(12), reason: str(24, true), wechat: str(12, true), wechat_errcode: int(true), attempts: count(),
    due_at: at(), claimed_until: at(true), claimed_by: str(64, true), inbox_message_id: int(true), sent_at: at(true), created_at: at(), updated_at: at(),
  });
  // A person never receives the same dedupe key twice: the database says so, whatever the instances do.
  await q.addIndex('notice_deliveries', ['person_id', 'dedupe_key'], { unique: true, name: 'notice_deliveries_dedupe' });
  await q.addIndex('notice_deliveries', ['state', 'due_at']);
  await q.addIndex('notice_deliveries', ['rule_id', 'state']);
  await q.addIndex('notice_deliveries', ['person_id', 'class', 'sent_at']);
  await q.addIndex('notice_deliveries', ['created_at']);

  await q.createTable('staff_inbox_messages', {
    id: id(), staff_id: int(), topic: str(48), title: str(64), body: str(500), link: str(200, true), event_code: str(32, true),
    delivery_id: int(true), read_at: at(true), created_at: at(),
  });
  await q.addIndex('staff_inbox_messages', ['staff_id', 'id']);
  await q.addIndex('staff_inbox_messages', ['delivery_id'], { unique: true });
  await q.addColumn('inbox_messages', 'topic', { type: DataTypes.STRING(48), allowNull: false, defaultValue: 'event_progress' });
  await q.addColumn('inbox_messages', 'delivery_id', { type: DataTypes.INTEGER, allowNull: true });
  await q.addIndex('inbox_messages', ['delivery_id'], { unique: true });

  // The outbox had no deliverer yet: what waits in it is carried over as history, not sent days late.
  const rows = await sequelize.query<{ channel: string; person_id: number | null; staff_id: number | null; topic: string; payload: unknown; created_at: string | Date }>(
    'SELECT channel, person_id, staff_id, topic, payload, created_at FROM outbox', { type: QueryTypes.SELECT });
  const now = new Date();
  for (let i = 0; i < rows.length; i += 500) {
    await q.bulkInsert('notice_deliveries', rows.slice(i, i + 500).map((r) => {
      const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as { title?: string; body?: string; link?: string | null; eventCode?: string | null };
      return {
        person_id: r.person_id, staff_id: r.staff_id, class: r.staff_id ? 'urgent' : 'transactional', topic: r.topic, title: String(p.title ?? '').slice(0, 64), body: String(p.body ?? '').slice(0, 500),
        link: p.link ?? null, event_code: p.eventCode ?? null, state: 'expired', reason: 'rule_ended', attempts: 0, due_at: new Date(r.created_at), created_at: new Date(r.created_at), updated_at: now,
      };
    }));
  }
  await q.dropTable('outbox');
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.createTable('outbox', {
    id: id(), channel: str(24), person_id: int(true), staff_id: int(true), topic: str(48), payload: { type: DataTypes.JSON, allowNull: false },
    state: str(16), attempts: count(), created_at: at(), updated_at: at(),
  });
  await q.addIndex('outbox', ['state', 'created_at']);
  await q.removeIndex('inbox_messages', ['delivery_id']);
  await q.removeColumn('inbox_messages', 'delivery_id');
  await q.removeColumn('inbox_messages', 'topic');
  for (const t of ['staff_inbox_messages', 'notice_deliveries', 'notice_runs', 'notice_rules', 'notice_subscribe_quotas', 'notice_topic_subscriptions', 'resident_facts']) await q.dropTable(t);
}
