// The one place that speaks to the drivers beneath Sequelize, for the plain statements of hot paths
// (plainSelect, plainRun, statementIn, bulkInsert): sqlite3's `all` and `run`, mysql2's `query`, with
// positional `?` values that the driver binds (sqlite3) or escapes client-side (mysql2, as for Sequelize's
// own replacements).
import mysql from 'mysql2';

/** What a statement gave: a SELECT's rows as the driver made them; a write's changed rows and the id it took (for
 * a multi-row INSERT, MySQL's first id and SQLite's last). */
export interface Outcome<T> { rows: T[]; changes: number; insertId: number }

interface SqliteStatement {
  all(values: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  run(values: unknown[], cb: (this: { changes: number; lastID: number }, err: Error | null) => void): void;
  finalize(cb?: () => void): void;
}
interface SqliteConnection {
  all(sql: string, values: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  run(sql: string, values: unknown[], cb: (this: { changes: number; lastID: number }, err: Error | null) => void): void;
  serialize(queue: () => void): void;
  prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement;
}

/**
 * The statements of SQLite connections that keep theirs prepared (cacheStatements), by text: the read connections'
 * SELECTs and every statement of the writer (transactions and queued writes). sqlite3's `all` and `run` prepare
 * the statement anew on every call and finalize it afterwards; a statement kept is only bound and stepped (a
 * read of a few rows: 85 → 39 µs of CPU). Each call steps its statement to the end, so none stays active between
 * calls (a COMMIT is never refused for a statement in progress). Bounded: the oldest is finalized when a new text
 * would pass the limit. Only for connections whose owner finalizes them before closing (a connection with live
 * statements cannot close).
 */
const statementCaches = new WeakMap<object, Map<string, Promise<SqliteStatement>>>();
const CACHED_STATEMENTS = 200;

export function cacheStatements(connection: object): void {
  statementCaches.set(connection, new Map());
}

const finalized = (statement: Promise<SqliteStatement>) => statement.then((s) => new Promise<void>((resolve) => s.finalize(() => resolve())), noop);

/** Finalizes the statements a connection keeps (before it is closed). */
export async function finalizeStatements(connection: object): Promise<void> {
  const cache = statementCaches.get(connection);
  if (!cache) return;
  statementCaches.delete(connection);
  await Promise.all([...cache.values()].map(finalized));
}

function cachedStatement(db: SqliteConnection, cache: Map<string, Promise<SqliteStatement>>, sql: string): Promise<SqliteStatement> {
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= CACHED_STATEMENTS) {
      const [oldest, kept] = cache.entries().next().value as [string, Promise<SqliteStatement>];
      cache.delete(oldest);
      void finalized(kept);
    }
    // Calls wait for the statement to be prepared; one that cannot be (a mistake in the SQL) fails them all and is not kept.
    const preparing = new Promise<SqliteStatement>((ready, failed) => {
      const created = db.prepare(sql, (err) => (err ? failed(err) : ready(created)));
    });
    preparing.catch(() => { if (cache.get(sql) === preparing) cache.delete(sql); });
    cache.set(sql, preparing);
    statement = preparing;
  }
  return statement;
}

/** A statement that failed is not kept: the next call prepares it afresh. */
function forget(cache: Map<string, Promise<SqliteStatement>>, sql: string, used: Promise<SqliteStatement>): void {
  if (cache.get(sql) === used) { cache.delete(sql); void finalized(used); }
}

function cachedAll(db: SqliteConnection, cache: Map<string, Promise<SqliteStatement>>, sql: string, values: readonly unknown[], resolve: (rows: unknown[]) => void, reject: (err: Error) => void): void {
  const used = cachedStatement(db, cache, sql);
  used.then((prepared) => prepared.all([...values], (err, rows) => {
    if (!err) return resolve(rows);
    forget(cache, sql, used);
    reject(err);
  }), reject);
}

function cachedRun(db: SqliteConnection, cache: Map<string, Promise<SqliteStatement>>, sql: string, values: readonly unknown[], resolve: (outcome: Outcome<never>) => void, reject: (err: Error) => void): void {
  const used = cachedStatement(db, cache, sql);
  used.then((prepared) => prepared.run([...values], function done(err) {
    if (!err) return resolve({ rows: [], changes: this.changes, insertId: this.lastID });
    forget(cache, sql, used);
    reject(err);
  }), reject);
}
const noop = () => undefined;
interface MysqlConnection { query(sql: string, values: unknown[], cb: (err: Error | null, result: unknown) => void): void }

/**
 * One statement on a connection Sequelize opened. `serialize` (SQLite): the statement waits for the connection's
 * statements in flight and holds back the next ones, as Sequelize's own queries do; writes outside a transaction
 * need it, since a write waiting on the lock sleeps in one of libuv's four threads (see connection.ts).
 */
export function onConnection<T>(connection: unknown, sqlite: boolean, sql: string, values: readonly unknown[], options: { serialize?: boolean } = {}): Promise<Outcome<T>> {
  const select = /^\s*select\b/i.test(sql);
  return new Promise((resolve, reject) => {
    if (sqlite) {
      const db = connection as SqliteConnection;
      // A change with RETURNING answers rows, one per row it changed (SQLite ≥ 3.35).
      const returning = !select && /\breturning\b/i.test(sql);
      // `serialize` orders a statement among the connection's others; a kept statement runs on its own (the writer's callers queue).
      const cache = options.serialize ? undefined : statementCaches.get(db);
      if (cache && (select || returning)) return cachedAll(db, cache, sql, values, (rows) => resolve({ rows: rows as T[], changes: returning ? rows.length : 0, insertId: 0 }), reject);
      if (cache) return cachedRun(db, cache, sql, values, resolve, reject);
      const send = () => {
        if (select || returning) db.all(sql, [...values], (err, rows) => (err ? reject(err) : resolve({ rows: rows as T[], changes: returning ? rows.length : 0, insertId: 0 })));
        else db.run(sql, [...values], function done(err) { if (err) reject(err); else resolve({ rows: [], changes: this.changes, insertId: this.lastID }); });
      };
      if (options.serialize) db.serialize(send); else send();
    } else {
      (connection as MysqlConnection).query(sql, [...values], (err, result) => {
        if (err) return reject(err);
        if (select) return resolve({ rows: result as T[], changes: 0, insertId: 0 });
        const ok = result as { affectedRows?: number; insertId?: number };
        resolve({ rows: [], changes: Number(ok.affectedRows ?? 0), insertId: Number(ok.insertId ?? 0) });
      });
    }
  });
}

/**
 * Prepared reads on MariaDB/MySQL: a small mysql2 pool of its own beside Sequelize's, for the few fixed
 * statements every user runs many times (the event detail, the insured person's fees). Two costs go:
 * - Sequelize gives its connections a `typeCast` callback, and mysql2 then builds a wrapper object for every
 *   field of every row and calls it; for a 60-column row that was about as much Node CPU as the rest of the
 *   read. These connections keep mysql2's own conversion, set to give what Sequelize's gives (DATETIME as a
 *   Date in UTC, DATE as 'YYYY-MM-DD' text, BIGINT as a number while it is safe, DECIMAL as text).
 * - The statement is prepared once per connection and then only executed (binary protocol): the server
 *   neither parses it again nor sends numbers and times as text (a quarter less database CPU on the detail).
 * Only for statements whose text does not vary (values as `?`): each distinct text is a prepared statement
 * held on the server, so the cache per connection is small and bounded.
 */
export interface PreparedReads {
  select<T>(sql: string, values: readonly unknown[]): Promise<T[]>;
  end(): Promise<void>;
}

export function preparedReads(options: { host: string; port: number; user: string; password: string; database: string; connectionLimit: number }): PreparedReads {
  const pool = mysql.createPool({
    ...options, charset: 'utf8mb4', timezone: '+00:00', supportBigNumbers: true, bigNumberStrings: false, dateStrings: ['DATE'],
    maxPreparedStatements: 64, maxIdle: 2, idleTimeout: 60_000,
  });
  // The session in UTC, as Sequelize sets its own connections (DATETIME is read as UTC by `timezone` above; this
  // keeps NOW() and any TIMESTAMP a statement might use in the same zone). Queued before the connection's first use.
  pool.on('connection', (connection) => { connection.query("SET time_zone = '+00:00'"); });
  let ended: Promise<void> | null = null;
  return {
    select<T>(sql: string, values: readonly unknown[]): Promise<T[]> {
      return new Promise((resolve, reject) => {
        pool.execute(sql, values as never, (err, rows) => (err ? reject(err) : resolve(rows as T[])));
      });
    },
    // Once, however often it is asked (Sequelize's close may be called twice).
    end: () => (ended ??= new Promise((resolve, reject) => { pool.end((err) => (err ? reject(err) : resolve())); })),
  };
}
