// Two API instances on one database (as behind a load balancer): each scheduled job fires once per
// occurrence, and when the instance holding a job's lease dies, another takes the job over once the lease
// has expired. Each instance has its own connection pool and its own app, as separate processes would.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import { FakeClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { openDatabase, type Database } from '../../src/db/models';
import { DEMO_PASSWORD, seedDemo } from '../../src/db/seed/demo';
import { noticeJobs } from '../../src/domains/notices/jobs';
import { createWechatClient } from '../../src/integrations/wechat/client';
import { startWechatStandIn, type StandIn } from '../../src/integrations/wechat/stand-in';
import { Scheduler, type Job } from '../../src/scheduler';
import { freshDatabase, WECHAT } from '../helpers/app';

describe('scheduled jobs across instances', () => {
  let drop: () => Promise<void>;
  let standIn: StandIn;
  const dbs: Database[] = [];
  const clock = new FakeClock('2026-11-23T02:00:00.000Z');
  const logger = pino({ level: 'silent' });
  const secrets = { tokenKey: crypto.randomBytes(32), encryptionKey: crypto.randomBytes(32) };
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-instances-'));
  let instances: { db: Database; app: ReturnType<typeof createApp>; scheduler: (jobs: Job[]) => Scheduler }[];

  before(async () => {
    const f = await freshDatabase();
    drop = f.drop;
    standIn = await startWechatStandIn(WECHAT);
    const config = loadConfig({ NODE_ENV: 'test', MEDIA_DIR: mediaDir, DATABASE_URL: f.url, WECHAT_APPID: WECHAT.appId, WECHAT_SECRET: WECHAT.secret, WECHAT_API_BASE: standIn.url, LOG_LEVEL: 'silent', ACCESS_TOKEN_TTL_SECONDS: '86400' });
    instances = [];
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase(f.url);
      dbs.push(db);
      if (i === 0) await seedDemo(db);
      const app = createApp({ db, config, secrets, clock, wechat: createWechatClient({ ...config.wechat, apiBase: standIn.url }), logger });
      instances.push({ db, app, scheduler: (jobs) => new Scheduler({ Lease: db.models.Lease, clock, logger, timezone: config.cityTimezone }, jobs) });
    }
  });
  after(async () => {
    for (const db of dbs) await db.close();
    await standIn.close();
    await drop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
  });

  it('fires a job once when both instances reach the same occurrence', async () => {
    const ran: string[] = [];
    const job = (who: string): Job => ({ name: 'collision', cron: '0 2 * * *', run: async () => { ran.push(who); }, leaseMs: 60 * 60_000 });
    const [a, b] = [instances[0].scheduler([job('a')]), instances[1].scheduler([job('b')])];
    const results = await Promise.all([a.runOnce(job('a')), b.runOnce(job('b'))]);
    expect(results.filter(Boolean)).to.have.length(1);
    expect(ran).to.have.length(1);
  });

  it('skips an occurrence on an instance still running the previous one', async () => {
    let release = () => {};
    let runs = 0;
    const slow: Job = { name: 'notice-delivery-slow', cron: '*/10 * * * * *', run: async () => { runs += 1; await new Promise<void>((r) => { release = r; }); } };
    const scheduler = instances[0].scheduler([slow]);
    const first = scheduler.runOnce(slow);
    await new Promise((r) => setTimeout(r, 50));
    expect(await scheduler.runOnce(slow)).to.equal(false);
    release();
    expect(await first).to.equal(true);
    expect(runs).to.equal(1);
  });

  it('runs a due notice rule once across instances, and another instance takes over when the holder dies', async () => {
    const http = request(instances[0].app.app.callback());
    const token = (await http.post('/api/v1/auth/staff').send({ username: 'admin', password: DEMO_PASSWORD }).expect(200)).body.accessToken;
    const rule = await http.post('/api/v1/notices/rules').set('Authorization', `Bearer ${token}`).send({
      name: '每日九点', audience: { fact: 'declared', eq: true }, title: '提醒', body: '提醒', templateKey: 'service_notice',
      trigger: { kind: 'cron', cron: '0 9 * * *' }, dedupeKey: 'daily-{date}', urgency: 'normal',
    }).expect(201);
    await http.post(`/api/v1/notices/rules/${rule.body.id}/activate`).set('Authorization', `Bearer ${token}`).expect(200);
    const jobsOf = (i: number) => noticeJobs(instances[i].app.services).filter((j) => j.name === 'notice-rules');
    const [a, b] = [instances[0].scheduler(jobsOf(0)), instances[1].scheduler(jobsOf(1))];

    clock.set('2026-11-24T01:00:05Z'); // 09:00:05: both instances' minute job wakes up
    const both = await Promise.all([a.runOnce(jobsOf(0)[0]), b.runOnce(jobsOf(1)[0])]);
    expect(both.filter(Boolean)).to.have.length(1);
    const holder = both[0] ? 'a' : 'b';
    expect(await instances[0].db.models.NoticeRun.count({ where: { ruleId: rule.body.id } })).to.equal(1);

    // The holder dies. A minute later the survivor cannot take the job yet: the lease is still held…
    const survivor = holder === 'a' ? b : a;
    const survivorJob = jobsOf(holder === 'a' ? 1 : 0)[0];
    clock.set('2026-11-24T01:01:05Z');
    expect(await survivor.runOnce(survivorJob)).to.equal(false);
    // …and once it has expired (five minutes), the survivor takes over and fires the next day's occurrence once.
    clock.set('2026-11-25T01:00:05Z');
    expect(await survivor.runOnce(survivorJob)).to.equal(true);
    expect(await survivor.runOnce(survivorJob)).to.equal(true); // its own lease: runs again, fires nothing new
    expect(await instances[0].db.models.NoticeRun.count({ where: { ruleId: rule.body.id } })).to.equal(2);
  });
});
