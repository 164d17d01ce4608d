// Reconciliation of the three fee ledgers and payment certificates, through HTTP: every outcome of the
// matcher becomes the right discrepancy, re-runs are idempotent and close what now matches, staff annotate
// and close; a certificate's code can be checked by anyone and shows only masked data.
import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';
import { DEMO_PEOPLE } from '../../../src/db/seed/residence';
import { createReconciliationService } from '../../../src/domains/fees';

const [WANG, LI, CHEN, HUANG] = DEMO_PEOPLE;

describe('fee reconciliation and certificates', () => {
  let t: TestApp;
  let supervisor: string;
  let n = 0;
  const put = (source: 'tax' | 'bureau' | 'finance', idNumber: string, insuranceType: string, paidFen: number) =>
    t.db.models.LedgerRow.create({
      source, externalId: `${source}-${++n}`, payerHash: t.services.pii.index(idNumber), payerMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`, period: '2026-10',
      insuranceType, dueEmployerFen: 0, duePersonalFen: paidFen, paidEmployerFen: 0, paidPersonalFen: paidFen, postedAt: t.clock.now(),
    });
  const run = async () => {
    const started = await t.http.post('/api/v1/fees/reconciliations').set(bearer(supervisor)).send({ period: '2026-10' }).expect(202);
    expect(started.body.status).to.equal('running');
    await t.services.reconciliation.settled();
    return (await t.http.get('/api/v1/fees/reconciliations?period=2026-10').set(bearer(supervisor)).expect(200)).body.items[0];
  };
  const open = async () => (await t.http.get('/api/v1/fees/discrepancies?period=2026-10&status=open').set(bearer(supervisor)).expect(200)).body.items;

  before(async () => {
    t = await bootApp();
    supervisor = await t.staffToken('supervisor');
    for (const s of ['tax', 'bureau', 'finance'] as const) await put(s, WANG.idNumber, 'pension', 96000);        // matched
    await put('tax', LI.idNumber, 'pension', 50000); await put('bureau', LI.idNumber, 'pension', 50000);         // missing in finance
    await put('tax', CHEN.idNumber, 'medical', 20000); await put('bureau', CHEN.idNumber, 'medical', 18000); await put('finance', CHEN.idNumber, 'medical', 20000); // mismatch
    await put('tax', HUANG.idNumber, 'pension', 1000); await put('tax', HUANG.idNumber, 'pension', 1000); await put('bureau', HUANG.idNumber, 'pension', 1000); await put('finance', HUANG.idNumber, 'pension', 1000); // duplicate
    await t.services.payerYears.rebuildAll(); // rows written past the API: their payers' years are recomputed
  });
  after(async () => { await t.close(); });

  it('reconciles a month: totals per source, the reconciled share, one discrepancy per unmatched key', async () => {
    const r = await run();
    expect(r).to.include({ status: 'done', keys: 4, matched: 1, discrepancies: 3, reconciledShare: 0.25 });
    expect(r.sources.tax).to.deep.equal({ rows: 5, amountFen: 96000 + 50000 + 20000 + 2000 });
    const items = await open();
    const byKind = Object.fromEntries(items.map((d: { kind: string }) => [d.kind, d]));
    expect(byKind.missing).to.include({ payerMasked: `${LI.idNumber.slice(0, 6)}********${LI.idNumber.slice(-4)}`, kindName: '单边缺失' });
    expect(byKind.missing.missingIn).to.deep.equal(['finance']);
    expect(byKind.amount_mismatch.amounts).to.deep.equal({ tax: 20000, bureau: 18000, finance: 20000 });
    expect(byKind.duplicate.amounts).to.deep.equal({ tax: 2000 });
    expect(JSON.stringify(items)).not.to.include(LI.idNumber);
  });

  it('re-runs idempotently, keeps staff notes, and closes what now matches', async () => {
    const [missing] = (await open()).filter((d: { kind: string }) => d.kind === 'missing');
    await t.http.post(`/api/v1/fees/discrepancies/${missing.id}/note`).set(bearer(supervisor)).send({ note: '已联系财政核对到账' }).expect(200);
    let r = await run();
    expect(r).to.include({ matched: 1, discrepancies: 3 });
    expect(await t.db.models.Discrepancy.count()).to.equal(3);
    await put('finance', LI.idNumber, 'pension', 50000);
    r = await run();
    expect(r).to.include({ matched: 2, discrepancies: 2 });
    const closed = (await t.http.get('/api/v1/fees/discrepancies?status=closed').set(bearer(supervisor)).expect(200)).body.items;
    expect(closed[0]).to.include({ id: missing.id, status: 'closed', note: '已联系财政核对到账；重新对账已对平' });
  });

  it('reaches the same outcome when payers straddle the pages it reads', async () => {
    // Pages of 2 keys: a payer with two types fills a page and the next payer's keys wait for the next one.
    const tiny = createReconciliationService({ sequelize: t.db.sequelize, models: t.db.models, clock: t.clock, pageKeys: 2 });
    const r = await tiny.run('2026-10');
    expect(r).to.include({ status: 'done', keysCompared: 4, matched: 2, discrepancies: 2 });
    expect(r.sources.tax.rows).to.equal(5);
  });

  it('lets supervisors close a discrepancy with a note; others may not', async () => {
    const [d] = await open();
    await t.http.post(`/api/v1/fees/discrepancies/${d.id}/close`).set(bearer(supervisor)).send({}).expect(422);
    await t.http.post(`/api/v1/fees/discrepancies/${d.id}/close`).set(bearer(await t.staffToken('dispatcher'))).send({ note: '已处理' }).expect(403);
    const res = await t.http.post(`/api/v1/fees/discrepancies/${d.id}/close`).set(bearer(supervisor)).send({ note: '税务已更正申报' }).expect(200);
    expect(res.body).to.include({ status: 'closed', statusName: '已关闭' });
    await t.http.post(`/api/v1/fees/discrepancies/${d.id}/close`).set(bearer(supervisor)).send({ note: '再次' }).expect(409);
    await t.http.post('/api/v1/fees/discrepancies/999999/note').set(bearer(supervisor)).send({ note: '不存在' }).expect(404);
    await t.http.post('/api/v1/fees/reconciliations').set(bearer(supervisor)).send({ period: '2026-13' }).expect(422);
    await t.http.get('/api/v1/fees/discrepancies').set(bearer(await t.residentToken('x'))).expect(403);
  });

  it('issues a payment certificate whose code anyone can check, masked', async () => {
    const insured = await t.residentToken('wang');
    await t.http.post('/api/v1/me/insured').set(bearer(insured)).send({ idNumber: WANG.idNumber, name: WANG.name }).expect(200);
    const cert = await t.http.post('/api/v1/me/fees/certificate').set(bearer(insured)).send({ from: '2026-01', to: '2026-12' }).expect(201);
    expect(cert.body.code).to.match(/^[A-Z2-9]{12}$/);
    expect(cert.body).to.include({ nameMasked: '王*明', from: '2026-01', to: '2026-12' });
    expect(cert.body.totals).to.deep.equal({ dueFen: 96000, paidFen: 96000 });
    const checked = await t.http.get(`/api/v1/fees/certificates/${cert.body.code.toLowerCase()}`).expect(200);
    expect(checked.body).to.include({ valid: true, payerMasked: '440306********1236', nameMasked: '王*明' });
    expect(JSON.stringify(checked.body)).not.to.include(WANG.idNumber);
    await t.http.get('/api/v1/fees/certificates/AAAAAAAAAAAA').expect(404);
    await t.http.get('/api/v1/fees/certificates/short').expect(422);
    await t.http.post('/api/v1/me/fees/certificate').set(bearer(await t.residentToken('unbound'))).send({ from: '2026-01', to: '2026-12' }).expect(404);
  });
});
