// Managed transactions as the use cases run them, on both databases. On SQLite they run one after another on a
// connection kept open for them (connection.ts); what must hold either way: reads outside a transaction never
// see its uncommitted rows, a rolled-back transaction leaves nothing behind, and a failure does not spoil the
// transactions after it.
import fs from 'node:fs';
import { expect } from 'chai';
import { openDatabase, type Database } from '../../src/db/models';
import { statementIn, storedTime } from '../../src/db/bulk-insert';
import { isUniqueViolation, plainRun } from '../../src/db/plain-select';
import { freshDatabase, openFreshDatabase } from '../helpers/app';

describe('managed transactions', () => {
  let db: Database;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await openFreshDatabase());
  });
  after(() => close());

  let serial = 0;
  const category = (name: string) => ({ code: `t-${++serial}`, name, level: 3, unitType: 'city_management', responseHours: 24, resolutionHours: 72, autoDispatch: false, active: true, sort: 900 });
  const named = async (name: string) => db.models.Category.count({ where: { name } });

  it('keeps a transaction\'s rows from reads outside it until it commits', async () => {
    let seenInside = -1, seenOutside = -1;
    await db.sequelize.transaction(async (t) => {
      await db.models.Category.create(category('事务内类别'), { transaction: t });
      seenInside = await db.models.Category.count({ where: { name: '事务内类别' }, transaction: t });
      seenOutside = await named('事务内类别');
    });
    expect(seenInside).to.equal(1);
    expect(seenOutside).to.equal(0);
    expect(await named('事务内类别')).to.equal(1);
  });

  it('leaves nothing of a transaction that failed, and runs the next one cleanly', async () => {
    const failed = await db.sequelize.transaction(async (t) => {
      await db.models.Category.create(category('回滚类别'), { transaction: t });
      throw new Error('use case refused');
    }).catch((err: Error) => err);
    expect((failed as Error).message).to.equal('use case refused');
    expect(await named('回滚类别')).to.equal(0);
    await db.sequelize.transaction(async (t) => { await db.models.Category.create(category('其后类别'), { transaction: t }); });
    expect(await named('其后类别')).to.equal(1);
  });

  it('runs many transactions at once without losing or mixing any', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `并发类别${i}`);
    const outcomes = await Promise.allSettled(names.map((name, i) => db.sequelize.transaction(async (t) => {
      await db.models.Category.create(category(name), { transaction: t });
      if (i % 5 === 0) throw new Error('refused');
    })));
    expect(outcomes.filter((o) => o.status === 'rejected')).to.have.length(4);
    for (const [i, name] of names.entries()) expect(await named(name), name).to.equal(i % 5 === 0 ? 0 : 1);
  });

  it('runs plain writes made during a transaction outside it: after it, never rolled back with it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const inside = db.sequelize.transaction(async (t) => {
      await db.models.Category.create(category('被回滚的类别'), { transaction: t });
      await held;
      throw new Error('refused');
    }).catch((err: Error) => err.message);
    // A POST's idempotency key, written while a report's transaction holds the write lock.
    const plain = plainRun(db.sequelize, 'INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ['test', 'during-a-transaction', 'f'.repeat(64), 'pending', ...[new Date('2099-01-01'), new Date(), new Date()].map((d) => storedTime(d, db.dialect === 'sqlite'))]);
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await inside).to.equal('refused');
    expect((await plain).changes).to.equal(1);
    expect(await named('被回滚的类别')).to.equal(0);
    expect(await db.models.IdempotencyKey.count({ where: { idempotencyKey: 'during-a-transaction' } })).to.equal(1);
  });

  // SQLite's writer keeps its plain statements prepared (driver.ts): a failed one must not be kept, the cache is bounded,
  // and the connection must still close.
  const idempotencyInsert = 'INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
  const keyRow = (key: string) => ['test', key, 'f'.repeat(64), 'pending', ...[new Date('2099-01-01'), new Date(), new Date()].map((d) => storedTime(d, db.dialect === 'sqlite'))];

  it('keeps writing with a statement that failed, in and outside transactions, and through more statement texts than it keeps prepared', async () => {
    await plainRun(db.sequelize, idempotencyInsert, keyRow('kept-1'));
    expect(isUniqueViolation(await plainRun(db.sequelize, idempotencyInsert, keyRow('kept-1')).catch((err: unknown) => err))).to.equal(true);
    expect((await plainRun(db.sequelize, idempotencyInsert, keyRow('kept-2'))).changes).to.equal(1);
    const refused = await db.sequelize.transaction(async (t) => {
      await statementIn(t, idempotencyInsert, keyRow('kept-3'));
      await statementIn(t, idempotencyInsert, keyRow('kept-1'));
    }).catch((err: unknown) => err);
    expect(isUniqueViolation(refused)).to.equal(true);
    await db.sequelize.transaction(async (t) => { await statementIn(t, idempotencyInsert, keyRow('kept-4')); });
    const keys = await db.models.IdempotencyKey.findAll({ where: { scope: 'test' }, attributes: ['idempotencyKey'], raw: true });
    expect(keys.map((k) => k.idempotencyKey).filter((k) => k.startsWith('kept-')).sort()).to.deep.equal(['kept-1', 'kept-2', 'kept-4']);
    await db.sequelize.transaction(async (t) => {
      for (let i = 0; i < 230; i++) await statementIn(t, `UPDATE categories SET sort = ? + ${i} WHERE code = ?`, [1000, 'blocked-drain']);
    });
    expect((await db.models.Category.findOne({ where: { code: 'blocked-drain' }, raw: true }))?.sort).to.equal(1229);
  });

  it('closes SQLite\'s writer with its statements kept: the write-ahead log goes back into the file', async function () {
    if (db.dialect !== 'sqlite') this.skip();
    const database = await freshDatabase();
    const file = database.url.slice('sqlite:'.length);
    const other = await openDatabase(database.url);
    try {
      await other.sequelize.transaction(async (t) => { await statementIn(t, 'UPDATE categories SET sort = ? WHERE code = ?', [7, 'blocked-drain']); });
      await plainRun(other.sequelize, 'UPDATE categories SET sort = ? WHERE code = ?', [8, 'blocked-drain']);
      expect(fs.existsSync(`${file}-wal`)).to.equal(true);
    } finally {
      await other.close();
    }
    // SQLite folds the log into the file and removes it when its last connection closes; a writer that could not
    // close (statements left unfinalized) would leave it behind.
    expect(fs.existsSync(`${file}-wal`)).to.equal(false);
    await database.drop();
  });
});
