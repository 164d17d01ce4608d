// Social-security fees in real Chromium: an insured person binds in H5 and sees the year; a payment is
// posted through the signed API and the month turns paid on reload; staff reconcile the month in admin and
// find the bureau's missing credit among the discrepancies.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PEOPLE } from '../../src/db/seed/residence';
import { FakeClock } from '../../src/clock';
import { signBody } from '../../src/domains/fees/signature';
import { bootApp, type TestApp } from '../helpers/app';
import { bearer } from '../helpers/events';
import { expectAccessible, launch, listen, screenshot, staffSignedIn } from './browser';

describe('social-security fees, end to end', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let h5: Page;
  const keys: Record<string, { keyId: string; secret: string }> = {};
  const [WANG] = DEMO_PEOPLE;
  const year = new Date().getFullYear();
  const period = `${year}-01`;

  async function post(source: string, payload: object) {
    const body = JSON.stringify(payload);
    const at = Math.floor(t.clock.now().getTime() / 1000);
    const res = await fetch(`${server.url}/api/v1/fees/payments`, {
      method: 'POST', body,
      headers: { 'Content-Type': 'application/json', 'X-Weave-Key': keys[source].keyId, 'X-Weave-Timestamp': String(at), 'X-Weave-Signature': signBody(keys[source].secret, at, body) },
    });
    expect(res.status, await res.clone().text()).to.equal(201);
  }
  const row = (externalId: string, paid: boolean) => ({
    externalId, idNumber: WANG.idNumber, period, insuranceType: 'pension', dueEmployerFen: 64000, duePersonalFen: 32000,
    paidEmployerFen: paid ? 64000 : 0, paidPersonalFen: paid ? 32000 : 0,
  });

  before(async () => {
    t = await bootApp({ clock: new FakeClock(new Date()) });
    server = await listen(t);
    browser = await launch();
    const admin = await t.staffToken('admin');
    for (const source of ['tax', 'bureau', 'finance']) {
      const res = await t.http.post('/api/v1/fee-keys').set(bearer(admin)).send({ name: `${source} system`, source }).expect(201);
      keys[source] = { keyId: res.body.keyId, secret: res.body.secret };
    }
    // January is accrued by the bureau; nothing collected yet.
    await post('bureau', row('B-JAN', false));
    h5 = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true })).newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('an insured person binds in H5 with a number and a name and sees the year', async () => {
    await h5.goto(`${server.url}/h5/#/packages/fees/pages/index/index`);
    const signIn = h5.locator('#fees-sign-in');
    if (await signIn.isVisible({ timeout: 5000 }).catch(() => false)) await signIn.click();
    await h5.locator('#insured-id-number input').waitFor({ timeout: 15_000 });
    await expectAccessible(h5, 'fees: bind');
    await h5.locator('#insured-id-number input').fill(WANG.idNumber);
    await h5.locator('#insured-name input').fill(WANG.name);
    await h5.locator('#insured-bind').click();
    await h5.locator(`#fee-month-${period}`).waitFor({ timeout: 15_000 });
    const status = await h5.locator(`#fee-status-${period}`).textContent();
    expect(status).to.match(/待缴|欠费/);
    await expectAccessible(h5, 'fees: year');
    await screenshot(h5, 'fees-1-h5-year');
  });

  it('a payment posted by the tax office and received by finance turns the month paid on reload', async () => {
    await post('tax', row('T-JAN', true));
    await post('finance', row('F-JAN', true));
    await h5.locator('#fees-refresh').click();
    await h5.locator(`#fee-status-${period}`).filter({ hasText: '已缴' }).waitFor({ timeout: 15_000 });
    await h5.locator('#fee-certificate').click();
    await h5.locator('#certificate-code').waitFor({ timeout: 15_000 });
    const code = (await h5.locator('#certificate-code').textContent())!.trim();
    const checked = await fetch(`${server.url}/api/v1/fees/certificates/${code}`);
    expect(checked.status).to.equal(200);
    await expectAccessible(h5, 'fees: paid, with a certificate');
    await screenshot(h5, 'fees-2-h5-paid');
  });

  it('staff reconcile the month in admin: the bureau accrued January but has not credited it, a mismatch to handle', async () => {
    const page = await staffSignedIn(browser, server.url, 'supervisor');
    await page.goto(`${server.url}/admin/fees/reconciliations?period=${period}`);
    await page.getByRole('button', { name: '开始对账' }).click();
    await page.getByText('已完成').first().waitFor({ timeout: 20_000 });
    await expectAccessible(page, 'reconciliations');
    await screenshot(page, 'fees-3-admin-reconciled');
    await page.goto(`${server.url}/admin/fees/discrepancies?period=${period}`);
    await page.getByText('金额不符').first().waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'discrepancies');
    // A counter enquiry: the payer by number, with a reason the server logs.
    await page.goto(`${server.url}/admin/fees/payers`);
    await page.getByLabel('身份证号').fill(WANG.idNumber);
    await page.getByLabel('查询原因').fill('窗口咨询缴费');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('王*明（440306********1236）').waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'payer look-up');
    expect(await t.db.models.PiiAccess.count({ where: { subjectKind: 'fee_payer' } })).to.equal(1);
    await page.close();
    const admin = await staffSignedIn(browser, server.url, 'admin');
    await admin.goto(`${server.url}/admin/fees/keys`);
    await admin.getByText('tax system').first().waitFor();
    await expectAccessible(admin, 'fee keys');
    await admin.close();
  });
});
