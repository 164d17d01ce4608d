// Self-declaration in real Chromium: a tenant types a house code in the H5 mini-program, declares with two
// fields and the house turns green in admin; a doubtful declaration reaches the grid worker, who verifies
// it on the task page; staff pages for houses, QR sheets, imports, collision and per-grid colours pass axe.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PEOPLE } from '../../src/db/seed/residence';
import { FakeClock } from '../../src/clock';
import { bootApp, type TestApp } from '../helpers/app';
import { expectAccessible, launch, listen, screenshot, staffSignedIn } from './browser';

describe('self-declaration, end to end', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let tenant: BrowserContext;

  before(async () => {
    t = await bootApp({ clock: new FakeClock(new Date()) });
    server = await listen(t);
    browser = await launch();
    tenant = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const staffPage = (username: string, viewport?: { width: number; height: number }) => staffSignedIn(browser, server.url, username, viewport);

  async function declareInH5(page: Page, houseCode: string, idNumber: string, name: string): Promise<void> {
    await page.goto(`${server.url}/h5/#/packages/residence/pages/declare/index?house=${houseCode}`);
    const signIn = page.locator('#residence-sign-in');
    if (await signIn.isVisible({ timeout: 3000 }).catch(() => false)) await signIn.click();
    await page.locator('#house-address').waitFor({ timeout: 15_000 });
    await page.locator('#id-number input, input#id-number').first().fill(idNumber);
    await page.locator('#person-name input, input#person-name').first().fill(name);
    await page.locator('#identity-next').click();
    await page.locator('#submit-declaration').waitFor();
  }

  it('a tenant types a house code in H5, declares with two fields, and is registered at once', async () => {
    const page = await tenant.newPage();
    await page.goto(`${server.url}/h5/#/packages/residence/pages/declare/index`);
    const signIn = page.locator('#residence-sign-in');
    if (await signIn.isVisible({ timeout: 5000 }).catch(() => false)) await signIn.click();
    const code = page.locator('#house-code-input input, input#house-code-input').first();
    await code.waitFor();
    await expectAccessible(page, 'declare: house step');
    await code.fill('BA0304-003-0101');
    await page.locator('#look-up-house').click();
    await page.locator('#house-address').filter({ hasText: '河东花园3栋101室' }).waitFor();
    const [wang] = DEMO_PEOPLE;
    // A wrong check digit is caught on the phone, before anything is sent.
    await page.locator('#id-number input, input#id-number').first().fill(wang.idNumber.slice(0, 17) + (wang.idNumber[17] === '1' ? '2' : '1'));
    await page.locator('#person-name input, input#person-name').first().fill(wang.name);
    await page.locator('#identity-next').click();
    await page.getByText('校验位', { exact: false }).first().waitFor();
    await expectAccessible(page, 'declare: identity step with an error');
    await page.locator('#id-number input, input#id-number').first().fill(wang.idNumber);
    await page.locator('#identity-next').click();
    await page.locator('#submit-declaration').waitFor();
    await expectAccessible(page, 'declare: details step');
    await screenshot(page, 'residence-1-h5-details');
    await page.locator('#submit-declaration').click();
    await page.locator('#declaration-status').filter({ hasText: '已登记' }).waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'declare: done');
    await screenshot(page, 'residence-2-h5-accepted');
    expect(await page.content()).not.to.include(wang.idNumber);
  });

  it('the house turns green in admin, with the tenant masked', async () => {
    const page = await staffPage('gridworker');
    await page.goto(`${server.url}/admin/residence/houses/BA0304-003-0101`);
    await page.getByText('绿', { exact: false }).first().waitFor();
    await page.getByText('王小明').first().waitFor();
    expect(await page.content()).not.to.include(DEMO_PEOPLE[0].idNumber);
    await expectAccessible(page, 'house detail');
    await screenshot(page, 'residence-3-admin-house-green');
    await page.goto(`${server.url}/admin/residence/houses`);
    await page.getByText('BA0304-003-0101').first().waitFor();
    await expectAccessible(page, 'houses');
    await page.close();
  });

  it('a doubtful declaration reaches the grid worker, who verifies it on a phone', async () => {
    const h5 = await tenant.newPage();
    await declareInH5(h5, 'BA0304-003-0102', DEMO_PEOPLE[1].idNumber, '李秀华'); // the base knows 李秀英
    await h5.locator('#submit-declaration').click();
    await h5.locator('#declaration-status').filter({ hasText: '待核查' }).waitFor({ timeout: 15_000 });
    await expectAccessible(h5, 'declare: pending');

    const page = await staffPage('gridworker', { width: 390, height: 844 });
    await page.goto(`${server.url}/admin/residence/tasks`);
    await page.getByText('河东花园3栋102室').first().waitFor();
    await expectAccessible(page, 'tasks on a phone');
    await screenshot(page, 'residence-4-admin-task-phone');
    await page.getByRole('button', { name: '确认属实' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('核查说明').fill('上门核实，本人在住，姓名为曾用名');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByText('核查属实').first().waitFor({ timeout: 15_000 });
    await page.close();

    await h5.goto(`${server.url}/h5/#/packages/residence/pages/mine/index`);
    await h5.getByText('河东花园3栋102室', { exact: false }).first().waitFor({ timeout: 15_000 });
    await h5.getByText('已登记').first().waitFor();
    await expectAccessible(h5, 'my residence');
    await screenshot(h5, 'residence-5-h5-mine');
  });

  it('a landlord verifies the phone on record in H5 and sees the tenants, masked', async () => {
    const landlord = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true });
    const page = await landlord.newPage();
    await page.goto(`${server.url}/h5/#/pages/mine/index`);
    await page.locator('#demo-name input').fill('chen');
    await page.getByText('微信登录', { exact: true }).click();
    await page.locator('#account-id').waitFor();
    await page.goto(`${server.url}/h5/#/packages/residence/pages/mine/index`);
    await page.locator('#landlord-phone-card').waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'my residence: landlord phone card');
    await page.locator('#landlord-phone-input').fill('13800138000');
    await page.locator('#verify-phone').click();
    // The phone number is private: the privacy guide is agreed to first (a new browser, so it asks).
    await page.locator('#privacy-prompt').waitFor();
    await page.locator('#privacy-agree').click();
    await page.locator('#rented-houses').waitFor({ timeout: 15_000 });
    await page.getByText('王*明').first().waitFor();
    expect(await page.content()).not.to.include(DEMO_PEOPLE[0].idNumber);
    await expectAccessible(page, 'my residence: rented houses');
    await screenshot(page, 'residence-8-h5-landlord');
    await landlord.close();
  });

  it('staff pages for QR sheets, declarations, imports, collision and grid colours pass axe', async () => {
    const page = await staffPage('supervisor');
    await page.goto(`${server.url}/admin/residence/qr-sheet?gridCode=BA0304&building=${encodeURIComponent('河东花园3栋')}`);
    await page.getByText('BA0304-003-0401').first().waitFor();
    await expectAccessible(page, 'QR sheet');
    await screenshot(page, 'residence-6-admin-qr-sheet');
    await page.goto(`${server.url}/admin/residence/declarations`);
    await page.getByText('王小明').first().waitFor();
    await expectAccessible(page, 'declarations');
    await page.goto(`${server.url}/admin/residence/imports`);
    await page.getByRole('heading').first().waitFor();
    await expectAccessible(page, 'imports');
    await page.goto(`${server.url}/admin/residence/collisions`);
    await page.getByRole('button', { name: '立即碰撞' }).click();
    await page.getByText('已完成').first().waitFor({ timeout: 20_000 });
    await expectAccessible(page, 'collisions');
    await page.goto(`${server.url}/admin/residence/grid-stats`);
    await page.getByText('BA0304').first().waitFor();
    await expectAccessible(page, 'grid colours');
    await screenshot(page, 'residence-7-admin-grid-stats');
    await page.close();
  });
});
