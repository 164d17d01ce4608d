// Connection factory: one Sequelize per process (or per test suite), from a DATABASE_URL.
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { Sequelize, Transaction, type Options } from 'sequelize';
import { withPreparedReads } from './plain-select';

export type Dialect = 'sqlite' | 'mysql';

export interface ConnectOptions { poolMax?: number; logging?: (sql: string) => void }

/**
 * sqlite3 with a busy timeout on every connection (Sequelize opens a new SQLite connection for each
 * transaction). It is a safety net for another process writing the same file; within this process,
 * transactions queue in JavaScript instead (serialiseTransactions), because a connection waiting on the
 * lock sleeps inside one of libuv's four threads, and four such waits starve the transaction holding it.
 */
const sqliteWithBusyTimeout = {
  ...sqlite3,
  Database: function Database(file: string, mode: number, callback?: (err: Error | null) => void) {
    const db: sqlite3.Database = new sqlite3.Database(file, mode, (err) => {
      if (!err) db.configure('busyTimeout', 5_000);
      callback?.(err);
    });
    return db;
  },
};

/** SQLite has one writer: managed transactions of this process run one after another. */
function serialiseTransactions(sequelize: Sequelize): void {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (sequelize as unknown as { transaction: unknown }).transaction = (a: unknown, b?: unknown) => {
    const work = typeof a === 'function' ? a : b;
    if (typeof work !== 'function') return original(a); // unmanaged transactions are not used by Weave
    const run = () => (typeof a === 'function' ? original(work) : original(a, work));
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

export async function connect(url: string, opts: ConnectOptions = {}): Promise<Sequelize> {
  const logging = opts.logging ?? false;
  let sequelize: Sequelize;
  if (dialectOf(url) === 'sqlite') {
    const storage = url.slice('sqlite:'.length) || ':memory:';
    if (storage !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(storage)), { recursive: true });
    const options: Options = {
      dialect: 'sqlite',
      dialectModule: sqliteWithBusyTimeout,
      storage,
      logging,
      // SQLite allows one writer: IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
      // on busy_timeout instead of failing half-way with SQLITE_BUSY.
      transactionType: Transaction.TYPES.IMMEDIATE,
      retry: { max: 10, match: [/SQLITE_BUSY/] },
      pool: { max: 1, min: 0, idle: 60000 },
    };
    sequelize = new Sequelize(options);
    serialiseTransactions(sequelize);
    await sequelize.query('PRAGMA journal_mode = WAL;');
    await sequelize.query('PRAGMA foreign_keys = ON;');
  } else {
    sequelize = new Sequelize(url.replace(/^mariadb:/, 'mysql:'), {
      dialect: 'mysql',
      logging,
      timezone: '+00:00',
      pool: { max: opts.poolMax ?? 10, min: 0, idle: 10000, acquire: 30000 },
      dialectOptions: { charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: false },
      define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    });
  }
  await sequelize.authenticate();
  withPreparedReads(sequelize, opts.poolMax ?? 10);
  return sequelize;
}
