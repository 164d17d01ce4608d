// The H5 mini-program in headless Chromium: a resident opens the home page, signs in on 「我的」 with a
// demo account (through the WeChat stand-in) and is greeted on the home page. Privacy: the prompt before the first
// private call (refused, a typed address still reports; agreed, the location is found), the 隐私保护指引 item by
// item with 撤回同意, and 我的数据 shown, exported and the account deleted after typing 注销.
import fs from 'node:fs';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FakeClock } from '../../src/clock';
import { PRIVACY_GUIDE } from '../../src/domains/privacy/guide';
import { bootApp, type TestApp } from '../helpers/app';
import { bearer } from '../helpers/events';
import { noisyJpeg } from '../helpers/photos';
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

  describe('privacy', () => {
    let context: BrowserContext;
    let h5: Page;
    let reportCode = '';

    before(async () => {
      // A fresh browser: nothing agreed yet. The browser gives the demo point (WGS-84) once the resident lets it.
      context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true, geolocation: { latitude: 22.5580404, longitude: 113.8781046 }, permissions: ['geolocation'] });
      h5 = await context.newPage();
      await h5.goto(`${server.url}/h5/#/pages/mine/index`);
      await h5.locator('#demo-name input').fill('lily');
      await h5.getByText('微信登录', { exact: true }).click();
      await h5.locator('#account-id').waitFor();
    });
    after(async () => {
      await context?.close();
    });

    async function consentsOf(name: string): Promise<{ needsConsent: boolean; agreed: { version: string } | null }> {
      const res = await t.http.get('/api/v1/me/consents').set(bearer(await t.residentToken(name))).expect(200);
      return res.body;
    }

    async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
      let value = await read();
      for (let i = 0; i < 50 && !ok(value); i++) {
        await new Promise((r) => setTimeout(r, 100));
        value = await read();
      }
      return value;
    }

    it('asks before the first use of location; refused, a typed address still reports; agreed, the location is found', async () => {
      await h5.goto(`${server.url}/h5/#/pages/report/new/index`);
      await h5.getByText('违法建设', { exact: true }).first().click();
      const prompt = h5.getByRole('dialog', { name: '隐私保护指引' });
      await prompt.waitFor();
      expect(await h5.locator('#privacy-prompt').getAttribute('role')).to.equal('dialog');
      expect(await prompt.innerText()).to.contain('获取您的位置');
      await expectAccessible(h5, 'privacy prompt');
      await screenshot(h5, 'privacy-1-h5-prompt');

      await h5.locator('#privacy-refuse').click();
      await h5.locator('#location-message').filter({ hasText: '未同意隐私保护指引，无法获取位置，请手动填写地址' }).waitFor();
      expect(await h5.locator('#privacy-prompt').count()).to.equal(0);
      await h5.locator('#manual-lat input').fill('22.5580404');
      await h5.locator('#manual-lng input').fill('113.8781046');
      await h5.locator('#address input').fill('河东社区 12 号旁');
      await h5.locator('#description textarea').fill('人行道井盖缺失，夜间容易绊倒');
      await expectAccessible(h5, 'new report after refusing the privacy guide');
      await screenshot(h5, 'privacy-2-h5-refused-typed');

      // 随手拍 needs a photo: the tap on 添加照片 asks again, and this time the resident agrees.
      const chooser = h5.waitForEvent('filechooser');
      await h5.getByText('添加照片', { exact: true }).first().click();
      await prompt.waitFor();
      expect(await prompt.innerText()).to.contain('使用相机或相册');
      await h5.locator('#privacy-agree').click();
      await (await chooser).setFiles({ name: 'drain.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg({ width: 640, height: 480, seed: 9 }) });
      await h5.locator('.rp-thumb').first().waitFor();
      await h5.getByText('提交', { exact: true }).last().click();
      await h5.locator('#event-code').waitFor({ timeout: 30_000 });
      reportCode = (await h5.locator('#event-code').innerText()).trim();
      const event = (await t.db.models.Event.findOne({ where: { code: reportCode }, raw: true }))!;
      expect(event.address).to.equal('河东社区 12 号旁');

      // The consent reached the account (a background POST /me/consents).
      const consents = await waitFor(() => consentsOf('lily'), (c) => !c.needsConsent);
      expect(consents.agreed?.version).to.equal(PRIVACY_GUIDE.version);

      // Agreed: the next report finds the location without asking.
      await h5.getByText('再报一个', { exact: true }).first().click();
      await h5.getByText('违法建设', { exact: true }).first().click();
      await h5.getByText('已获取当前位置', { exact: false }).first().waitFor({ timeout: 15_000 });
      expect(await h5.locator('#privacy-prompt').count()).to.equal(0);
      expect(await h5.locator('#manual-lat input').inputValue()).to.equal('22.55804');
    });

    it('shows the privacy guide item by item, and the resident can withdraw consent', async () => {
      await h5.goto(`${server.url}/h5/#/pages/mine/index`);
      await h5.locator('#entry-privacy-guide').click();
      await h5.locator('#guide-location').waitFor({ timeout: 15_000 });
      expect(await h5.locator('#privacy-guide-items [role="region"]').count()).to.equal(PRIVACY_GUIDE.items.length);
      const location = await h5.locator('#guide-location').innerText();
      for (const words of ['收集内容', '目的', '保存期限', '谁能看到', '如何撤回', '拒绝授权后可手动填写地址或选择海岛']) expect(location).to.contain(words);
      expect(await h5.locator('#privacy-consent-status').innerText()).to.contain('您已于');
      await expectAccessible(h5, 'privacy guide');
      await screenshot(h5, 'privacy-3-h5-guide');

      await h5.locator('#privacy-withdraw').click();
      await h5.locator('#privacy-consent-status').filter({ hasText: '尚未同意' }).waitFor();
      const consents = await waitFor(() => consentsOf('lily'), (c) => c.needsConsent);
      expect(consents.needsConsent).to.equal(true);
    });

    it('shows my data in sections, exports it as a file and deletes the account after typing 注销', async () => {
      await h5.goto(`${server.url}/h5/#/pages/mine/index`);
      await h5.locator('#entry-my-data').click();
      await h5.locator('#my-data').waitFor({ timeout: 15_000 });
      for (const title of ['个人资料', '居住申报', '上报', '投诉', '求助', '社保', '消息']) {
        await h5.getByRole('heading', { name: new RegExp(`^${title}`) }).first().waitFor();
      }
      expect(await h5.locator('#data-reports').innerText()).to.contain(reportCode);
      await expectAccessible(h5, 'my data');
      await screenshot(h5, 'privacy-4-h5-my-data');

      const download = h5.waitForEvent('download');
      await h5.locator('#my-data-export').click();
      const file = await download;
      expect(file.suggestedFilename()).to.match(/^weave-my-data-\d{8}-\d{4}\.json$/);
      const exported = JSON.parse(fs.readFileSync((await file.path())!, 'utf8'));
      expect(exported.reports.map((r: { code: string }) => r.code)).to.include(reportCode);
      expect(String(exported.profile.id)).to.equal((await h5.locator('#data-profile').innerText()).match(/账号 ID\s*(\d+)/)?.[1]);

      const token = await t.residentToken('lily');
      await h5.locator('#my-data-delete').click();
      const dialog = h5.getByRole('dialog', { name: '确认注销账号' });
      await dialog.waitFor();
      expect(await h5.locator('#delete-confirm').getAttribute('aria-disabled')).to.equal('true');
      await expectAccessible(h5, 'delete account dialog');
      await h5.locator('#delete-confirm-input input').fill('注销');
      await screenshot(h5, 'privacy-5-h5-delete-confirm');
      await h5.locator('#delete-confirm').click();
      // Back on 我的, signed out; the account's sessions are over.
      await h5.locator('#demo-name input').waitFor({ timeout: 15_000 });
      await t.http.get('/api/v1/me').set(bearer(token)).expect(401);
      const event = (await t.db.models.Event.findOne({ where: { code: reportCode }, raw: true }))!;
      expect(event.code).to.equal(reportCode);
    });
  });
});
