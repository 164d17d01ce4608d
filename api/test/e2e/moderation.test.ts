// The moderation queue in real Chromium: a report whose text WeChat sends to review waits in 内容审核; a
// dispatcher approves it, hides another with a reason, and axe checks the page and the dialog.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { FakeClock } from '../../src/clock';
import { bootApp, type TestApp } from '../helpers/app';
import { report } from '../helpers/events';
import { expectAccessible, launch, listen, screenshot, staffSignedIn } from './browser';
import { waitFor } from '../helpers/wait';

describe('moderation queue, end to end', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  const codes: string[] = [];

  before(async () => {
    t = await bootApp({ clock: new FakeClock(new Date()) });
    server = await listen(t);
    browser = await launch();
    const resident = await t.residentToken('resident');
    for (const description of ['小区有人组织集体上访，堵塞了消防通道', '维权群里有人发布了业主的电话号码']) codes.push((await report(t, resident, { description })).code);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('a dispatcher approves one text and hides another with a reason', async () => {
    const page = await staffSignedIn(browser, server.url, 'dispatcher');
    await page.goto(`${server.url}/admin/moderation`);
    const table = page.getByRole('table', { name: '内容审核列表' });
    await table.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    expect(await table.innerText()).to.contain('集体上访').and.to.contain('微信判定需人工复核');
    await expectAccessible(page, 'admin: moderation queue');
    await screenshot(page, 'moderation-1-queue');
    // Each event also has its photo waiting (the stand-in has nowhere to push its verdict here): act on the texts.
    const button = (verb: string, code: string) => table.getByRole('button', { name: new RegExp(`${verb}.*${code}.*事件描述`) });
    await button('通过', codes[0]).click();
    await waitFor(async () => (await t.db.models.Event.findOne({ where: { code: codes[0] }, raw: true }))!.textVisibility, (v) => v === 'pass');
    await button('隐藏', codes[1]).click();
    await page.locator('#moderation-reason').fill('含有他人电话号码');
    await expectAccessible(page, 'admin: hide dialog');
    await page.getByRole('button', { name: '确认隐藏' }).click();
    await waitFor(async () => (await t.db.models.Event.findOne({ where: { code: codes[1] }, raw: true }))!.textVisibility, (v) => v === 'hidden');
    await screenshot(page, 'moderation-2-decided');
    await page.close();
  });
});
