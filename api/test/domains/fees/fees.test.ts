// Social-security fees through HTTP: binding with the real-name check, a month's fees, signed real-time
// posting (good, bad, stale, replayed, retried), visibility within the same second, and access rules.
import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';
import { DEMO_PEOPLE } from '../../../src/db/seed/residence';
import { signBody } from '../../../src/domains/fees/signature';

const [WANG, LI] = DEMO_PEOPLE;

describe('social-security fees', () => {
  let t: TestApp;
  let admin: string, insured: string;
  const keys: Record<string, { keyId: string; secret: string }> = {};

  function post(source: string, payload: object, options: { at?: number; signature?: string; key?: string } = {}) {
    const body = JSON.stringify(payload);
    const at = options.at ?? Math.floor(t.clock.now().getTime() / 1000);
    return t.http.post('/api/v1/fees/payments').set('Content-Type', 'application/json')
      .set('X-Weave-Key', options.key ?? keys[source].keyId).set('X-Weave-Timestamp', String(at))
      .set('X-Weave-Signature', options.signature ?? signBody(keys[source].secret, at, body)).send(body);
  }
  const row = (over: object = {}) => ({ externalId: 'T-2026-10-001', idNumber: WANG.idNumber, period: '2026-10', insuranceType: 'pension', dueEmployerFen: 64000, duePersonalFen: 32000, paidEmployerFen: 64000, paidPersonalFen: 32000, ...over });

  before(async () => {
    t = await bootApp();
    admin = await t.staffToken('admin');
    insured = await t.residentToken('wang');
    for (const source of ['tax', 'bureau', 'finance']) {
      const res = await t.http.post('/api/v1/fee-keys').set(bearer(admin)).send({ name: `${source} system`, source }).expect(201);
      keys[source] = { keyId: res.body.keyId, secret: res.body.secret };
    }
  });
  after(async () => { await t.close(); });

  it('binds an account only when the population base holds the number under that name', async () => {
    const wrong = await t.http.post('/api/v1/me/insured').set(bearer(insured)).send({ idNumber: WANG.idNumber, name: '王大明' }).expect(422);
    expect(wrong.body.detail).to.include('实名核验未通过');
    await t.http.post('/api/v1/me/insured').set(bearer(insured)).send({ idNumber: WANG.idNumber.slice(0, 17) + (WANG.idNumber[17] === '1' ? '2' : '1'), name: WANG.name }).expect(422);
    const ok = await t.http.post('/api/v1/me/insured').set(bearer(insured)).send({ idNumber: WANG.idNumber, name: WANG.name }).expect(200);
    expect(ok.body).to.include({ idNumberMasked: '440306********1236', name: '王小明' });
    await t.http.post('/api/v1/me/insured').set(bearer(insured)).send({ idNumber: LI.idNumber, name: LI.name }).expect(409);
    // The same person cannot be bound to a second WeChat account.
    await t.http.post('/api/v1/me/insured').set(bearer(await t.residentToken('impostor'))).send({ idNumber: WANG.idNumber, name: WANG.name }).expect(409);
  });

  it('shows a payment posted by the tax office at once: collected, in transit until finance receives it', async () => {
    await post('bureau', row({ externalId: 'B-1', paidEmployerFen: 0, paidPersonalFen: 0 })).expect(201);
    let fees = await t.http.get('/api/v1/me/fees?from=2026-01&to=2026-12').set(bearer(insured)).expect(200);
    expect(fees.body.months[0].types[0]).to.include({ type: 'pension', typeName: '养老保险', dueFen: 96000, paidFen: 0 });
    await post('tax', row()).expect(201);
    fees = await t.http.get('/api/v1/me/fees?from=2026-01&to=2026-12').set(bearer(insured)).expect(200);
    expect(fees.body.months[0].types[0]).to.include({ paidFen: 96000, status: 'in_transit', statusName: '在途' });
    await post('finance', row({ externalId: 'F-1', reference: 'ICBC-20261015-0001' })).expect(201);
    fees = await t.http.get('/api/v1/me/fees?from=2026-01&to=2026-12').set(bearer(insured)).expect(200);
    expect(fees.body.months[0].types[0]).to.include({ status: 'paid', statusName: '已缴' });
    expect(fees.body.totals).to.deep.equal({ dueFen: 96000, paidFen: 96000, arrearsFen: 0, refundFen: 0 });
    // The answer is put together from ready pieces: it must be exactly what JSON.stringify would write.
    expect(fees.text).to.equal(JSON.stringify(fees.body));
    expect(fees.type).to.equal('application/json');
    // And it says what the fee view says: the same months, statuses and totals, in the same order.
    const personId = Number(JSON.parse(Buffer.from(insured.split('.')[1], 'base64url').toString()).sub);
    const view = await t.services.fees.myFees({ kind: 'resident', id: personId }, { from: '2026-01', to: '2026-12' });
    expect(fees.text).to.equal(JSON.stringify(view));
  });

  it('counts every one of many payments posted at once for one payer and year', async () => {
    // Each posting recomputes the payer's year in its own transaction; none may lose another's row.
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const types = ['medical', 'unemployment'];
    const results = await Promise.all(months.flatMap((period) => types.map((insuranceType) =>
      post('tax', row({ externalId: `T-par-${period}-${insuranceType}`, period, insuranceType, dueEmployerFen: 1000, duePersonalFen: 0, paidEmployerFen: 1000, paidPersonalFen: 0 })))));
    expect(results.map((r) => r.status)).to.deep.equal(results.map(() => 201));
    const fees = await t.http.get('/api/v1/me/fees?from=2026-01&to=2026-06').set(bearer(insured)).expect(200);
    expect(fees.body.months.map((m: { period: string; types: { type: string; paidFen: number }[] }) => [m.period, m.types.map((x) => `${x.type}:${x.paidFen}`)]))
      .to.deep.equal(months.map((m) => [m, ['medical:1000', 'unemployment:1000']]));
  });

  it('recomputes the years an import marked when the process stopped before it could', async () => {
    const hash = t.services.pii.index(WANG.idNumber);
    await t.db.models.LedgerRow.create({ source: 'bureau', externalId: 'B-lost-1', payerHash: hash, payerMasked: '440306********1236', period: '2024-05', insuranceType: 'maternity', dueEmployerFen: 500, duePersonalFen: 0, paidEmployerFen: 0, paidPersonalFen: 0, postedAt: t.clock.now() });
    await t.db.sequelize.query("INSERT INTO fee_summary_dirty (payer_hash, year) VALUES (?, '2024')", { replacements: [hash] });
    let fees = await t.http.get('/api/v1/me/fees?from=2024-01&to=2024-12').set(bearer(insured)).expect(200);
    expect(fees.body.months).to.deep.equal([]);
    expect(await t.services.payerYears.drain()).to.equal(1);
    fees = await t.http.get('/api/v1/me/fees?from=2024-01&to=2024-12').set(bearer(insured)).expect(200);
    expect(fees.body.months[0]).to.deep.include({ period: '2024-05' });
    expect(fees.body.months[0].types[0]).to.include({ type: 'maternity', dueFen: 500, status: 'arrears' });
    expect(await t.services.payerYears.drain()).to.equal(0);
    // A range over several years gives the months of all of them in order.
    const span = await t.http.get('/api/v1/me/fees?from=2024-01&to=2026-12').set(bearer(insured)).expect(200);
    const periods = span.body.months.map((m: { period: string }) => m.period);
    expect(periods[0]).to.equal('2024-05');
    expect(periods.some((p: string) => p.startsWith('2026-'))).to.equal(true);
    expect(periods).to.deep.equal([...periods].sort());
  });

  it('derives arrears after the grace day and a refund when paid twice', async () => {
    await post('bureau', row({ externalId: 'B-2', period: '2026-09', insuranceType: 'medical', paidEmployerFen: 0, paidPersonalFen: 0 })).expect(201);
    await post('bureau', row({ externalId: 'B-3', period: '2026-08', insuranceType: 'medical', paidEmployerFen: 0, paidPersonalFen: 0 })).expect(201);
    await post('tax', row({ externalId: 'T-3', period: '2026-08', insuranceType: 'medical', paidEmployerFen: 128000, paidPersonalFen: 64000 })).expect(201);
    const fees = await t.http.get('/api/v1/me/fees?from=2026-08&to=2026-09').set(bearer(insured)).expect(200);
    const status = Object.fromEntries(fees.body.months.map((m: { period: string; types: { status: string }[] }) => [m.period, m.types[0].status]));
    expect(status).to.deep.equal({ '2026-08': 'refund_due', '2026-09': 'arrears' });
    expect(fees.body.totals).to.include({ arrearsFen: 96000, refundFen: 96000 });
  });

  it('takes a retry of the same posting once, and refuses other content under the same id (409)', async () => {
    const first = await post('tax', row({ externalId: 'T-9', period: '2026-07' })).expect(201);
    t.clock.advance(1000);
    const again = await post('tax', row({ externalId: 'T-9', period: '2026-07' })).expect(201);
    expect(again.body).to.include({ id: first.body.id, replayed: true });
    expect(again.headers['idempotent-replayed']).to.equal('true');
    t.clock.advance(1000);
    await post('tax', row({ externalId: 'T-9', period: '2026-07', paidPersonalFen: 1 })).expect(409);
  });

  it('refuses a bad signature, a stale or replayed request, an unknown or revoked key, and bad bodies', async () => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const bad = await post('tax', row({ externalId: 'X-1' }), { signature: 'a'.repeat(64) }).expect(401);
    expect(bad.headers['content-type']).to.match(/problem\+json/);
    await post('tax', row({ externalId: 'X-2' }), { at: now - 301 }).expect(401);
    const body = row({ externalId: 'X-3' });
    await post('tax', body, { at: now }).expect(201);
    const replay = await post('tax', body, { at: now }).expect(401);
    expect(replay.body.detail).to.include('重放');
    await post('tax', row({ externalId: 'X-4' }), { key: 'fk_unknown' }).expect(401);
    await post('tax', { ...row({ externalId: 'X-5' }), insuranceType: 'luxury' }).expect(422);
    await post('tax', { ...row({ externalId: 'X-6' }), paidEmployerFen: -1 }).expect(422);
    await post('tax', { ...row({ externalId: 'X-7' }), idNumber: '123' }).expect(422);
    const list = await t.http.get('/api/v1/fee-keys').set(bearer(admin)).expect(200);
    const taxKey = list.body.items.find((k: { keyId: string }) => k.keyId === keys.tax.keyId);
    await t.http.post(`/api/v1/fee-keys/${taxKey.id}/revoke`).set(bearer(admin)).expect(204);
    await post('tax', row({ externalId: 'X-8' })).expect(401);
  });

  it('lets a supervisor look a payer up by number, with a reason, and logs every look-up', async () => {
    const supervisor = await t.staffToken('supervisor');
    await t.http.post('/api/v1/fees/payers').set(bearer(supervisor)).send({ idNumber: WANG.idNumber, from: '2026-01', to: '2026-12' }).expect(422);
    const res = await t.http.post('/api/v1/fees/payers').set(bearer(supervisor)).send({ idNumber: WANG.idNumber, reason: '窗口咨询补缴', from: '2026-01', to: '2026-12' }).expect(200);
    expect(res.body.payer).to.include({ idNumberMasked: '440306********1236', name: '王*明' });
    expect(res.body.months.length).to.be.greaterThan(0);
    const log = await t.db.models.PiiAccess.findAll({ where: { subjectKind: 'fee_payer' }, raw: true });
    expect(log).to.have.length(1);
    expect(log[0].reason).to.equal('440306********1236：窗口咨询补缴');
    await t.http.post('/api/v1/fees/payers').set(bearer(await t.staffToken('gridworker'))).send({ idNumber: WANG.idNumber, reason: '好奇', from: '2026-01', to: '2026-12' }).expect(403);
  });

  it('keeps fees to their owner: another account sees none, staff and strangers are refused', async () => {
    await t.http.get('/api/v1/me/fees?from=2026-01&to=2026-12').set(bearer(await t.residentToken('someone'))).expect(404);
    await t.http.get('/api/v1/me/fees?from=2026-01&to=2026-12').set(bearer(await t.staffToken('supervisor'))).expect(403);
    await t.http.get('/api/v1/me/fees?from=2026-01&to=2026-12').expect(401);
    await t.http.get('/api/v1/me/fees?from=2026-13&to=2026-12').set(bearer(insured)).expect(422);
    await t.http.post('/api/v1/fee-keys').set(bearer(await t.staffToken('supervisor'))).send({ name: 'x system', source: 'tax' }).expect(403);
  });
});
