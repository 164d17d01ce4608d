// Connection factory: one Sequelize per process (or per test suite), from a DATABASE_URL.
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { Sequelize, Transaction, type Options } from 'sequelize';
import { cacheStatements, finalizeStatements, onConnection } from './driver';
import { withPreparedReads, withQueuedWrites, withSqliteReaders } from './plain-select';

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

interface SqliteConnectionManager {
  connections: Record<string, sqlite3.Database>;
  getConnection(options?: { uuid?: string }): Promise<sqlite3.Database>;
  releaseConnection(connection: sqlite3.Database, force?: boolean): void;
}

/**
 * SQLite has one writer: managed transactions of this process run one after another, on one connection kept
 * open for them. Sequelize would open a connection for every transaction and close it at the end, and each
 * new connection parses the whole schema again before its first statement: that was most of a report's
 * transaction (8 ms of 200). Reads outside a transaction keep their own connection, so they never see a
 * transaction's uncommitted rows. After a transaction fails the writer is closed and the next one opens a
 * fresh connection: whatever state the failure left (a ROLLBACK that did not run) goes with it.
 */
function serialiseTransactions(sequelize: Sequelize, storage: string): void {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  // An in-memory database is one connection already (a second would be another, empty database).
  const writer = storage === ':memory:' ? null : keptWriterConnection(sequelize.connectionManager as unknown as SqliteConnectionManager);
  let tail: Promise<unknown> = Promise.resolve();
  (sequelize as unknown as { transaction: unknown }).transaction = (a: unknown, b?: unknown) => {
    const work = typeof a === 'function' ? a : b;
    if (typeof work !== 'function') return original(a); // unmanaged transactions are not used by Weave
    const run = () => (typeof a === 'function' ? original(work) : original(a, work));
    const result = tail.then(run, run);
    tail = result.catch(() => writer?.discard());
    return result;
  };
  if (!writer) return;
  plainBeginAndCommit(sequelize);
  // The plain writes outside transactions (plainRun: a POST's idempotency key, a photo's check) take their turn
  // in the same queue, on the same connection. On a connection of their own they met the lock a transaction held,
  // and SQLite's busy handler then sleeps 1, 2, 5 ms… before trying again: a report's BEGIN waited 2.3 ms (median)
  // on the other report's idempotency writes. A failed plain write leaves no transaction open: the writer stays.
  withQueuedWrites(sequelize, (sql, values) => {
    const run = async () => onConnection(await writer.connection(), true, sql, values);
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  });
}

const WRITER = 'transactions';

interface TransactionLike { parent?: unknown; connection: unknown; options: { type: string }; finished?: string }
interface QueryInterfaceLike {
  startTransaction(transaction: TransactionLike, options?: unknown): Promise<unknown>;
  commitTransaction(transaction: TransactionLike, options?: unknown): Promise<unknown>;
}

/**
 * A transaction's BEGIN and COMMIT sent to its connection as plain statements. Through sequelize.query each
 * cost about 0.2 ms of the main thread (options, hooks, a captured stack, logging), half of an empty
 * transaction's CPU; and every report runs one. Savepoints (nested transactions) and ROLLBACK keep
 * Sequelize's way, and Sequelize still opens the transaction, hands out its connection and runs afterCommit.
 */
function plainBeginAndCommit(sequelize: Sequelize): void {
  const queryInterface = sequelize.getQueryInterface() as unknown as QueryInterfaceLike;
  const start = queryInterface.startTransaction.bind(queryInterface);
  const commit = queryInterface.commitTransaction.bind(queryInterface);
  queryInterface.startTransaction = (transaction, options) => (transaction.parent
    ? start(transaction, options)
    : onConnection(transaction.connection, true, `BEGIN ${transaction.options.type} TRANSACTION;`, []));
  queryInterface.commitTransaction = (transaction, options) => {
    if (transaction.parent) return commit(transaction, options);
    const committed = onConnection(transaction.connection, true, 'COMMIT;', []);
    transaction.finished = 'commit'; // as Sequelize marks it, before the statement ends
    return committed;
  };
}

/**
 * The writer keeps its plain statements prepared (driver.ts): a report's transaction is about a dozen of them, and
 * sqlite3 prepared and finalized each anew. Whoever closes the connection (a failed transaction's discard, or
 * Sequelize's close) finalizes them first, since SQLite refuses to close a connection with live statements.
 */
function keepingStatements(db: sqlite3.Database): sqlite3.Database {
  cacheStatements(db);
  const close = db.close.bind(db);
  db.close = ((callback?: (err: Error | null) => void) => {
    void finalizeStatements(db).then(() => close(callback));
    return db;
  }) as typeof db.close;
  return db;
}

function keptWriterConnection(manager: SqliteConnectionManager) {
  const get = manager.getConnection.bind(manager);
  const release = manager.releaseConnection.bind(manager);
  let opened: Promise<sqlite3.Database> | null = null;
  const connection = () => (opened ??= get({ uuid: WRITER }).then(keepingStatements, (err) => { opened = null; throw err; }));
  // Sequelize asks with the transaction's id as uuid; reads outside transactions ask for 'default'.
  manager.getConnection = (options = {}) => {
    if (!options.uuid || options.uuid === 'default') return get(options);
    return connection();
  };
  manager.releaseConnection = (connection, force) => {
    if (connection !== manager.connections[WRITER]) release(connection, force);
  };
  return {
    /** The writer, opened if need be: for the queued plain writes, between transactions. */
    connection,
    async discard(): Promise<void> {
      const connection = manager.connections[WRITER];
      opened = null;
      if (!connection) return;
      delete manager.connections[WRITER];
      await new Promise<void>((resolve) => connection.close(() => resolve()));
    },
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
    serialiseTransactions(sequelize, storage);
    await sequelize.query('PRAGMA journal_mode = WAL;');
    await sequelize.query('PRAGMA foreign_keys = ON;');
    // Two read connections for the hot reads, one per core of the machines we run on (plain-select.ts).
    withSqliteReaders(sequelize, storage, 2);
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
