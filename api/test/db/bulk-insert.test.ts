// bulkInsert writes what Model.bulkCreate writes (times, JSON, booleans, defaults and timestamps), on the
// caller's transaction, and gives each row's id in order; a rolled-back transaction leaves nothing.
import { expect } from 'chai';
import type { Database } from '../../src/db/models';
import { bulkInsert, takesConsecutiveIds } from '../../src/db/bulk-insert';
import { seedDemo } from '../../src/db/seed/demo';
import { openFreshDatabase } from '../helpers/app';

describe('bulkInsert', () => {
  let db: Database;
  let close: () => Promise<void>;
  let houseId: number;
  before(async () => {
    ({ db, close } = await openFreshDatabase());
    await seedDemo(db);
    houseId = (await db.models.House.findOne({ raw: true }))!.id;
  });
  after(() => close());

  const at = new Date('2026-12-02T05:06:07.089Z');
  const task = (n: number) => ({
    kind: 'declaration_doubt', houseId, declarationId: null, gridId: n, regionPath: `/1/2/${n}/`, status: 'open',
    reasons: ['not_in_base', `第${n}条 "quoted" 'single'`], createdAt: at, updatedAt: at,
  });
  const delivery = (n: number) => ({ personId: n, class: 'transactional', topic: 'residence', title: `标题${n}`, body: '内容', state: 'pending', dueAt: at, createdAt: at });
  const without = (row: Record<string, unknown>, ...names: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !names.includes(k)));

  it('writes the rows as Model.bulkCreate does, and gives their ids in order', async () => {
    const { VerificationTask, Delivery } = db.models;
    expect(await takesConsecutiveIds(db.sequelize)).to.equal(true); // the test databases use the defaults
    const viaModel = await db.sequelize.transaction((t) => VerificationTask.bulkCreate([1, 2, 3].map(task) as never[], { transaction: t }));
    const ids = await db.sequelize.transaction((t) => bulkInsert(VerificationTask as never, [1, 2, 3].map(task), t));
    const read = async (list: number[]) => (await VerificationTask.findAll({ where: { id: list }, order: [['id', 'ASC']], raw: true })).map((r) => without(r as never, 'id'));
    const plain = await read(ids);
    expect(plain).to.deep.equal(await read(viaModel.map((m) => m.get('id') as number)));
    expect(plain.map((r) => r.gridId)).to.deep.equal([1, 2, 3]);
    expect(new Date(plain[0].createdAt as string).toISOString()).to.equal(at.toISOString());

    // Defaults (attempts 0) and the timestamp the row leaves out (updatedAt) are filled as bulkCreate fills them.
    const byModel = await db.sequelize.transaction((t) => Delivery.bulkCreate([delivery(1)] as never[], { transaction: t }));
    const [id] = await db.sequelize.transaction((t) => bulkInsert(Delivery as never, [delivery(1), delivery(2)], t));
    const [a, b] = await Delivery.findAll({ where: { id: [byModel[0].get('id') as number, id] }, order: [['id', 'ASC']], raw: true });
    expect(without(b as never, 'id', 'updatedAt')).to.deep.equal(without(a as never, 'id', 'updatedAt'));
    expect(new Date(b.updatedAt as never).getTime()).to.be.closeTo(Date.now(), 60_000);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const before = await db.models.VerificationTask.count();
    await db.sequelize.transaction(async (t) => {
      await bulkInsert(db.models.VerificationTask as never, [4, 5].map(task), t);
      throw new Error('rollback');
    }).catch(() => undefined);
    expect(await db.models.VerificationTask.count()).to.equal(before);
  });

  it('splits a large group into statements within the database\'s parameter limit, ids still in order', async () => {
    const rows = Array.from({ length: 250 }, (_, n) => delivery(1000 + n));
    const ids = await db.sequelize.transaction((t) => bulkInsert(db.models.Delivery as never, rows, t));
    const stored = await db.models.Delivery.findAll({ where: { id: ids }, attributes: ['id', 'personId'], raw: true });
    const person = new Map(stored.map((r) => [r.id, r.personId]));
    expect(ids.map((i) => person.get(i))).to.deep.equal(rows.map((r) => r.personId));
  });
});
