// Self-declaration through HTTP: look-up, prefill, good faith and doubt, verification, move-out, renewal,
// the expiry reminder with a moved clock, the landlord's view, masking and access rules.
import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';
import { noisyJpeg } from '../../helpers/photos';
import { DEMO_HOUSE, DEMO_PEOPLE } from '../../../src/db/seed/residence';
import { withCheckCharacter } from '../../../src/domains/declarations/id-number';

const [WANG, LI, CHEN, HUANG] = DEMO_PEOPLE;
const wrongDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

describe('self-declaration of residence', () => {
  let t: TestApp;
  let tenant: string, landlord: string, stranger: string;
  const declare = (token: string, body: Record<string, unknown>, key?: string) => {
    const req = t.http.post('/api/v1/residence/declarations').set(bearer(token));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  before(async () => {
    t = await bootApp();
    tenant = await t.residentToken('tenant');
    landlord = await t.residentToken('resident');
    stranger = await t.residentToken('stranger');
  });
  after(async () => { await t.close(); });

  it('shows a scanned house its address, and 404 for an unknown code', async () => {
    const res = await t.http.get(`/api/v1/residence/houses/${DEMO_HOUSE.toLowerCase()}`).set(bearer(tenant)).expect(200);
    expect(res.body).to.include({ code: DEMO_HOUSE, communityName: '河东社区', building: '河东花园3栋' });
    const missing = await t.http.get('/api/v1/residence/houses/ZZ9999-1-1').set(bearer(tenant)).expect(404);
    expect(missing.body.type).to.match(/not-found$/);
    await t.http.get(`/api/v1/residence/houses/${DEMO_HOUSE}`).expect(401);
  });

  it('checks the identity number before anything is stored: a wrong check digit is 422 naming idNumber', async () => {
    const res = await t.http.post('/api/v1/residence/prefill').set(bearer(tenant)).send({ houseCode: DEMO_HOUSE, idNumber: wrongDigit(WANG.idNumber), name: WANG.name }).expect(422);
    expect(res.body.errors).to.deep.equal([{ field: 'idNumber', message: '身份证号校验位不正确，请核对' }]);
    const declared = await declare(tenant, { houseCode: DEMO_HOUSE, idNumber: wrongDigit(WANG.idNumber), name: WANG.name }).expect(422);
    expect(declared.body.errors[0].field).to.equal('idNumber');
    expect(await t.db.models.Declaration.count()).to.equal(0);
  });

  it('prefills sex, birth date and move-in date from the number, without echoing the population base', async () => {
    const res = await t.http.post('/api/v1/residence/prefill').set(bearer(tenant)).send({ houseCode: DEMO_HOUSE, idNumber: WANG.idNumber, name: WANG.name }).expect(200);
    expect(res.body).to.include({ sex: 'male', birthDate: '1990-01-01', declaredElsewhere: null });
    expect(res.body.moveInDate).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(res.body)).not.to.include('河东社区'); // the registered address stays in the base
  });

  it('accepts a good-faith declaration at once, masked, and the house turns green', async () => {
    const res = await declare(tenant, { houseCode: DEMO_HOUSE, idNumber: WANG.idNumber, name: WANG.name, phone: '13912345678' }, 'decl-wang-1').expect(201);
    expect(res.body).to.include({ status: 'accepted', statusName: '已登记', idNumberMasked: `${WANG.idNumber.slice(0, 6)}********${WANG.idNumber.slice(-4)}`, phone: '139****5678' });
    expect(res.body.risks).to.deep.equal([]);
    expect(JSON.stringify(res.body)).not.to.include(WANG.idNumber);
    expect(res.body.allowedActions).to.deep.equal(['move_out']);
    const house = await t.http.get(`/api/v1/houses/${DEMO_HOUSE}`).set(bearer(await t.staffToken('gridworker'))).expect(200);
    expect(house.body).to.include({ colour: 'green', occupants: 1 });
    const inbox = await t.http.get('/api/v1/me/inbox').set(bearer(tenant)).expect(200);
    expect(inbox.body.items.map((m: { title: string }) => m.title)).to.include('居住登记成功');
  });

  it('answers a replay with the same Idempotency-Key with the same declaration, and a second declaration at the same house with 409', async () => {
    const replay = await declare(tenant, { houseCode: DEMO_HOUSE, idNumber: WANG.idNumber, name: WANG.name, phone: '13912345678' }, 'decl-wang-1').expect(201);
    expect(replay.headers['idempotent-replayed']).to.equal('true');
    expect(await t.db.models.Declaration.count()).to.equal(1);
    await declare(tenant, { houseCode: DEMO_HOUSE, idNumber: WANG.idNumber, name: WANG.name }, 'decl-wang-2').expect(409);
  });

  it('stores the number only encrypted, with an HMAC index', async () => {
    const row = (await t.db.models.Declaration.findOne({ raw: true }))!;
    expect(JSON.stringify(row)).not.to.include(WANG.idNumber);
    expect(row.idHash).to.equal(t.services.pii.index(WANG.idNumber));
    expect(t.services.pii.decrypt(row.idCipher)).to.equal(WANG.idNumber);
  });

  it('makes a doubtful declaration pending and gives the grid worker a task; the worker confirms with a photo', async () => {
    const res = await declare(tenant, { houseCode: 'BA0304-003-0102', idNumber: LI.idNumber, name: '李秀华' }).expect(201);
    expect(res.body).to.include({ status: 'pending_verification' });
    expect(res.body.risks).to.deep.equal([{ code: 'name_mismatch', label: '姓名与人口库不符' }]);
    const worker = await t.staffToken('gridworker');
    const tasks = await t.http.get('/api/v1/verification-tasks?status=open').set(bearer(worker)).expect(200);
    const task = tasks.body.items.find((x: { declaration: { id: number } | null }) => x.declaration?.id === res.body.id);
    expect(task).to.include({ kind: 'declaration_doubt', status: 'open' });
    expect(task.house.code).to.equal('BA0304-003-0102');
    const house = await t.http.get('/api/v1/houses/BA0304-003-0102').set(bearer(worker)).expect(200);
    expect(house.body.colour).to.equal('yellow');

    const done = await t.http.post(`/api/v1/verification-tasks/${task.id}/confirm`).set(bearer(worker))
      .field('note', '上门核实，本人在住，姓名为户籍登记用名').attach('photos', await noisyJpeg({ seed: 4, gps: true }), 'door.jpg').expect(200);
    expect(done.body).to.include({ status: 'confirmed', statusName: '核查属实' });
    expect(done.body.photos).to.have.length(1);
    await t.http.post(`/api/v1/verification-tasks/${task.id}/reject`).set(bearer(worker)).field('note', 'again').expect(409);

    const mine = await t.http.get(`/api/v1/me/declarations/${res.body.id}`).set(bearer(tenant)).expect(200);
    expect(mine.body).to.include({ status: 'accepted' });
    expect(mine.body.verification).to.include({ status: 'confirmed' });
    const detail = await t.http.get(`/api/v1/declarations/${res.body.id}`).set(bearer(worker)).expect(200);
    expect(detail.body.steps.map((s: { action: string }) => s.action)).to.deep.equal(['declare', 'verify_pass']);
    expect(detail.body.steps[1].photos).to.have.length(1);
    expect(detail.body.evidence.verified).to.equal(true);
    expect((await t.http.get('/api/v1/houses/BA0304-003-0102').set(bearer(worker))).body.colour).to.equal('green');
  });

  it('rejects a declaration after a visit that contradicts it, with a required note, and tells the tenant', async () => {
    const unknown = withCheckCharacter('44030619850505101');
    const res = await declare(stranger, { houseCode: 'BA0304-003-0202', idNumber: unknown, name: '无名氏' }).expect(201);
    expect(res.body.risks.map((r: { code: string }) => r.code)).to.deep.equal(['not_in_base']);
    const worker = await t.staffToken('gridworker');
    const task = (await t.http.get('/api/v1/verification-tasks?status=open').set(bearer(worker))).body.items.find((x: { declaration: { id: number } | null }) => x.declaration?.id === res.body.id);
    const noNote = await t.http.post(`/api/v1/verification-tasks/${task.id}/reject`).set(bearer(worker)).field('note', ' ').expect(422);
    expect(noNote.body.errors[0].field).to.equal('note');
    await t.http.post(`/api/v1/verification-tasks/${task.id}/reject`).set(bearer(worker)).field('note', '房东称无此人').expect(200);
    expect((await t.http.get(`/api/v1/me/declarations/${res.body.id}`).set(bearer(stranger))).body.status).to.equal('rejected');
    const inbox = await t.http.get('/api/v1/me/inbox').set(bearer(stranger)).expect(200);
    expect(inbox.body.items[0].title).to.equal('居住申报核查未通过');
  });

  it('flags over-capacity, many new declarations and a flagged house', async () => {
    const worker = await t.staffToken('gridworker');
    await t.http.post('/api/v1/houses/BA0304-003-0401/flag').set(bearer(worker)).send({ reason: '群租举报' }).expect(200);
    const res = await declare(stranger, { houseCode: 'BA0304-003-0401', idNumber: CHEN.idNumber, name: CHEN.name }).expect(201);
    expect(res.body.risks.map((r: { code: string }) => r.code)).to.deep.equal(['house_flagged']);
    const second = await declare(landlord, { houseCode: 'BA0304-003-0101', idNumber: HUANG.idNumber, name: HUANG.name }).expect(201);
    expect(second.body.risks).to.deep.equal([]); // capacity 2: Wang and Huang
    const third = await declare(landlord, { houseCode: 'BA0304-003-0101', idNumber: withCheckCharacter('44030620000101002'), name: '测试' }).expect(201);
    expect(third.body.risks.map((r: { code: string }) => r.code)).to.include('over_capacity');
  });

  it('offers to move a person out of the house they are still declared at, and does it in the same transaction', async () => {
    const pre = await t.http.post('/api/v1/residence/prefill').set(bearer(tenant)).send({ houseCode: 'BA0304-003-0301', idNumber: WANG.idNumber, name: WANG.name }).expect(200);
    expect(pre.body.declaredElsewhere).to.include({ houseCode: DEMO_HOUSE });
    const doubtful = await declare(tenant, { houseCode: 'BA0304-003-0301', idNumber: WANG.idNumber, name: WANG.name }, 'wang-move-a').expect(201);
    expect(doubtful.body.risks.map((r: { code: string }) => r.code)).to.deep.equal(['declared_elsewhere']);
    await t.http.post(`/api/v1/me/declarations/${doubtful.body.id}/move-out`).set(bearer(tenant)).send({}).expect(200);
    const moved = await declare(tenant, { houseCode: 'BA0304-003-0302', idNumber: WANG.idNumber, name: WANG.name, moveOutPrevious: true }, 'wang-move-b').expect(201);
    expect(moved.body).to.include({ status: 'accepted' });
    const mine = await t.http.get('/api/v1/me/declarations').set(bearer(tenant)).expect(200);
    const old = mine.body.items.find((d: { house: { code: string } }) => d.house.code === DEMO_HOUSE);
    expect(old).to.include({ status: 'moved_out' });
  });

  it('hides another person\'s declaration (404) and staff lists from residents (403)', async () => {
    const mine = await t.http.get('/api/v1/me/declarations').set(bearer(tenant)).expect(200);
    const id = mine.body.items[0].id;
    await t.http.get(`/api/v1/me/declarations/${id}`).set(bearer(stranger)).expect(404);
    await t.http.post(`/api/v1/me/declarations/${id}/move-out`).set(bearer(stranger)).send({}).expect(404);
    await t.http.get('/api/v1/declarations').set(bearer(tenant)).expect(403);
    await t.http.get('/api/v1/declarations').set(bearer(await t.staffToken('handler'))).expect(403);
  });

  it('shows the landlord the masked tenants of their houses and lets them confirm one', async () => {
    const res = await t.http.get('/api/v1/me/houses').set(bearer(landlord)).expect(200);
    const house = res.body.items.find((h: { code: string }) => h.code === 'BA0304-003-0101');
    const huang = house.tenants.find((x: { name: string }) => x.name === '黄*');
    expect(huang.idNumberMasked).to.match(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(res.body)).not.to.include(HUANG.idNumber);
    const confirmed = await t.http.post(`/api/v1/me/houses/BA0304-003-0101/tenants/${huang.declarationId}/confirm`).set(bearer(landlord)).send({}).expect(200);
    expect(confirmed.body.landlordConfirmedAt).to.be.a('string');
    await t.http.post(`/api/v1/me/houses/BA0304-003-0101/tenants/${huang.declarationId}/confirm`).set(bearer(stranger)).send({}).expect(404);
    expect((await t.http.get('/api/v1/me/houses').set(bearer(stranger)).expect(200)).body.items).to.deep.equal([]);
  });

  it('reveals a full number to staff in scope only with a reason, and records every look-up', async () => {
    const worker = await t.staffToken('gridworker');
    const list = await t.http.get('/api/v1/declarations?q=黄').set(bearer(worker)).expect(200);
    const id = list.body.items[0].id;
    await t.http.post(`/api/v1/declarations/${id}/reveal`).set(bearer(worker)).send({}).expect(422);
    const res = await t.http.post(`/api/v1/declarations/${id}/reveal`).set(bearer(worker)).send({ reason: '办理居住证核对' }).expect(200);
    expect(res.body.idNumber).to.equal(HUANG.idNumber);
    const log = await t.db.models.PiiAccess.findAll({ raw: true });
    expect(log).to.have.length(1);
    expect(log[0]).to.include({ subjectKind: 'declaration', subjectId: id, reason: '办理居住证核对' });
    await t.http.post(`/api/v1/declarations/${id}/reveal`).set(bearer(await t.staffToken('dispatcher'))).send({ reason: '看看' }).expect(403);
  });

  it('answers malformed input with problem+json, never 500', async () => {
    const bad = await t.http.post('/api/v1/residence/declarations').set(bearer(tenant)).set('Content-Type', 'application/json').send('{"houseCode":').expect(400);
    expect(bad.headers['content-type']).to.match(/problem\+json/);
    await declare(tenant, { houseCode: DEMO_HOUSE, idNumber: 12345, name: ['x'] }).expect(422);
    await declare(tenant, { houseCode: 'ZZ9999-9-9', idNumber: WANG.idNumber, name: WANG.name }).expect(404);
    await t.http.get('/api/v1/me/declarations/abc').set(bearer(tenant)).expect(422);
  });

  describe('expiry, with a moved clock', () => {
    it('reminds the tenant 30 days before the end, once, turns the house yellow, then lets the declaration expire; renewal restores it', async () => {
      t.clock.advance(336 * 86_400_000); // 11 months and a bit: within 30 days of the end
      let result = await t.services.declarations.runExpiry();
      expect(result.reminded).to.be.greaterThan(0);
      expect((await t.services.declarations.runExpiry()).reminded).to.equal(0);
      // Tokens live 15 minutes: after moving the clock, sign in again.
      const tenantNow = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:tenant' })).body.accessToken;
      const inbox = await t.http.get('/api/v1/me/inbox').set(bearer(tenantNow)).expect(200);
      expect(inbox.body.items.map((m: { title: string }) => m.title)).to.include('居住登记即将到期');
      const fresh = await t.http.post('/api/v1/auth/staff').send({ username: 'gridworker', password: 'Weave@2026' });
      expect((await t.http.get('/api/v1/houses/BA0304-003-0302').set(bearer(fresh.body.accessToken))).body.colour).to.equal('yellow');
      t.clock.advance(40 * 86_400_000);
      result = await t.services.declarations.runExpiry();
      expect(result.expired).to.be.greaterThan(0);
      const tenantLater = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:tenant' })).body.accessToken;
      const mine = await t.http.get('/api/v1/me/declarations').set(bearer(tenantLater)).expect(200);
      const expired = mine.body.items.find((d: { status: string }) => d.status === 'expired');
      expect(expired.allowedActions).to.include('renew');
      const renewed = await t.http.post(`/api/v1/me/declarations/${expired.id}/renew`).set(bearer(tenantLater)).send({}).expect(200);
      expect(renewed.body.status).to.equal('accepted');
    });
  });
});
