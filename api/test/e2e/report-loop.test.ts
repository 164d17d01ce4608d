// The whole loop in real Chromium: a resident reports with a photo in the H5 mini-program, a dispatcher
// dispatches in admin, the handler accepts and resolves, the grid worker verifies, and the resident sees
// the event closed and rates it.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FakeClock } from '../../src/clock';
import { bootApp, type TestApp } from '../helpers/app';
import { noisyJpeg } from '../helpers/photos';
import { expectAccessible, launch, listen, screenshot, staffSignedIn } from './browser';

describe('snap-and-report, end to end', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let resident: BrowserContext;
  let code: string;

  before(async () => {
    // The browsers judge token expiry by their own clock: the server's clock must read the same time.
    t = await bootApp({ clock: new FakeClock(new Date()) });
    server = await listen(t);
    browser = await launch();
    // WGS-84 of the demo point (H5 asks the browser for wgs84).
    resident = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true, geolocation: { latitude: 22.5580404, longitude: 113.8781046 }, permissions: ['geolocation'] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  const staffPage = (username: string) => staffSignedIn(browser, server.url, username);

  async function openEvent(page: Page): Promise<void> {
    await page.goto(`${server.url}/admin/events/${code}`);
    await page.locator('#event-status').waitFor();
  }

  async function clickAction(page: Page, name: string): Promise<void> {
    await page.getByRole('button', { name, exact: true }).click();
  }

  it('a resident reports a problem with a photo in H5', async () => {
    const page = await resident.newPage();
    await page.goto(`${server.url}/h5/#/pages/mine/index`);
    await page.locator('#demo-name input').fill('amy');
    await page.getByText('微信登录', { exact: true }).click();
    await page.locator('#account-id').waitFor();

    await page.goto(`${server.url}/h5/#/pages/report/new/index`);
    await page.getByText('违法建设', { exact: true }).first().click();
    // Choosing the category asks for the location: the privacy guide is agreed to first (once per device).
    await page.locator('#privacy-prompt').waitFor();
    await page.locator('#privacy-agree').click();
    await page.locator('#privacy-prompt').waitFor({ state: 'detached' });
    const chooser = page.waitForEvent('filechooser');
    await page.getByText('添加照片', { exact: true }).first().click();
    await (await chooser).setFiles({ name: 'problem.jpg', mimeType: 'image/jpeg', buffer: await noisyJpeg({ width: 800, height: 600, seed: 77 }) });
    await page.locator('#description textarea').fill('楼顶新搭建了铁皮房，存在安全隐患');
    // Location comes from the browser; the typed fields are the fallback and may already be filled.
    const lat = page.locator('#manual-lat input');
    if (await lat.isVisible().catch(() => false) && !(await lat.inputValue())) {
      await lat.fill('22.5580404');
      await page.locator('#manual-lng input').fill('113.8781046');
    }
    await expectAccessible(page, 'new report page');
    await screenshot(page, 'loop-1-h5-new-report');
    const responses: string[] = [];
    page.on('response', (r) => { if (r.url().includes('/api/')) responses.push(`${r.request().method()} ${r.url()} ${r.status()}`); });
    page.on('console', (m) => responses.push(`console: ${m.text()}`));
    await page.getByText('提交', { exact: true }).last().click();
    try {
      await page.locator('#event-code').waitFor({ timeout: 30_000 });
    } catch (err) {
      await screenshot(page, 'loop-debug');
      throw new Error(`${(err as Error).message}\n${responses.join('\n')}`);
    }
    code = (await page.locator('#event-code').innerText()).trim();
    expect(code).to.match(/^BA-\d{8}-\d{6}$/);
    await screenshot(page, 'loop-2-h5-submitted');
    const event = (await t.db.models.Event.findOne({ where: { code }, raw: true }))!;
    expect(event.status).to.equal('reported');
    expect(await t.db.models.Photo.count({ where: { ownerId: event.id } })).to.equal(1);
  });

  it('a dispatcher finds it in the queue and dispatches it in admin', async () => {
    const page = await staffPage('dispatcher');
    await page.goto(`${server.url}/admin/events/dispatch`);
    await page.getByText(code).first().waitFor();
    await expectAccessible(page, 'dispatch queue');
    await screenshot(page, 'loop-3-admin-dispatch-queue');
    await openEvent(page);
    await expectAccessible(page, 'event detail (dispatcher)');
    await clickAction(page, '派遣');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('责任单位').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '西乡街道城市管理办公室' }).first().click();
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.locator('#event-status').filter({ hasText: '已派遣' }).waitFor();
    await screenshot(page, 'loop-4-admin-dispatched');
    await page.close();
  });

  it('the handler accepts and resolves it', async () => {
    const page = await staffPage('handler');
    await openEvent(page);
    await clickAction(page, '接单');
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.locator('#event-status').filter({ hasText: '处置中' }).waitFor();
    await clickAction(page, '处置完成');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('处置说明').fill('已拆除违法搭建的铁皮房');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.locator('#event-status').filter({ hasText: '已处置待核查' }).waitFor();
    await expectAccessible(page, 'event detail (handler)');
    await page.close();
  });

  it('the grid worker verifies it on site', async () => {
    const page = await staffPage('gridworker');
    await openEvent(page);
    await clickAction(page, '核查');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('通过', { exact: true }).click();
    await dialog.getByLabel('核查意见').fill('现场确认已拆除');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.locator('#event-status').filter({ hasText: '已结案' }).waitFor();
    await screenshot(page, 'loop-5-admin-closed');
    await page.close();
  });

  it('the resident sees it closed, with its timeline, and rates it', async () => {
    const page = await resident.newPage();
    await page.goto(`${server.url}/h5/#/pages/report/detail/index?code=${code}`);
    await page.locator('#event-status').filter({ hasText: '已结案' }).waitFor();
    await expectAccessible(page, 'event detail (resident)');
    await page.getByText('5 星', { exact: true }).first().click();
    await page.locator('#rating-comment textarea, #rating-comment input').first().fill('处理及时，谢谢');
    await page.getByText('提交评价', { exact: true }).first().click();
    expect(await waitForRating(t, code)).to.equal(5);
    await screenshot(page, 'loop-6-h5-rated');
  });
});

async function waitForRating(t: TestApp, code: string): Promise<number | null> {
  for (let i = 0; i < 50; i++) {
    const event = await t.db.models.Event.findOne({ where: { code }, raw: true });
    if (event?.rating) return event.rating;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
