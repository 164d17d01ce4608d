// plainSelect: a SELECT with positional `?` values sent straight through a connection from Sequelize's own pool,
// for the few reads every user makes many times (the insured person's fees, the event detail). For a read of one or two short
// rows, sequelize.query costs more Node CPU than the database spends answering: it scans the SQL for named
// replacements character by character, runs the pool hooks, captures a stack trace, logs and reshapes the rows.
// Here the driver formats the values (mysql2 escapes them client-side, exactly as it does for Sequelize's
// replacements; sqlite3 binds them) and the rows come back as the driver made them, with the connection's
// settings (time zone, big numbers) unchanged. Not for use inside a transaction: it takes a pooled connection.
import type { ModelStatic, Model, Sequelize } from 'sequelize';

type Done = (err: Error | null, rows: unknown) => void;
interface Pool { getConnection(options: { type: string }): Promise<unknown>; releaseConnection(connection: unknown): void }

export async function plainSelect<T>(sequelize: Sequelize, sql: string, values: readonly unknown[]): Promise<T[]> {
  const pool = sequelize.connectionManager as unknown as Pool;
  const connection = await pool.getConnection({ type: 'SELECT' });
  try {
    return await new Promise<T[]>((resolve, reject) => {
      const done: Done = (err, rows) => (err ? reject(err) : resolve(rows as T[]));
      if (sequelize.getDialect() === 'sqlite') (connection as { all(sql: string, values: unknown[], cb: Done): void }).all(sql, [...values], done);
      else (connection as { query(sql: string, values: unknown[], cb: Done): void }).query(sql, [...values], done);
    });
  } finally {
    pool.releaseConnection(connection);
  }
}

/** A model's columns for a plainSelect, named as its attributes (`alias.field AS \`attribute\``), so the rows read as raw model reads give them. */
export function selectList(model: ModelStatic<Model>, alias: string, prefix = ''): string {
  return Object.entries(model.getAttributes()).map(([name, a]) => `${alias}.${a.field ?? name} AS \`${prefix}${name}\``).join(', ');
}

/** The attributes of a row read with `selectList(model, alias, prefix)`, without the prefix (null when a LEFT JOIN found none). */
export function prefixedRow<T>(row: Record<string, unknown>, prefix: string, key: string): T | null {
  if (row[prefix + key] === null || row[prefix + key] === undefined) return null;
  const out: Record<string, unknown> = {};
  for (const name in row) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = row[name];
  return out as T;
}

/**
 * The rows of a joined model read with `selectList(model, alias, prefix)`, each once (a row repeats when further
 * joined rows hang off it; a LEFT JOIN that found none gives none), in the order first met.
 */
export function joinedRows<T>(rows: Record<string, unknown>[], prefix: string, key: string): T[] {
  const byKey = new Map<unknown, T>();
  for (const r of rows) {
    const joined = prefixedRow<T>(r, prefix, key);
    if (joined && !byKey.has(r[prefix + key])) byKey.set(r[prefix + key], joined);
  }
  return [...byKey.values()];
}
