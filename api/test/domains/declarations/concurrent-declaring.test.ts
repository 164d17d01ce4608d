// Declarations that arrive together share a transaction (group commit). Each must come out exactly as if it
// had been declared alone: its own id, evidence chain, messages and risks, with the group's own declarations
// counted, a duplicate inside the group refused, and an unknown house failing only its own call.
import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';
import { withCheckCharacter } from '../../../src/domains/declarations/id-number';
import { bulkInsert } from '../../../src/db/bulk-insert';
import { DEMO_PEOPLE } from '../../../src/db/seed/residence';

const person = (n: number) => withCheckCharacter(`44030619850315${String(n).padStart(3, '0')}`);

describe('declarations arriving together', () => {
  let t: TestApp;
  let tenant: string, worker: string;
  const declare = (body: Record<string, unknown>) => t.http.post('/api/v1/residence/declarations').set(bearer(tenant)).send(body);

  before(async () => {
    t = await bootApp();
    tenant = await t.residentToken('tenant');
    worker = await t.staffToken('gridworker');
    // Twelve more houses in the demo building's grid: ten of capacity 4, two of capacity 2.
    const model = (await t.db.models.House.findOne({ where: { code: 'BA0304-003-0101' }, raw: true }))!;
    const { id: _id, createdAt: _c, updatedAt: _u, ...like } = model as unknown as Record<string, unknown>;
    await t.db.models.House.bulkCreate(Array.from({ length: 12 }, (_, i) => ({
      ...like, code: `BA0304-009-${String(101 + i)}`, room: String(101 + i), capacity: i < 10 ? 4 : 2, address: `深圳市宝安区西乡街道河东社区河东花园9栋${101 + i}室`,
    })) as never[]);
  });
  after(async () => { await t.close(); });

  it('writes twenty at once, each with its own record, verified evidence, message and house colour', async () => {
    const bodies = Array.from({ length: 20 }, (_, i) => ({ houseCode: `BA0304-009-${101 + (i % 10)}`, idNumber: person(i), name: `租客${i}` }));
    const answers = await Promise.all(bodies.map((b) => declare(b)));
    expect(answers.map((a) => a.status)).to.deep.equal(bodies.map(() => 201));
    const ids = answers.map((a) => a.body.id);
    expect(new Set(ids).size).to.equal(20);
    for (const [i, a] of answers.entries()) {
      expect(a.body.house.code).to.equal(bodies[i].houseCode);
      expect(a.body.name).to.equal(bodies[i].name);
      expect(a.body.idNumberMasked.slice(-4)).to.equal(bodies[i].idNumber.slice(-4));
      // Not in the population base: doubtful, so pending with a task.
      expect(a.body).to.include({ status: 'pending_verification' });
      expect(a.body.risks.map((r: { code: string }) => r.code)).to.deep.equal(['not_in_base']);
      expect(a.body.verification).to.include({ status: 'open' });
    }
    const rows = await t.db.models.Declaration.findAll({ where: { id: ids }, raw: true });
    for (const [i, a] of answers.entries()) {
      const row = rows.find((r) => r.id === a.body.id)!;
      expect(row.idMasked).to.equal(a.body.idNumberMasked);
      expect(row.name).to.equal(bodies[i].name);
    }
    for (const id of ids.slice(0, 5)) {
      const detail = (await t.http.get(`/api/v1/declarations/${id}`).set(bearer(worker)).expect(200)).body;
      expect(detail.steps.map((s: { action: string }) => s.action)).to.deep.equal(['declare']);
      expect(detail.evidence.verified).to.equal(true);
    }
    const inbox = (await t.http.get('/api/v1/me/inbox?limit=50').set(bearer(tenant)).expect(200)).body.items;
    for (const id of ids) expect(inbox.filter((m: { link: string }) => m.link.endsWith(`?id=${id}`))).to.have.length(1);
    const tasks = await t.db.models.VerificationTask.findAll({ where: { declarationId: ids }, raw: true });
    expect(tasks).to.have.length(20);
    expect(tasks.map((x) => Number(x.declarationId)).sort((a, b) => a - b)).to.deep.equal([...ids].sort((a, b) => a - b));
    // The grid worker of the community hears of every task, once.
    const told = (await t.http.get('/api/v1/staff/me/inbox?limit=50').set(bearer(worker)).expect(200)).body.items.filter((m: { title: string }) => m.title === '新核查任务');
    expect(told).to.have.length(20);
    const house = (await t.http.get('/api/v1/houses/BA0304-009-101').set(bearer(worker)).expect(200)).body;
    expect(house).to.include({ colour: 'yellow', occupants: 2 });
  });

  it('counts the group\'s own declarations: a house of capacity 2 accepts two people of the base and flags the third and fourth', async () => {
    const bodies = DEMO_PEOPLE.map((p) => ({ houseCode: 'BA0304-009-111', idNumber: p.idNumber, name: p.name }));
    const answers = await Promise.all(bodies.map((b) => declare(b)));
    expect(answers.map((a) => a.status)).to.deep.equal([201, 201, 201, 201]);
    expect(answers.map((a) => a.body.status)).to.deep.equal(['accepted', 'accepted', 'pending_verification', 'pending_verification']);
    expect(answers.map((a) => a.body.risks.map((r: { code: string }) => r.code))).to.deep.equal([[], [], ['over_capacity'], ['over_capacity']]);
    const inbox = (await t.http.get('/api/v1/me/inbox?limit=50').set(bearer(tenant)).expect(200)).body.items;
    expect(inbox.filter((m: { title: string }) => m.title === '居住登记成功')).to.have.length(2);
    const house = (await t.http.get('/api/v1/houses/BA0304-009-111').set(bearer(worker)).expect(200)).body;
    expect(house.occupants).to.equal(4);
  });

  it('refuses the same person at the same house twice in one group, and fails an unknown house alone', async () => {
    const same = { houseCode: 'BA0304-009-112', idNumber: person(200), name: '重复' };
    const answers = await Promise.all([
      declare({ houseCode: 'BA0304-009-110', idNumber: person(201), name: '先到' }),
      declare(same), declare(same),
      declare({ houseCode: 'ZZ0000-000-000', idNumber: person(202), name: '无房' }),
      declare({ houseCode: 'BA0304-009-110', idNumber: person(203), name: '后到' }),
    ]);
    expect(answers.map((a) => a.status)).to.deep.equal([201, 201, 409, 404, 201]);
    expect(answers[2].body.type).to.match(/conflict$/);
    expect(answers[3].body.type).to.match(/not-found$/);
    expect(await t.db.models.Declaration.count({ where: { idHash: t.services.pii.index(person(200)) } })).to.equal(1);
    expect(await t.db.models.Declaration.count({ where: { idHash: t.services.pii.index(person(202)) } })).to.equal(0);
  });

  it('seals each declarant\'s evidence with their own key, made at once for those who had none', async () => {
    const tokens = await Promise.all(['g1', 'g2', 'g3', 'g4'].map((name) => t.residentToken(name)));
    const answers = await Promise.all(tokens.map((token, i) => t.http.post('/api/v1/residence/declarations').set(bearer(token))
      .send({ houseCode: `BA0304-009-10${i + 1}`, idNumber: person(300 + i), name: `各自${i}` })));
    expect(answers.map((a) => a.status)).to.deep.equal([201, 201, 201, 201]);
    const owners = (await t.db.models.Declaration.findAll({ where: { id: answers.map((a) => a.body.id) }, attributes: ['personId'], raw: true })).map((d) => Number(d.personId));
    expect(new Set(owners).size).to.equal(4);
    expect(await t.db.models.PersonKey.count({ where: { personId: owners } })).to.equal(4);
    for (const a of answers) {
      const detail = (await t.http.get(`/api/v1/declarations/${a.body.id}`).set(bearer(worker)).expect(200)).body;
      expect(detail.evidence.verified).to.equal(true);
    }
  });

  it('counts the declarations of the last 30 days at a house for "many new", and not older ones', async () => {
    const model = (await t.db.models.House.findOne({ where: { code: 'BA0304-009-101' }, raw: true }))!;
    const { id: _id, createdAt: _c, updatedAt: _u, ...like } = model as unknown as Record<string, unknown>;
    const house = await t.db.models.House.create({ ...like, code: 'BA0304-009-201', room: '201', capacity: 99, address: '深圳市宝安区西乡街道河东社区河东花园9栋201室' } as never);
    const codes = (answers: { body: { risks: { code: string }[] } }[]) => answers.map((a) => a.body.risks.map((r) => r.code).includes('many_new'));
    const five = await Promise.all([0, 1, 2, 3, 4].map((i) => declare({ houseCode: 'BA0304-009-201', idNumber: person(400 + i), name: `新租${i}` })));
    expect(codes(five)).to.deep.equal([false, false, false, false, false]);
    const sixth = await declare({ houseCode: 'BA0304-009-201', idNumber: person(405), name: '第六' }).expect(201);
    expect(codes([sixth])).to.deep.equal([true]);
    // A month later, moved out: they no longer count.
    // (Sequelize's update leaves createdAt alone: set it with a plain statement.)
    await t.db.sequelize.query('UPDATE declarations SET created_at = ?, status = ? WHERE house_id = ?', { replacements: [new Date(t.clock.now().getTime() - 31 * 86_400_000), 'moved_out', house.get('id')] });
    const later = await declare({ houseCode: 'BA0304-009-201', idNumber: person(406), name: '后来' }).expect(201);
    expect(codes([later])).to.deep.equal([false]);
  });

  it('gives the ids of rows inserted together in their order', async () => {
    const ids = await t.db.sequelize.transaction((tx) => bulkInsert(t.db.models.RentalReport as never, [1, 2, 3].map((n) => ({
      houseId: 1, houseCode: `ROW-${n}`, idHash: 'x'.repeat(64), idCipher: 'c', idMasked: 'm', occupancy: 'occupied', source: 'police', reportedOn: '2026-01-01',
    })), tx));
    const rows = await t.db.models.RentalReport.findAll({ where: { id: ids }, raw: true });
    expect(ids.map((id) => rows.find((r) => r.id === id)!.houseCode)).to.deep.equal(['ROW-1', 'ROW-2', 'ROW-3']);
  });
});
