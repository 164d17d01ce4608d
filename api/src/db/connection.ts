// Connection factory: one Sequelize per process (or per test suite), from a DATABASE_URL.
import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction, type Options } from 'sequelize';

export type Dialect = 'sqlite' | 'mysql';

export interface ConnectOptions { poolMax?: number; logging?: (sql: string) => void }

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
      storage,
      logging,
      // SQLite allows one writer: IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
      // on busy_timeout instead of failing half-way with SQLITE_BUSY.
      transactionType: Transaction.TYPES.IMMEDIATE,
      retry: { max: 10, match: [/SQLITE_BUSY/] },
      pool: { max: 1, min: 0, idle: 60000 },
    };
    sequelize = new Sequelize(options);
    await sequelize.query('PRAGMA journal_mode = WAL;');
    await sequelize.query('PRAGMA busy_timeout = 10000;');
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
  return sequelize;
}
