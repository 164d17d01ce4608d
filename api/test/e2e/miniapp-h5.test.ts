// The H5 mini-program in headless Chromium: a resident opens the home page, signs in on 「我的」 with a
// demo account (through the WeChat stand-in) and is greeted on the home page.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { FakeClock } from '../../src/clock';
import { bootApp, type TestApp } from '../helpers/app';
import { expectAccessible, launch, listen, screenshot } from './browser';

describe('H5 mini-program', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let page: Page;

  before(async () => {
    // The browsers judge token expiry by their own clock: the server's clock must read the same time.
    t = await bootApp({ clock: new FakeClock(new Date()) });
    server = await listen(t);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('shows the services on the home page', async () => {
    await page.goto(`${server.url}/h5/`);
    await page.getByRole('heading', { name: 'Weave 城市服务' }).waitFor();
    for (const name of ['随手拍', '居住申报', '我的居住', '社保查询', '游客服务']) {
      expect(await page.getByText(name, { exact: true }).first().isVisible(), name).to.equal(true);
    }
    await expectAccessible(page, 'home page');
    await screenshot(page, 'h5-home-signed-out');
  });

  it('signs a resident in with a demo account and greets them on the home page', async () => {
    await page.goto(`${server.url}/h5/#/pages/mine/index`);
    const nameInput = page.locator('#demo-name input');
    await nameInput.waitFor();
    await expectAccessible(page, 'mine page, signed out');
    await nameInput.fill('resident');
    await page.getByText('微信登录', { exact: true }).click();
    await page.locator('#account-id').waitFor();
    const person = await t.db.models.Person.findOne({ where: { openid: 'dev-resident' }, raw: true });
    expect(await page.locator('#account-id').innerText()).to.equal(String(person!.id));
    await expectAccessible(page, 'mine page, signed in');
    await screenshot(page, 'h5-mine-signed-in');

    await page.goto(`${server.url}/h5/#/pages/index/index`);
    await page.getByText(`居民 #${person!.id}`).first().waitFor();
    await screenshot(page, 'h5-home-signed-in');
  });

  it('shows the API\'s Chinese message when the demo name is refused', async () => {
    await page.goto(`${server.url}/h5/#/pages/mine/index`);
    const signOut = page.getByText('退出登录', { exact: true });
    if (await signOut.isVisible()) await signOut.click();
    const nameInput = page.locator('#demo-name input');
    await nameInput.waitFor();
    await nameInput.fill('bad name!');
    await page.getByText('微信登录', { exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).to.contain('演示账号名');
  });
});
