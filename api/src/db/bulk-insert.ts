// bulkInsert: many rows of a model in multi-row INSERTs on the caller's transaction, with the id of each row,
// for use cases that write a group of rows and then rows that point at them (a group of declarations, their
// evidence steps, their messages). It writes what Model.bulkCreate writes, timestamps and defaults included,
// without building a model instance per row or formatting each value through Sequelize's query generator:
// for a group of declarations those were a tenth of the API's CPU. Values go to the driver as `?`
// parameters (mysql2 escapes them client-side, as for Sequelize's own replacements; sqlite3 binds them).
//
// The ids: a multi-row INSERT's rows are numbered from the first id the database reports (MySQL's insertId;
// SQLite's last rowid less the rows written, one writer at a time). On MySQL/MariaDB that needs consecutive
// ids for one INSERT: innodb_autoinc_lock_mode 0 or 1 (MariaDB's default) with auto_increment_increment 1.
// Under mode 2 (MySQL 8's default) or a Galera-style increment the ids of concurrent inserts interleave, so
// there each row goes in an INSERT of its own: slower, never wrong.
import { DataTypes, type Model, type ModelStatic, type Sequelize, type Transaction } from 'sequelize';
import { onConnection } from './driver';

const consecutive = new WeakMap<Sequelize, Promise<boolean>>();

/** Whether a multi-row INSERT on this database takes consecutive ids (asked once per Sequelize instance). */
export function takesConsecutiveIds(sequelize: Sequelize): Promise<boolean> {
  let answer = consecutive.get(sequelize);
  if (!answer) {
    answer = sequelize.getDialect() === 'sqlite'
      ? Promise.resolve(true)
      : sequelize.query<{ mode: number | string; step: number | string }>('SELECT @@innodb_autoinc_lock_mode AS mode, @@auto_increment_increment AS step', { type: 'SELECT' as never })
        .then(([row]) => Number(row.mode) <= 1 && Number(row.step) === 1);
    consecutive.set(sequelize, answer);
  }
  return answer;
}

interface Column { field: string; attribute: string; toDb: (value: unknown, now: Date) => unknown }
interface Plan { table: string; columns: Column[]; pk: string | null }
const plans = new WeakMap<ModelStatic<Model>, Plan>();

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** A time as Sequelize stores it with timezone '+00:00': MySQL DATETIME(3) text, or SQLite's text with the offset (which compares as text). */
export function storedTime(value: Date, sqlite: boolean): string {
  const text = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}`;
  return sqlite ? `${text} +00:00` : text;
}

function planOf(model: ModelStatic<Model>): Plan {
  let plan = plans.get(model);
  if (plan) return plan;
  const sqlite = model.sequelize!.getDialect() === 'sqlite';
  const stamps = (model as unknown as { _timestampAttributes: { createdAt?: string; updatedAt?: string } })._timestampAttributes ?? {};
  let pk: string | null = null;
  const columns: Column[] = [];
  for (const [attribute, a] of Object.entries(model.getAttributes())) {
    if (a.autoIncrement) { pk = attribute; continue; }
    const key = (a.type as { key?: string }).key;
    const fallback = a.defaultValue instanceof DataTypes.NOW || a.defaultValue === DataTypes.NOW ? 'now' : a.defaultValue;
    const stamped = attribute === stamps.createdAt || attribute === stamps.updatedAt;
    const convert = key === 'JSON' ? (v: unknown) => JSON.stringify(v)
      : key === 'DATE' ? (v: unknown) => storedTime(v instanceof Date ? v : new Date(v as string), sqlite)
        : key === 'BOOLEAN' ? (v: unknown) => (v ? 1 : 0)
          : (v: unknown) => v;
    columns.push({
      field: a.field ?? attribute, attribute,
      toDb: (value, now) => {
        const v = value === undefined ? (stamped || fallback === 'now' ? now : fallback) : value;
        return v === undefined || v === null ? null : convert(v);
      },
    });
  }
  plan = { table: model.getTableName() as string, columns, pk };
  plans.set(model, plan);
  return plan;
}

/** One INSERT of the rows on the transaction's connection; the first id it took. */
async function insertRows(model: ModelStatic<Model>, plan: Plan, rows: Record<string, unknown>[], t: Transaction, now: Date): Promise<number> {
  const sqlite = model.sequelize!.getDialect() === 'sqlite';
  const q = (name: string) => (sqlite ? `"${name}"` : `\`${name}\``);
  const tuple = `(${plan.columns.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO ${q(plan.table)} (${plan.columns.map((c) => q(c.field)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
  const values = rows.flatMap((row) => plan.columns.map((c) => c.toDb(row[c.attribute], now)));
  const { insertId, changes } = await onConnection(transactionConnection(t), sqlite, sql, values);
  // MySQL reports the first id of a multi-row INSERT; SQLite the last.
  return sqlite ? insertId - changes + 1 : insertId;
}

const transactionConnection = (t: Transaction) => (t as unknown as { connection: unknown }).connection;

/** Inserts the rows (attribute names, as for Model.bulkCreate) in the caller's transaction and gives their ids, in the rows' order. */
export async function bulkInsert<A extends object>(model: ModelStatic<Model>, rows: A[], transaction: Transaction): Promise<number[]> {
  if (!rows.length) return [];
  const plan = planOf(model);
  const now = new Date();
  const records = rows as unknown as Record<string, unknown>[];
  const ids: number[] = [];
  // SQLite takes at most 32,766 parameters a statement (999 before 3.32); keep well under.
  const perStatement = (await takesConsecutiveIds(model.sequelize!)) ? Math.max(1, Math.floor(900 / plan.columns.length)) : 1;
  for (let i = 0; i < records.length; i += perStatement) {
    const chunk = records.slice(i, i + perStatement);
    const first = await insertRows(model, plan, chunk, transaction, now);
    chunk.forEach((_, k) => ids.push(first + k));
  }
  return ids;
}

/**
 * One plain statement with positional `?` values on the caller's transaction (as bulkInsert writes): an UPDATE
 * gives the rows it changed (and on MySQL/MariaDB the value a `LAST_INSERT_ID(expr)` in it set, as `insertId`), a
 * SELECT its rows as the driver made them. For the few statements a hot use case
 * runs in every transaction (the day's event-code counter), where Sequelize's per-query work costs more than
 * the statement.
 */
export async function statementIn<T = never>(transaction: Transaction, sql: string, values: readonly unknown[]): Promise<{ changes: number; rows: T[]; insertId: number }> {
  const { sequelize } = transaction as unknown as { sequelize: Sequelize };
  const { rows, changes, insertId } = await onConnection<T>(transactionConnection(transaction), sequelize.getDialect() === 'sqlite', sql, values);
  return { rows, changes, insertId };
}
