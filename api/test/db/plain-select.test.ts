// plainSelect, the hot reads' way past Sequelize's query machinery: values are escaped or bound by the driver,
// rows come back named as raw model reads name them, and a LEFT JOIN's prefixed columns come apart again.
import { expect } from 'chai';
import type { Database } from '../../src/db/models';
import { statementIn } from '../../src/db/bulk-insert';
import { isUniqueViolation, joinedRows, plainRun, plainSelect, selectList } from '../../src/db/plain-select';
import { openFreshDatabase } from '../helpers/app';

describe('plainSelect', () => {
  let db: Database;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await openFreshDatabase());
  });
  after(() => close());

  it('passes values as data, never as SQL: quotes, backslashes, Chinese text and an injection attempt', async () => {
    for (const value of ["O'Brien", 'back\\slash', '随手拍 "quoted"', "x' OR '1'='1", '%_']) {
      const [row] = await plainSelect<{ v: string }>(db.sequelize, 'SELECT ? AS v', [value]);
      expect(row.v).to.equal(value);
    }
    const none = await plainSelect(db.sequelize, 'SELECT id FROM categories WHERE code = ?', ["x' OR '1'='1"]);
    expect(none).to.deep.equal([]);
  });

  it('reads rows named as the model names its attributes, as a raw model read gives them', async () => {
    const [viaModel] = await db.models.Category.findAll({ where: { code: 'road-damage' }, raw: true });
    const [plain] = await plainSelect<Record<string, unknown>>(db.sequelize, `SELECT ${selectList(db.models.Category as never, 'c')} FROM categories c WHERE c.code = ?`, ['road-damage']);
    expect(Object.keys(plain).sort()).to.deep.equal(Object.keys(viaModel).sort());
    expect(plain.code).to.equal('road-damage');
    expect(plain.name).to.equal(viaModel.name);
  });

  it('gives the same rows prepared as plain: times, dates, whole and decimal numbers, counts, nulls, JSON text and Chinese', async () => {
    const sql = 'SELECT CAST(? AS DATETIME(3)) AS t, CAST(? AS DATE) AS d, CAST(? AS SIGNED) AS n, CAST(? AS DECIMAL(12,2)) AS amount, '
      + '(SELECT COUNT(*) FROM categories) AS categories, NULL AS absent, ? AS words, c.code, c.level, c.created_at AS createdAt FROM categories c WHERE c.code = ?';
    const values = ['2026-11-23 08:30:15.250', '2026-02-28', '9007199254740991', '1234.50', '随手拍 {"a":1}', 'road-damage'];
    const [plain] = await plainSelect<Record<string, unknown>>(db.sequelize, sql, values);
    // Twice: the first prepares the statement on its connection, the second finds it prepared.
    for (let i = 0; i < 2; i++) {
      const [prepared] = await plainSelect<Record<string, unknown>>(db.sequelize, sql, values, { prepared: true });
      expect(prepared).to.deep.equal(plain);
    }
    if (db.dialect === 'mysql') {
      expect(plain.t).to.be.instanceOf(Date);
      expect((plain.t as Date).toISOString()).to.equal('2026-11-23T08:30:15.250Z');
      expect(plain.d).to.equal('2026-02-28');
      expect(plain.n).to.equal(9007199254740991);
      expect(plain.amount).to.equal('1234.50');
    }
    expect(plain.words).to.equal('随手拍 {"a":1}');
    expect(plain.absent).to.equal(null);
    if (db.dialect === 'mysql') {
      // The prepared pool's sessions are in UTC, as Sequelize's are.
      const [zone] = await plainSelect<{ zone: string }>(db.sequelize, 'SELECT @@session.time_zone AS zone', [], { prepared: true });
      expect(zone.zone).to.equal('+00:00');
    }
  });

  it('takes joined rows apart by prefix, each once, and gives none where the LEFT JOIN found nothing', () => {
    // Two evidence rows, the first repeated by a further join; then an event whose LEFT JOIN found none.
    const rows = [{ id: 1, code: 'A', ev__id: 7, ev__seq: 1 }, { id: 1, code: 'A', ev__id: 7, ev__seq: 1 }, { id: 1, code: 'A', ev__id: 8, ev__seq: 2 }];
    expect(joinedRows(rows, 'ev__', 'id')).to.deep.equal([{ id: 7, seq: 1 }, { id: 8, seq: 2 }]);
    expect(joinedRows([{ id: 1, ev__id: null, ev__seq: null }], 'ev__', 'id')).to.deep.equal([]);
    expect(joinedRows([], 'ev__', 'id')).to.deep.equal([]);
  });

  it('plainRun writes outside a transaction: the id an INSERT took, the rows an UPDATE changed, and a duplicate key told apart', async () => {
    const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
    const insert = (key: string) => plainRun(db.sequelize, 'INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ['test', key, 'f'.repeat(64), 'pending', now, now, now]);
    const { insertId } = await insert('plain-run');
    const row = await db.models.IdempotencyKey.findByPk(insertId, { raw: true });
    expect(row?.idempotencyKey).to.equal('plain-run');
    const error = await insert('plain-run').then(() => null, (err: unknown) => err);
    expect(isUniqueViolation(error)).to.equal(true);
    expect(isUniqueViolation(new Error('something else'))).to.equal(false);
    const updated = await plainRun(db.sequelize, 'UPDATE idempotency_keys SET state = ? WHERE scope = ? AND idempotency_key = ?', ['done', 'test', 'plain-run']);
    expect(updated.changes).to.equal(1);
    expect((await db.models.IdempotencyKey.findByPk(insertId, { raw: true }))?.state).to.equal('done');
  });

  it('statementIn runs in the caller\'s transaction: its reads see the transaction\'s own writes, and a rollback undoes them', async () => {
    const day = '20991231';
    await db.models.EventCounter.create({ prefix: 'ZZ', day, value: 5 });
    await db.sequelize.transaction(async (t) => {
      const bumped = await statementIn(t, 'UPDATE `event_code_counters` SET `value` = `value` + 1 WHERE `prefix` = ? AND `day` = ?', ['ZZ', day]);
      expect(bumped.changes).to.equal(1);
      const { rows } = await statementIn<{ value: number }>(t, 'SELECT `value` FROM `event_code_counters` WHERE `prefix` = ? AND `day` = ?', ['ZZ', day]);
      expect(Number(rows[0].value)).to.equal(6);
    });
    await db.sequelize.transaction(async (t) => {
      await statementIn(t, 'UPDATE `event_code_counters` SET `value` = `value` + 1 WHERE `prefix` = ? AND `day` = ?', ['ZZ', day]);
      throw new Error('roll back');
    }).catch(() => undefined);
    expect((await db.models.EventCounter.findOne({ where: { prefix: 'ZZ', day }, raw: true }))?.value).to.equal(6);
  });

  it('sees every commit at once, whichever connection wrote it and whichever reads it (SQLite reads on connections of their own)', async () => {
    for (let i = 0; i < 6; i++) {
      // Alternately in a transaction and as a plain write (SQLite: both on the writer's connection, in turn); the read
      // is the same text each time (SQLite keeps it prepared on its read connection).
      if (i % 2) await db.sequelize.transaction(async (t) => { await db.models.Category.update({ sort: 500 + i }, { where: { code: 'blocked-drain' }, transaction: t }); });
      else await plainRun(db.sequelize, 'UPDATE categories SET sort = ? WHERE code = ?', [500 + i, 'blocked-drain']);
      const [row] = await plainSelect<{ sort: number }>(db.sequelize, 'SELECT sort FROM categories WHERE code = ?', ['blocked-drain']);
      expect(Number(row.sort), `write ${i}`).to.equal(500 + i);
    }
  });

  it('reads on SQLite through connections that cannot write', async function () {
    if (db.sequelize.getDialect() !== 'sqlite') this.skip();
    const refused = await plainSelect(db.sequelize, 'DELETE FROM categories WHERE code = ?', ['blocked-drain']).catch((err: Error) => err);
    expect(String(refused)).to.match(/readonly|read-only|query_only/i);
    expect(await db.models.Category.count({ where: { code: 'blocked-drain' } })).to.equal(1);
  });

  it('keeps reading after a read that failed, and through more statement texts than it keeps prepared', async () => {
    const missing = await plainSelect(db.sequelize, 'SELECT id FROM no_such_table WHERE id = ?', [1]).catch((err: Error) => err);
    expect(missing).to.be.instanceOf(Error);
    expect(String(missing)).to.match(/no_such_table|no such table|doesn't exist/i);
    // The same text again fails the same way (a failed statement is not kept), and others still read.
    expect(await plainSelect(db.sequelize, 'SELECT id FROM no_such_table WHERE id = ?', [1]).catch((err: Error) => err)).to.be.instanceOf(Error);
    for (let i = 0; i < 260; i++) {
      const [row] = await plainSelect<{ n: number }>(db.sequelize, `SELECT ? + ${i} AS n`, [1000]);
      expect(Number(row.n)).to.equal(1000 + i);
    }
    const [again] = await plainSelect<{ n: number }>(db.sequelize, 'SELECT ? + 0 AS n', [7]);
    expect(Number(again.n)).to.equal(7);
  });
});
