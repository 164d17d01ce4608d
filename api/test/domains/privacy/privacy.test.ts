// Residents' rights over their data through HTTP: the privacy guide (one source with docs/privacy.md),
// consent records, the export of everything held about a resident (and nothing of anyone else's), and
// erasure: no personal field left in any table, reports kept as anonymous case records, every evidence
// chain still verifying, the old token refused.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer, report } from '../../helpers/events';
import { DEMO_HOUSE, DEMO_PEOPLE } from '../../../src/db/seed/residence';
import { DEMO_ISLANDS } from '../../../src/db/seed/islands';
import { withCheckCharacter } from '../../../src/domains/declarations/id-number';
import { verifySteps } from '../../../src/domains/declarations/steps';
import { GUIDE_VERSION, guideMarkdown } from '../../../src/domains/privacy';
import { personalValuesIntact } from '../../../src/personal-fields';

const [WANG] = DEMO_PEOPLE;
const SUN = { idNumber: withCheckCharacter('44030619930512482'), name: '孙晓红', phone: '13700001111' }; // not in the population base

describe('residents\' data rights', () => {
  let t: TestApp;
  let wang: string, sun: string;
  before(async () => {
    t = await bootApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '86400' } });
    [wang, sun] = await Promise.all([t.residentToken('wang'), t.residentToken('sun')]);
  });
  after(async () => { await t.close(); });

  it('serves the privacy guide, the same text docs/privacy.md carries', async () => {
    const res = await t.http.get('/api/v1/privacy/guide').expect(200);
    expect(res.body.version).to.equal(GUIDE_VERSION);
    expect(res.body.items.map((i: { key: string }) => i.key)).to.include.members(['location', 'camera_album', 'scan', 'phone', 'identity']);
    expect(res.body.items.find((i: { key: string }) => i.key === 'location').usedBy).to.include('getLocation');
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../../docs/privacy.md'), 'utf8');
    expect(doc, 'docs/privacy.md is stale: run `npm run docs:privacy -w api`').to.include(guideMarkdown());
  });

  it('records consent to the current version, refuses an old one, and asks again after withdrawal', async () => {
    expect((await t.http.get('/api/v1/me/consents').set(bearer(wang)).expect(200)).body).to.deep.equal({ currentVersion: GUIDE_VERSION, agreed: null, needsConsent: true });
    const old = await t.http.post('/api/v1/me/consents').set(bearer(wang)).send({ version: '2020-01-01' }).expect(409);
    expect(old.body.errors[0].field).to.equal('version');
    await t.http.post('/api/v1/me/consents').set(bearer(wang)).send({ version: GUIDE_VERSION }).expect(201);
    expect((await t.http.get('/api/v1/me/consents').set(bearer(wang))).body).to.include({ needsConsent: false });
    await t.http.delete('/api/v1/me/consents').set(bearer(wang)).expect(204);
    expect((await t.http.get('/api/v1/me/consents').set(bearer(wang))).body).to.include({ needsConsent: true, agreed: null });
    await t.http.post('/api/v1/me/consents').set(bearer(wang)).send({ version: GUIDE_VERSION }).expect(201);
    await t.http.get('/api/v1/me/consents').expect(401);
    await t.http.get('/api/v1/me/consents').set(bearer(await t.staffToken('admin'))).expect(403);
  });

  it('exports every kind of record the resident has, in full, and nothing of anyone else\'s', async () => {
    await t.http.post('/api/v1/residence/declarations').set(bearer(wang)).send({ houseCode: DEMO_HOUSE, idNumber: WANG.idNumber, name: WANG.name, phone: '13912345678' }).expect(201);
    await t.http.post('/api/v1/me/insured').set(bearer(wang)).send({ idNumber: WANG.idNumber, name: WANG.name }).expect(200);
    const mine = await report(t, wang, { description: '人行道井盖缺失，夜间很危险' });
    const gs = DEMO_ISLANDS[0].centre;
    await t.http.post('/api/v1/tourism/help').set(bearer(wang)).send({ type: 'lost', ...gs, phone: '13912345678', text: '找不到码头' }).expect(201);
    await t.http.put('/api/v1/me/subscriptions/topics').set(bearer(wang)).send({ topics: ['policy_updates'] }).expect(200);
    const others = await report(t, sun, { description: '别人的上报：路灯不亮' });

    const data = (await t.http.get('/api/v1/me/data').set(bearer(wang)).expect(200)).body;
    expect(data.declarations).to.have.length(1);
    expect(data.declarations[0]).to.include({ idNumber: WANG.idNumber, name: WANG.name, phone: '13912345678', houseCode: DEMO_HOUSE });
    expect(data.fees.binding).to.include({ idNumber: WANG.idNumber, name: WANG.name });
    expect(data.reports.map((r: { code: string }) => r.code)).to.include(mine.code).and.not.to.include(others.code);
    expect(data.helpCalls[0]).to.include({ type: 'lost', phone: '13912345678', text: '找不到码头' });
    expect(data.consents).to.have.length(2);
    expect(data.notices.topics).to.deep.equal(['policy_updates']);
    expect(data.notices.inbox.length).to.be.at.least(2);
    expect(JSON.stringify(data)).not.to.include('别人的上报');
    await t.http.get('/api/v1/me/data').expect(401);
  });

  it('erases a resident: no personal field left in any table, reports kept anonymous, evidence intact, the old token refused', async () => {
    await t.http.post('/api/v1/residence/declarations').set(bearer(sun)).send({ houseCode: DEMO_HOUSE, idNumber: SUN.idNumber, name: SUN.name, phone: SUN.phone }).expect(201);
    const complaint = await t.http.post('/api/v1/tourism/complaints').set(bearer(sun)).field('category', 'service').field('description', '服务态度恶劣，拒绝退房押金').field('placeCode', 'GS-R-001').field('phone', SUN.phone).expect(201);
    const sunId = (await t.db.models.Person.findOne({ where: { openid: 'dev-sun' }, raw: true }))!.id;
    const reports = await t.db.models.Event.count({ where: { reporterId: sunId } });
    const event = (await t.db.models.Event.findOne({ where: { code: complaint.body.code }, raw: true }))!;
    expect(await t.db.models.TouristComplaint.findOne({ where: { eventId: event.id }, raw: true })).to.include({ phone: SUN.phone });

    await t.http.delete('/api/v1/me').set(bearer(sun)).send({ confirm: '删除' }).expect(422);
    await t.http.delete('/api/v1/me').set(bearer(sun)).send({ confirm: '注销' }).expect(204);

    // Every table, every row: nothing of the name, the phone or the identity number.
    const tables = (await t.db.sequelize.getQueryInterface().showAllTables()).map((x) => (typeof x === 'string' ? x : (x as { tableName: string }).tableName));
    expect(tables).to.include.members(['people', 'declarations', 'declaration_steps', 'inbox_messages', 'notice_deliveries', 'tourist_complaints', 'idempotency_keys']);
    for (const table of tables) {
      const rows = await t.db.sequelize.query(`SELECT * FROM ${t.db.dialect === 'mysql' ? `\`${table}\`` : `"${table}"`}`, { type: QueryTypes.SELECT });
      const text = JSON.stringify(rows);
      for (const needle of [SUN.name, SUN.phone, SUN.idNumber]) expect(text.includes(needle), `${needle} found in ${table}`).to.equal(false);
    }
    // The case records stay, pointing at the emptied pseudonym, and every evidence chain still verifies.
    expect(await t.db.models.Event.count({ where: { reporterId: sunId } })).to.equal(reports);
    expect(await t.db.models.Follower.count({ where: { personId: sunId } }), 'no progress messages to an erased account').to.equal(0);
    expect(await t.db.models.Person.findByPk(sunId, { raw: true })).to.include({ nickname: null, phone: null }).and.to.have.property('erasedAt').that.is.not.null;
    expect(await t.services.events.verifyAll()).to.include({ verified: true });
    for (const d of await t.db.models.Declaration.findAll({ where: { personId: sunId }, raw: true })) {
      const steps = await t.db.models.DeclarationStep.findAll({ where: { declarationId: d.id }, order: [['seq', 'ASC']], raw: true });
      expect(verifySteps(steps, d.evidenceHead)).to.deep.equal({ verified: true, brokenAt: null });
    }
    // The old token is refused; signing in again is a new, empty account.
    await t.http.get('/api/v1/me/data').set(bearer(sun)).expect(401);
    const fresh = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:sun' }).expect(200)).body.accessToken;
    const again = (await t.http.get('/api/v1/me/data').set(bearer(fresh)).expect(200)).body;
    expect([again.declarations, again.reports, again.complaints]).to.deep.equal([[], [], []]);
  });

  it('still detects a changed personal value while the key lives', async () => {
    const wangId = (await t.db.models.Person.findOne({ where: { openid: 'dev-wang' }, raw: true }))!.id;
    const d = (await t.db.models.Declaration.findOne({ where: { personId: wangId }, raw: true }))!;
    const [step] = await t.db.models.DeclarationStep.findAll({ where: { declarationId: d.id, action: 'declare' }, raw: true });
    const payload = typeof step.payload === 'string' ? JSON.parse(step.payload) : step.payload;
    expect(payload.name).to.have.property('personal').that.is.a('string');
    expect(payload.name.value).to.equal(WANG.name);
    const key = await t.services.privacy.keyFor(wangId);
    expect(personalValuesIntact(payload, key)).to.equal(true);
    expect(personalValuesIntact({ ...payload, name: { ...payload.name, value: '王大明' } }, key)).to.equal(false);
  });
});
