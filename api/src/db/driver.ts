// The one place that speaks to the drivers beneath Sequelize, for the plain statements of hot paths
// (plainSelect, plainRun, statementIn, bulkInsert): sqlite3's `all` and `run`, mysql2's `query`, with
// positional `?` values that the driver binds (sqlite3) or escapes client-side (mysql2, as for Sequelize's
// own replacements).

/** What a statement gave: a SELECT's rows as the driver made them; a write's changed rows and the id it took (for
 * a multi-row INSERT, MySQL's first id and SQLite's last). */
export interface Outcome<T> { rows: T[]; changes: number; insertId: number }

interface SqliteConnection {
  all(sql: string, values: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  run(sql: string, values: unknown[], cb: (this: { changes: number; lastID: number }, err: Error | null) => void): void;
  serialize(queue: () => void): void;
}
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
      const send = () => {
        if (select) db.all(sql, [...values], (err, rows) => (err ? reject(err) : resolve({ rows: rows as T[], changes: 0, insertId: 0 })));
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
