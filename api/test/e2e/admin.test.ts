// The admin app in headless Chromium: a dispatcher signs in and sees the units list; an admin creates a
// unit through the form; the typed grid look-up answers without a map.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/db/seed/demo';
import { FakeClock } from '../../src/clock';
import { bootApp, type TestApp } from '../helpers/app';
import { expectAccessible, launch, listen, screenshot } from './browser';

describe('admin app', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  before(async () => {
    // The browsers judge token expiry by their own clock: the server's clock must read the same time.
    t = await bootApp({ clock: new FakeClock(new Date()) });
    server = await listen(t);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    await page.goto(`${server.url}/admin/`);
    await page.locator('#username').waitFor();
    await expectAccessible(page, 'login page');
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('#password').press('Enter');
    await page.getByRole('banner').getByText(/分拨员|系统管理员|督办员|网格员|处置人员/).first().waitFor();
    return page;
  }

  it('refuses a wrong password with the API\'s message', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${server.url}/admin/`);
    await page.locator('#username').fill('dispatcher');
    await page.locator('#password').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await page.close();
  });

  it('lets a dispatcher sign in and see the units list', async () => {
    const page = await signIn('dispatcher');
    await page.goto(`${server.url}/admin/units`);
    const table = page.getByRole('table', { name: '单位列表' }).or(page.locator('[aria-label="单位列表"]')).first();
    await table.getByText('宝安区水务局').waitFor();
    expect(await table.getByText('宝安区城市管理和综合执法局').count()).to.be.greaterThan(0);
    // A dispatcher may not create units: the button is not offered.
    expect(await page.getByRole('button', { name: /新建单位/ }).count()).to.equal(0);
    await expectAccessible(page, 'units page');
    await screenshot(page, 'admin-units-dispatcher');
    await page.close();
  });

  it('lets an admin create a unit through the form', async () => {
    const page = await signIn('admin');
    await page.goto(`${server.url}/admin/units`);
    await page.getByRole('button', { name: /新建单位/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'create unit dialog');
    await dialog.getByLabel('编码').fill('BA-YJ');
    await dialog.getByLabel('名称').fill('宝安区应急管理局');
    await dialog.getByLabel('类型').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '公安联络' }).click();
    await dialog.getByLabel('管辖区域').click();
    await page.locator('.ant-select-tree-title').getByText('宝安区', { exact: true }).click();
    await dialog.getByRole('button', { name: /确定|创建|保存/ }).click();
    await page.getByText('宝安区应急管理局').first().waitFor();
    expect(await t.db.models.Unit.count({ where: { code: 'BA-YJ' } })).to.equal(1);
    await page.close();
  });

  it('finds the grid for a typed GCJ-02 position on the grids page', async () => {
    const page = await signIn('dispatcher');
    await page.goto(`${server.url}/admin/grids`);
    await page.getByText('BA0101').first().waitFor();
    await page.getByLabel('纬度').fill('22.555');
    await page.getByLabel('经度').fill('113.883');
    await page.getByRole('button', { name: /定位/ }).last().click();
    await page.getByText(/BA0304/).first().waitFor();
    await expectAccessible(page, 'grids page');
    await screenshot(page, 'admin-grids');
    await page.close();
  });
});
