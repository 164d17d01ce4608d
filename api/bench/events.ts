// Snap-and-report at city scale:
// 1. intake of a report with a realistic 12-megapixel photo, against the raw sharp pipeline on the same
//    photo in the same run (goal ≥ 85 %);
// 2. GET /events/{code} over 180,000 events, against bare Koa + raw Sequelize findByPk in the same run
//    (goal ≥ 80 %, p99 ≤ 25 ms at 50 connections).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { openDatabase } from '../src/db/models';
import { seedCity, seedCityEvents, CITY_EVENT_COUNT } from '../src/db/seed/city';
import { seedDemo } from '../src/db/seed/demo';
import { signAccessToken } from '../src/domains/auth/tokens';
import { load, serve } from './support';

/** Camera-like: smooth shapes and gradients under sensor noise, so JPEG cannot cheat on flat colour. */
export async function cameraLikePhoto(width = 4000, height = 3000): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const shade = 128 + 60 * Math.sin(x / 97) * Math.cos(y / 131) + 40 * Math.sin((x + y) / 23);
      raw[i] = Math.max(0, Math.min(255, shade + (rnd() - 0.5) * 40));
      raw[i + 1] = Math.max(0, Math.min(255, shade * 0.8 + 30 + (rnd() - 0.5) * 40));
      raw[i + 2] = Math.max(0, Math.min(255, 255 - shade + (rnd() - 0.5) * 40));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).withMetadata({ orientation: 1 }).toBuffer();
}

/** The raw pipeline: what any service must do with a photo at minimum. */
async function rawSharp(photo: Buffer): Promise<void> {
  const display = await sharp(photo).rotate().resize({ width: 1600, height: 1600, fit: 'inside' }).jpeg({ quality: 82 }).toBuffer();
  await sharp(display).resize({ width: 320, height: 320, fit: 'inside' }).jpeg({ quality: 75 }).toBuffer();
}

async function timed(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < n) await work(next++); }));
  return n / (Number(process.hrtime.bigint() - started) / 1e9);
}

export async function eventsBench(options: { seconds: number }): Promise<string[]> {
  const lines: string[] = [];
  const log = (s: string) => { console.log(s); lines.push(s); };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-bench-events-'));
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const mediaDir = path.join(dir, 'media');
  const tokenKey = crypto.randomBytes(32);

  const db = await openDatabase(url);
  await seedDemo(db);
  let started = Date.now();
  await seedCity(db);
  const seeded = await seedCityEvents(db);
  log(`seeded ${CITY_EVENT_COUNT.toLocaleString('en')} events (with evidence) into ${db.dialect} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const reporter = (await db.models.Person.findOne({ where: { openid: 'dev-city-reporter' }, raw: true }))!;
  const resident = (await db.models.Person.findOne({ where: { openid: 'dev-resident' }, raw: true }))!;
  const events = await db.models.Event.findAll({ where: { reporterId: reporter.id }, attributes: ['id', 'code'], raw: true });
  await db.close();
  const now = new Date();
  const reporterToken = signAccessToken({ kind: 'resident', id: reporter.id }, 1, tokenKey, now, 3600).token;
  const residentToken = signAccessToken({ kind: 'resident', id: resident.id }, 1, tokenKey, now, 3600).token;

  const weave = await serve(['weave', url], { BENCH_TOKEN_KEY: tokenKey.toString('hex'), MEDIA_DIR: mediaDir });
  const findByPk = await serve(['findbypk', url]);
  try {
    // 2. Reads first, on the seeded data alone.
    const sample = Array.from({ length: 10_000 }, () => events[Math.floor(Math.random() * events.length)]);
    await load(weave.url, sample.slice(0, 200).map((e) => `/api/v1/events/${e.code}`), 1, { Authorization: `Bearer ${reporterToken}` });
    const baseline = await load(findByPk.url, sample.map((e) => `/${e.id}`), options.seconds);
    const detail = await load(weave.url, sample.map((e) => `/api/v1/events/${e.code}`), options.seconds, { Authorization: `Bearer ${reporterToken}` });
    log(`event detail, uniformly random (autocannon, 50 connections, ${options.seconds} s, ${seeded.events.toLocaleString('en')} events): raw Sequelize findByPk ${Math.round(baseline.rps)} req/s (p50 ${baseline.p50} ms, p99 ${baseline.p99} ms); GET /api/v1/events/{code} ${Math.round(detail.rps)} req/s (p50 ${detail.p50} ms, p99 ${detail.p99} ms, ${detail.errors} errors); ratio ${(detail.rps / baseline.rps * 100).toFixed(0)} % (goal ≥ 80 %, p99 ≤ 25 ms)`);
    // Real reads concentrate on the events people follow: 9 in 10 go to the 2,000 most recent.
    const recent = events.slice(-2000);
    const hot = Array.from({ length: 10_000 }, () => (Math.random() < 0.9 ? recent[Math.floor(Math.random() * recent.length)] : events[Math.floor(Math.random() * events.length)]));
    const hotBaseline = await load(findByPk.url, hot.map((e) => `/${e.id}`), options.seconds);
    const hotDetail = await load(weave.url, hot.map((e) => `/api/v1/events/${e.code}`), options.seconds, { Authorization: `Bearer ${reporterToken}` });
    log(`event detail, 90 % of reads on the 2,000 most recent events: raw Sequelize findByPk ${Math.round(hotBaseline.rps)} req/s (p50 ${hotBaseline.p50} ms, p99 ${hotBaseline.p99} ms); GET /api/v1/events/{code} ${Math.round(hotDetail.rps)} req/s (p50 ${hotDetail.p50} ms, p99 ${hotDetail.p99} ms, ${hotDetail.errors} errors); ratio ${(hotDetail.rps / hotBaseline.rps * 100).toFixed(0)} %`);

    // 1. Intake against the raw pipeline, same photo, same concurrency (2: one per core).
    const photo = await cameraLikePhoto();
    const n = Number(process.env.BENCH_PHOTOS ?? 16);
    await rawSharp(photo);
    const rawRate = await timed(n, 2, async () => rawSharp(photo));
    const intakeRate = await timed(n, 2, async (i) => {
      const form = new FormData();
      form.set('category', 'road-damage');
      form.set('description', `规模测试上报 ${i}`);
      form.set('lat', '22.555');
      form.set('lng', '113.883');
      form.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'camera.jpg');
      const res = await fetch(`${weave.url}/api/v1/reports`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${residentToken}` } });
      if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
    });
    log(`report intake, 12-MP camera-like JPEG (${(photo.length / 1024 / 1024).toFixed(1)} MB), ${n} photos, 2 at a time: raw sharp pipeline ${rawRate.toFixed(2)} photos/s; POST /api/v1/reports ${intakeRate.toFixed(2)} reports/s; ratio ${(intakeRate / rawRate * 100).toFixed(0)} % (goal ≥ 85 %)`);
  } finally {
    await weave.close();
    await findByPk.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
