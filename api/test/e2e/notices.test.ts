// Targeted notices in real Chromium: an admin builds a rule in the admin app (audience builder: people who
// turned 60 this week), previews its audience, saves, enables and runs it; the deliverer sends it; the
// resident sees the unread badge in the H5 mini-program, opens the message in the inbox and subscribes to a
// topic. axe checks every page on the way, and the delivery log and statistics show what happened.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cityDate, FakeClock } from '../../src/clock';
import { DEMO_HOUSE } from '../../src/db/seed/residence';
import { addDays, addYears } from '../../src/domains/notices/audience';
import { withCheckCharacter } from '../../src/domains/declarations/id-number';
import { bootApp, type TestApp } from '../helpers/app';
import { bearer } from '../helpers/events';
import { expectAccessible, launch, listen, screenshot, staffSignedIn } from './browser';
import { waitFor } from '../helpers/wait';

describe('targeted notices, end to end', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let phone: BrowserContext;
  let h5: Page;

  before(async () => {
    // The server's clock runs at the browser's time (the apps judge token expiry by it); quiet hours are off,
    // so the test passes at any hour of the night as well.
    const now = new Date();
    const today = cityDate(now, 'Asia/Shanghai');
    t = await bootApp({ clock: new FakeClock(now), env: { NOTICE_QUIET_HOURS: '00:00-00:00' } });
    server = await listen(t);
    browser = await launch();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true });
    h5 = await phone.newPage();
    // A resident who turned 60 two days ago has declared where she lives.
    const birth = addYears(addDays(today, -2), -60).replace(/-/g, '');
    const idNumber = withCheckCharacter(`440306${birth}122`);
    await t.http.post('/api/v1/residence/declarations').set(bearer(await t.residentToken('elder'))).send({ houseCode: DEMO_HOUSE, idNumber, name: '周桂兰' }).expect(201);
    await t.services.deliverer.deliverDue();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.close();
  });

  it('an admin builds a rule with the audience builder, previews it, saves, enables and runs it', async () => {
    const admin = await staffSignedIn(browser, server.url, 'admin');
    await admin.goto(`${server.url}/admin/notices/rules`);
    await admin.getByRole('button', { name: '新建规则' }).click();
    await admin.locator('#rule-name').fill('年满60周岁办理老年人优待证');
    await admin.locator('#rule-title').fill('老年人优待证办理提醒');
    await admin.locator('#rule-body').fill('您已年满{age}周岁，可到社区服务中心办理老年人优待证');
    await admin.locator('#rule-dedupe').fill('old-age-card-{year}');
    const pick = async (select: string, option: string) => {
      await admin.locator(select).click();
      await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    };
    await pick('#audience-fact-0', '年龄（周岁）');
    await pick('#audience-op-0', '近期年满');
    await admin.locator('#audience-value-0').fill('60');
    await admin.getByRole('button', { name: '预览受众' }).click();
    await admin.locator('#audience-preview').filter({ hasText: '共 1 人符合条件' }).waitFor({ timeout: 15_000 });
    await expectAccessible(admin, 'admin: rule editor with preview');
    await screenshot(admin, 'notices-1-admin-rule-preview');
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.waitForURL(/\/admin\/notices\/rules\/\d+$/, { timeout: 15_000 });
    await admin.getByRole('button', { name: '试运行' }).click();
    await admin.locator('#dry-run-result').waitFor({ timeout: 15_000 });
    expect(await admin.locator('#dry-run-result').innerText()).to.contain('1');
    await admin.getByRole('button', { name: '启用' }).click();
    await admin.getByRole('button', { name: '立即执行' }).waitFor({ timeout: 15_000 });
    await admin.getByRole('button', { name: '立即执行' }).click();
    await admin.getByRole('button', { name: /确\s*定/ }).click();
    await expect(await waitFor(() => t.db.models.Delivery.count({ where: { topic: 'targeted' } }), (n) => n === 1)).to.equal(1);
    expect(await t.services.deliverer.deliverDue()).to.deep.equal({ sent: 1 });
    await admin.goto(`${server.url}/admin/notices/deliveries`);
    const log = admin.getByRole('table', { name: '发送记录' });
    await admin.getByRole('table', { name: '发送记录' }).filter({ hasText: '已送达' }).waitFor({ timeout: 15_000 });
    await expectAccessible(admin, 'admin: delivery log');
    await screenshot(admin, 'notices-2-admin-deliveries');
    await admin.goto(`${server.url}/admin/notices/stats`);
    await admin.getByRole('table', { name: '各规则推送统计' }).locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await expectAccessible(admin, 'admin: notice statistics');
    await admin.goto(`${server.url}/admin/notices/rules`);
    await admin.getByRole('table', { name: '推送规则列表' }).locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await expectAccessible(admin, 'admin: rules');
    await admin.close();
  });

  it('the resident sees the unread badge, reads the notice in the H5 inbox, and chooses a topic to hear about', async () => {
    await h5.goto(`${server.url}/h5/#/pages/mine/index`);
    await h5.locator('#demo-name input').fill('elder');
    await h5.getByText('微信登录', { exact: true }).click();
    await h5.locator('#account-id').waitFor();
    const badge = h5.locator('#inbox-unread-badge');
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.innerText()).to.match(/\d+ 条未读/);
    await expectAccessible(h5, 'h5: mine with unread badge');
    await h5.goto(`${server.url}/h5/#/packages/notices/pages/inbox/index`);
    const item = h5.locator('[id^="inbox-item-"]', { hasText: '老年人优待证办理提醒' });
    await item.waitFor({ timeout: 15_000 });
    await expectAccessible(h5, 'h5: inbox');
    await screenshot(h5, 'notices-3-h5-inbox');
    await item.click();
    await h5.locator('#inbox-message-body').waitFor({ timeout: 15_000 });
    expect(await h5.locator('#inbox-message-body').innerText()).to.contain('您已年满60周岁');
    await expectAccessible(h5, 'h5: message');
    await screenshot(h5, 'notices-4-h5-message');
    const read = await t.db.models.InboxMessage.findOne({ where: { title: '老年人优待证办理提醒' }, raw: true });
    await waitFor(async () => (await t.db.models.InboxMessage.findByPk(read!.id, { raw: true }))!.readAt, (v) => v !== null);
    await h5.goto(`${server.url}/h5/#/packages/notices/pages/subscriptions/index`);
    await h5.locator('#subscriptions-save').waitFor({ timeout: 15_000 });
    await h5.locator('#topic-elderly_services').click();
    await h5.locator('#subscriptions-save').click();
    await waitFor(() => t.db.models.TopicSubscription.count({ where: { topic: 'elderly_services' } }), (n) => n === 1);
    await expectAccessible(h5, 'h5: subscriptions');
  });
});
