// Managed transactions that are retried whole when the database gives up on them: MariaDB picks a
// deadlock victim when writers race (two intakes on the day's counter, two declarations at one house),
// and SQLite may answer busy. The work must be safe to run again, as Sequelize rolls it back first.
import type { Sequelize, Transaction } from 'sequelize';

const RETRYABLE = /deadlock|lock wait timeout|SQLITE_BUSY/i;

export async function inRetriedTransaction<T>(sequelize: Sequelize, work: (t: Transaction) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sequelize.transaction(work);
    } catch (err) {
      if (attempt < attempts && RETRYABLE.test(String((err as Error).message))) continue;
      throw err;
    }
  }
}
