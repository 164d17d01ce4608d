// plainSelect: a SELECT with positional `?` values sent straight through a connection from Sequelize's own pool,
// for the few reads every user makes many times (the insured person's fees, the event detail). For a read of one or two short
// rows, sequelize.query costs more Node CPU than the database spends answering: it scans the SQL for named
// replacements character by character, runs the pool hooks, captures a stack trace, logs and reshapes the rows.
// Here the driver formats the values (mysql2 escapes them client-side, exactly as it does for Sequelize's
// replacements; sqlite3 binds them) and the rows come back as the driver made them, with the connection's
// settings (time zone, big numbers) unchanged. Not for use inside a transaction: it takes a pooled connection.
import type { ModelStatic, Model, Sequelize } from 'sequelize';
import sqlite3 from 'sqlite3';
import { cacheStatements, finalizeStatements, onConnection, preparedReads, type Outcome, type PreparedReads } from './driver';

interface Pool { getConnection(options: { type: string }): Promise<unknown>; releaseConnection(connection: unknown): void }

/** A statement on a connection from Sequelize's own pool, given back afterwards. */
async function pooled<T>(sequelize: Sequelize, type: string, sql: string, values: readonly unknown[], options: { serialize?: boolean } = {}): Promise<Outcome<T>> {
  const pool = sequelize.connectionManager as unknown as Pool;
  const connection = await pool.getConnection({ type });
  try {
    return await onConnection<T>(connection, sequelize.getDialect() === 'sqlite', sql, values, options);
  } finally {
    pool.releaseConnection(connection);
  }
}

/** The prepared-read pools of MariaDB/MySQL Sequelize instances (withPreparedReads), closed with them. */
const preparedPools = new WeakMap<Sequelize, PreparedReads>();

/**
 * Gives a MariaDB/MySQL Sequelize instance a pool of prepared reads (see preparedReads), used by plainSelect's
 * `prepared` statements and ended by sequelize.close(). SQLite has nothing to gain: its reads stay as they are.
 */
export function withPreparedReads(sequelize: Sequelize, connectionLimit: number): void {
  if (sequelize.getDialect() === 'sqlite' || preparedPools.has(sequelize)) return;
  const c = sequelize.config;
  const reads = preparedReads({ host: c.host ?? '127.0.0.1', port: Number(c.port ?? 3306), user: c.username, password: c.password ?? '', database: c.database, connectionLimit });
  preparedPools.set(sequelize, reads);
  const close = sequelize.close.bind(sequelize);
  sequelize.close = async () => {
    preparedPools.delete(sequelize);
    await reads.end();
    return close();
  };
}

/** How plainRun writes on an SQLite file: in the queue of the instance's transactions (connection.ts). */
const queuedWrites = new WeakMap<Sequelize, (sql: string, values: readonly unknown[]) => Promise<Outcome<unknown>>>();

/**
 * Makes plainRun on this instance call `write` (which runs it in turn with the instance's transactions) instead
 * of taking a pooled connection. Must not be used inside a transaction: it would wait for that transaction to end.
 */
export function withQueuedWrites(sequelize: Sequelize, write: (sql: string, values: readonly unknown[]) => Promise<Outcome<unknown>>): void {
  queuedWrites.set(sequelize, write);
}

/** The read connections of SQLite Sequelize instances (withSqliteReaders), taken in turn, closed with them. */
const sqliteReaders = new WeakMap<Sequelize, { connections: sqlite3.Database[]; next: number }>();

/**
 * Gives a Sequelize instance on an SQLite file `count` connections of its own for plainSelect. Sequelize reads
 * everything outside transactions through one connection, and SQLite runs one statement at a time on a
 * connection: the hot reads queued behind each other while the other core idled. In WAL mode each connection
 * reads the last committed state without blocking the writer or each other, so these see every commit, as the
 * shared connection does. `query_only` keeps them to reading. An in-memory database has a single connection.
 */
export function withSqliteReaders(sequelize: Sequelize, storage: string, count: number): void {
  if (storage === ':memory:' || count < 1 || sqliteReaders.has(sequelize)) return;
  const connections = Array.from({ length: count }, () => {
    // An open that fails (it cannot, where Sequelize's own connection opened) fails every read on this connection.
    const db = new sqlite3.Database(storage, sqlite3.OPEN_READWRITE, () => undefined);
    db.configure('busyTimeout', 5_000);
    db.run('PRAGMA query_only = ON');
    // The same few reads over and over: kept prepared (driver.ts), and finalized before the connection closes.
    cacheStatements(db);
    return db;
  });
  sqliteReaders.set(sequelize, { connections, next: 0 });
  const close = sequelize.close.bind(sequelize);
  sequelize.close = async () => {
    sqliteReaders.delete(sequelize);
    await Promise.all(connections.map(async (db) => {
      await finalizeStatements(db);
      await new Promise<void>((resolve) => db.close(() => resolve()));
    }));
    return close();
  };
}

/**
 * `prepared`: a statement whose text never varies (values only as `?`), run as a prepared statement on the
 * instance's prepared-read pool when it has one (MariaDB/MySQL), with the same row shapes as the others.
 * On SQLite every plainSelect goes to the instance's read connections, in turn (withSqliteReaders).
 */
export async function plainSelect<T>(sequelize: Sequelize, sql: string, values: readonly unknown[], options: { prepared?: boolean } = {}): Promise<T[]> {
  const reads = options.prepared ? preparedPools.get(sequelize) : undefined;
  if (reads) return reads.select<T>(sql, values);
  const readers = sqliteReaders.get(sequelize);
  if (readers) {
    const connection = readers.connections[readers.next];
    readers.next = (readers.next + 1) % readers.connections.length;
    return (await onConnection<T>(connection, true, sql, values)).rows;
  }
  return (await pooled<T>(sequelize, 'SELECT', sql, values)).rows;
}

/** A model's columns for a plainSelect, named as its attributes (`alias.field AS \`attribute\``), so the rows read as raw model reads give them. */
export function selectList(model: ModelStatic<Model>, alias: string, prefix = ''): string {
  return Object.entries(model.getAttributes()).map(([name, a]) => `${alias}.${a.field ?? name} AS \`${prefix}${name}\``).join(', ');
}

/**
 * The rows of a joined model read with `selectList(model, alias, prefix)`, each once (a row repeats when further
 * joined rows hang off it; a LEFT JOIN that found none gives none), in the order first met. The prefixed columns
 * are found once per call, not once per row.
 */
export function joinedRows<T>(rows: Record<string, unknown>[], prefix: string, key: string): T[] {
  if (!rows.length) return [];
  const names: string[] = [];
  for (const name in rows[0]) if (name.startsWith(prefix)) names.push(name);
  const byKey = new Map<unknown, T>();
  for (const r of rows) {
    const id = r[prefix + key];
    if (id === null || id === undefined || byKey.has(id)) continue;
    const out: Record<string, unknown> = {};
    for (const name of names) out[name.slice(prefix.length)] = r[name];
    byKey.set(id, out as T);
  }
  return [...byKey.values()];
}

/**
 * A plain INSERT, UPDATE or DELETE outside any transaction, as plainSelect reads: the rows it changed and the
 * id an INSERT took. For the few writes every request of a kind makes (the idempotency key of a POST).
 */
export async function plainRun(sequelize: Sequelize, sql: string, values: readonly unknown[]): Promise<{ changes: number; insertId: number }> {
  const queued = queuedWrites.get(sequelize);
  // SQLite answers busy at once, without waiting out the busy timeout, when this connection is still reading
  // (another request's SELECT) while another connection has written: try again, as Sequelize does for its queries.
  for (let attempt = 1; ; attempt++) {
    try {
      // On an SQLite file: in turn with the transactions, on their connection (withQueuedWrites). Otherwise queued
      // on the shared connection (serialize), as Sequelize's own writes are.
      const { changes, insertId } = queued ? await queued(sql, values) : await pooled(sequelize, 'INSERT', sql, values, { serialize: true });
      return { changes, insertId };
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt));
    }
  }
}

/** Whether a driver error from plainRun is a unique-key violation (SQLite's UNIQUE constraint, MySQL's duplicate entry). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; message?: string };
  return e?.code === 'ER_DUP_ENTRY' || (e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE/i.test(e.message ?? ''));
}
