// Targeted notices at city scale: the audience of a rule over 5.28 million people with facts (goal ≤ 15 s,
// ≤ 1 GiB RSS), against the bare SQL that counts the same people in the same run; and delivery throughput
// through the deliverer to the WeChat stand-in, next to the stand-in's own raw rate (sends posted straight
// to it by plain fetch, 16 at a time) in the same run.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { Op } from 'sequelize';
import { createApp } from '../src/app';
import { cityDate, FakeClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/models';
import { CITY_NOTICE_PEOPLE, seedCityNoticeFacts } from '../src/db/seed/city-notices';
import { seedDemo } from '../src/db/seed/demo';
import { standInTemplates, templateIds } from '../src/domains/notices';
import { subscribeData } from '../src/domains/notices/message-template';
import { createWechatClient } from '../src/integrations/wechat/client';
import { startWechatStandIn } from '../src/integrations/wechat/stand-in';
import { measured } from './support';

async function audienceInChild(url: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'notices-audience.ts'), url], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => { out += chunk; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`audience measurement exited with ${code}`);
  return out.trim().split('\n');
}

export async function noticesBench(): Promise<string[]> {
  const lines: string[] = [];
  const log = (s: string) => { console.log(s); lines.push(s); };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-bench-notices-'));
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const people = Math.round(CITY_NOTICE_PEOPLE * Number(process.env.BENCH_NOTICES_SCALE ?? 1));
  const deliveries = Number(process.env.BENCH_DELIVERIES ?? 5000);
  // 10:00 in the city: outside quiet hours, so the deliverer sends rather than holds.
  const clock = new FakeClock('2026-11-23T02:00:00.000Z');
  const today = cityDate(clock.now(), 'Asia/Shanghai');
  const db = await openDatabase(url, { poolMax: 10 });
  const templates = templateIds({});
  const standIn = await startWechatStandIn({ appId: 'wxbench', secret: 'bench', templates: standInTemplates(templates), keepSent: 10 });
  try {
    await seedDemo(db);
    const seeded = await seedCityNoticeFacts(db, { people, today, log });
    log(`seeded ${people.toLocaleString('en')} people with facts into ${db.dialect}${seeded.seeded ? ` in ${seeded.seconds.toFixed(0)} s` : ' (already there)'}`);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', WECHAT_API_BASE: standIn.url, WECHAT_APPID: 'wxbench', WECHAT_SECRET: 'bench', MEDIA_DIR: path.join(dir, 'media') });
    const { services } = createApp({ db, config, clock, logger: pino({ level: 'silent' }), secrets: { tokenKey: crypto.randomBytes(32), encryptionKey: crypto.randomBytes(32) }, wechat: createWechatClient({ ...config.wechat, apiBase: standIn.url }) });

    // 1. Audiences, measured in a process of their own: its peak RSS is the audience's, not the seeding's.
    for (const line of await audienceInChild(url)) log(line);

    // 2. Delivery: `deliveries` people who subscribed, one message each, through the deliverer to the stand-in.
    const recipients = (await db.models.Person.findAll({ attributes: ['id', 'openid'], order: [['id', 'ASC']], limit: deliveries, offset: 100, raw: true }));
    const templateId = templates.idOf('service_notice');
    for (let i = 0; i < recipients.length; i += 500) {
      await Promise.all(recipients.slice(i, i + 500).map((p) => fetch(`${standIn.url}/dev/subscribe?openid=${p.openid}&template_id=${templateId}&times=2`, { method: 'POST' })));
    }
    await db.models.SubscribeQuota.bulkCreate(recipients.map((p) => ({ personId: p.id, templateKey: 'service_notice', remaining: 1, updatedAt: clock.now() })), { ignoreDuplicates: true });
    const now = clock.now();
    await db.models.Delivery.destroy({ where: { dedupeKey: { [Op.like]: 'bench-%' } } });
    for (let i = 0; i < recipients.length; i += 1000) {
      await db.models.Delivery.bulkCreate(recipients.slice(i, i + 1000).map((p) => ({ personId: p.id, class: 'urgent' as const, topic: 'targeted', dedupeKey: `bench-${p.id}`, title: '台风预警', body: '请做好防风准备', templateKey: 'service_notice', state: 'pending' as const, dueAt: now, createdAt: now })));
    }
    const delivered = await measured(async () => { let n = 0; for (;;) { const c = await services.deliverer.deliverDue(500); const k = Object.values(c).reduce((a, b) => a + b, 0); n += c.sent ?? 0; if (k === 0) return n; } });
    // The stand-in's own rate: the same sends posted straight to it, with a token, 16 at a time.
    const token = ((await (await fetch(`${standIn.url}/cgi-bin/token?grant_type=client_credential&appid=wxbench&secret=bench`)).json()) as { access_token: string }).access_token;
    const data = subscribeData('service_notice', { title: '台风预警', body: '请做好防风准备', at: now }, 'Asia/Shanghai');
    let next = 0;
    const raw = await measured(async () => {
      const worker = async () => { for (let i = next++; i < recipients.length; i = next++) await (await fetch(`${standIn.url}/cgi-bin/message/subscribe/send?access_token=${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ touser: recipients[i].openid, template_id: templateId, data }) })).json(); };
      await Promise.all(Array.from({ length: 16 }, worker));
      return recipients.length;
    });
    const ourRate = delivered.result / delivered.seconds, rawRate = raw.result / raw.seconds;
    log(`delivery: ${delivered.result.toLocaleString('en')} messages (inbox + WeChat subscribe message each) in ${delivered.seconds.toFixed(1)} s = ${ourRate.toFixed(0)} messages/s, peak RSS ${delivered.peakRssMb} MB`);
    log(`  baseline, the stand-in's raw rate (plain fetch, 16 at a time, no database): ${rawRate.toFixed(0)} sends/s; the deliverer reaches ${Math.round((100 * ourRate) / rawRate)} % of it`);
  } finally {
    await standIn.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
