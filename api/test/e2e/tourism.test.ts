// Island tourist services in real Chromium: a tourist on 桂山岛 finds places and complains about one with a
// photo; then calls for help with the network cut (Playwright offline), the call waits in the queue, the
// network returns, and exactly one event reaches the SOS board in admin, where the on-duty room takes it and
// the tourist sees who responds. Staff pages (board, complaints with per-merchant statistics, places) pass axe.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FakeClock } from '../../src/clock';
import { bootApp, type TestApp } from '../helpers/app';
import { bearer } from '../helpers/events';
import { noisyJpeg } from '../helpers/photos';
import { expectAccessible, launch, listen, screenshot, staffSignedIn } from './browser';

describe('island tourist services, end to end', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let phone: BrowserContext;
  let h5: Page;
  let helpCode = '';

  before(async () => {
    // The server's clock runs at the browser's time: the phone judges its token by the server's expiry.
    t = await bootApp({ clock: new FakeClock(new Date()) });
    server = await listen(t);
    browser = await launch();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true });
    h5 = await phone.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('a tourist finds the places of 桂山岛 and complains about a restaurant with a photo', async () => {
    await h5.goto(`${server.url}/h5/#/pages/mine/index`);
    await h5.locator('#demo-name input').fill('tourist');
    await h5.getByText('微信登录', { exact: true }).click();
    await h5.locator('#account-id').waitFor();
    await h5.goto(`${server.url}/h5/#/pages/index/index`);
    await h5.locator('#service-tourism').click();
    // The page asks for the position as it opens: the privacy prompt comes first. Refused, the tourist chooses the island.
    await h5.locator('#privacy-prompt').waitFor();
    await h5.locator('#privacy-refuse').click();
    await h5.getByText('未同意隐私保护指引，无法获取位置，请选择所在海岛。').waitFor();
    await h5.locator('#island-picker-GS').click();
    await h5.locator('#complain-GS-R-001').waitFor({ timeout: 15_000 });
    await expectAccessible(h5, 'tourism: places');
    await screenshot(h5, 'tourism-1-h5-places');
    await h5.locator('#complain-GS-R-001').click();
    await h5.locator('#complain-category-overcharging').click();
    await h5.locator('#complain-description textarea').fill('菜单标价 68 元/斤，结账按 168 元/斤收费');
    const chooser = h5.waitForEvent('filechooser');
    await h5.locator('#complain-add-photos').click();
    // A tap on 添加照片 asks again (the photo is the tourist's choice); agreed, the album opens.
    await h5.locator('#privacy-prompt').waitFor();
    await expectAccessible(h5, 'tourism: privacy prompt');
    await h5.locator('#privacy-agree').click();
    await (await chooser).setFiles({ name: 'bill.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg({ width: 800, height: 600, seed: 5 }) });
    await h5.locator('.tr-thumb').first().waitFor();
    await expectAccessible(h5, 'tourism: complaint form');
    await h5.locator('#complain-submit').click();
    await h5.locator('#complaint-code').waitFor({ timeout: 30_000 });
    expect(await h5.locator('#complaint-unit').innerText()).to.contain('桂山镇市场监督管理所');
    await expectAccessible(h5, 'tourism: complaint sent');
    const complaints = await t.db.models.TouristComplaint.count();
    expect(complaints).to.equal(1);
  });

  it('a call for help sent without a network waits in the queue and arrives exactly once when the network returns', async () => {
    await h5.goto(`${server.url}/h5/#/packages/tourism/pages/index/index`);
    await h5.locator('#open-help').click();
    await h5.locator('#help-type').waitFor();
    await h5.locator('#help-island-GS').waitFor();
    await expectAccessible(h5, 'tourism: help form');
    await h5.locator('#help-type-medical').click();
    await h5.locator('#help-phone input').fill('13812345678');
    await h5.locator('#help-island-GS').click();
    await h5.locator('#help-address input').fill('桂山码头候船厅');
    await phone.setOffline(true);
    await h5.getByText('发送求助', { exact: true }).last().click();
    const indicator = h5.getByRole('region', { name: /待发送/ });
    await indicator.waitFor();
    expect(await indicator.getAttribute('aria-label')).to.equal('待发送 1 条');
    expect(await t.db.models.HelpCall.count()).to.equal(0);
    await expectAccessible(h5, 'tourism: help queued');
    await screenshot(h5, 'tourism-2-h5-help-queued');
    await phone.setOffline(false);
    await h5.locator('#help-progress').waitFor({ timeout: 30_000 });
    helpCode = (await h5.locator('#help-code').innerText()).trim();
    const calls = await t.db.models.Event.findAll({ where: { source: 'tourist_help' }, raw: true });
    expect(calls.map((e) => e.code)).to.deep.equal([helpCode]);
    await expectAccessible(h5, 'tourism: help status');
  });

  it('the SOS board shows that one call; the on-duty room takes it and the tourist sees who responds', async () => {
    const admin = await staffSignedIn(browser, server.url, 'wanshan');
    await admin.goto(`${server.url}/admin/tourism/help`);
    const rows = admin.getByRole('table', { name: '求助列表' }).locator('tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.count()).to.equal(1);
    expect(await rows.first().innerText()).to.contain(helpCode.slice(-6)).and.to.contain('医疗急救').and.to.contain('13812345678');
    await expectAccessible(admin, 'admin: SOS board');
    await screenshot(admin, 'tourism-3-admin-sos-board');

    const duty = await t.staffToken('guishan-duty');
    await t.http.post(`/api/v1/events/${helpCode}/accept`).set(bearer(duty)).send({ note: '值班员已出发' }).expect(200);
    await h5.locator('#help-progress').filter({ hasText: '已接单' }).waitFor({ timeout: 30_000 });
    expect(await h5.locator('#help-responder').innerText()).to.contain('吴海');
    await screenshot(h5, 'tourism-4-h5-help-accepted');

    // The other staff pages of the islands, each checked by axe.
    await admin.goto(`${server.url}/admin/tourism/complaints?tab=stats`);
    await admin.getByRole('table', { name: '商家投诉统计' }).locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    expect(await admin.getByRole('table', { name: '商家投诉统计' }).innerText()).to.contain('桂山海鲜大排档');
    await expectAccessible(admin, 'admin: complaint statistics');
    await admin.goto(`${server.url}/admin/tourism/places`);
    await admin.getByRole('table', { name: '商家与服务点列表' }).locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await expectAccessible(admin, 'admin: places');
    await screenshot(admin, 'tourism-5-admin-places');
    await admin.close();
  });
});
