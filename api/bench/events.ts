// Snap-and-report at city scale:
// 1. intake of a report with a realistic 12-megapixel photo, against the raw sharp pipeline on the same
//    photo in the same run (goal ≥ 85 %);
// 2. GET /events/{code} over 180,000 events, against bare Koa + raw Sequelize findByPk in the same run
//    (goal ≥ 80 %, p99 ≤ 25 ms at 50 connections).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { openDatabase } from '../src/db/models';
import { seedCity, seedCityEvents, CITY_EVENT_COUNT } from '../src/db/seed/city';
import { seedDemo } from '../src/db/seed/demo';
import { signAccessToken } from '../src/domains/auth/tokens';
import { describeLoad, load, serve } from './support';

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
export async function rawSharp(photo: Buffer): Promise<void> {
  const display = await sharp(photo).rotate().resize({ width: 1600, height: 1600, fit: 'inside' }).jpeg({ quality: 82 }).toBuffer();
  await sharp(display).resize({ width: 320, height: 320, fit: 'inside' }).jpeg({ quality: 75 }).toBuffer();
}

/** A multipart/form-data body made once, as a phone's upload arrives: the server still receives and parses every byte. */
export function multipartBody(fields: Record<string, string>, file: { field: string; name: string; type: string; data: Buffer }): { body: Buffer; type: string } {
  const boundary = `----weave-bench-${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

export function post(url: string, path: string, body: Buffer, headers: Record<string, string>, agent: http.Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: 'POST', agent, headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function timed(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<number> {
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

  // BENCH_SEED_FROM=<file.sqlite>: start from a copy of a database an earlier run seeded (the seeding below then finds its work done).
  if (!process.env.BENCH_DATABASE_URL && process.env.BENCH_SEED_FROM) fs.copyFileSync(process.env.BENCH_SEED_FROM, url.slice('sqlite:'.length));
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
    // 2. Reads first, on the seeded data alone. The headline: each request picks one of all the seeded events
    // uniformly at random, so nearly every read is cold; both servers get the same load from the same generator.
    const auth = { Authorization: `Bearer ${reporterToken}` };
    const detailPaths = events.map((e) => `/api/v1/events/${e.code}`);
    const byIdPaths = events.map((e) => `/${e.id}`);
    // Both servers are warmed alike with the real mix (JIT, connection pools, prepared statements), as the fee query
    // and nearby benches do. 15 s each (BENCH_WARMUP), not 3: under this load both servers run their first ~20 s at
    // a p99 of 35–45 ms before settling (the API at 17–23 ms, findByPk at ~35 ms), and with 3 s the first two of five
    // rounds fell in that stretch, so the median round was the first settled one or not, by chance.
    const warmup = Number(process.env.BENCH_WARMUP ?? 15);
    await load(weave.url, detailPaths, warmup, { headers: auth, random: true });
    await load(findByPk.url, byIdPaths, warmup, { random: true });
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Alternate which side goes first, so neither always meets the quieter moment.
      const loadBaseline = () => load(findByPk.url, byIdPaths, options.seconds, { random: true });
      const loadDetail = () => load(weave.url, detailPaths, options.seconds, { headers: auth, random: true });
      let baseline, detail;
      if (round % 2) { baseline = await loadBaseline(); detail = await loadDetail(); } else { detail = await loadDetail(); baseline = await loadBaseline(); }
      ratios.push(detail.rps / baseline.rps);
      log(`event detail, uniformly random over all ${seeded.events.toLocaleString('en')} events, round ${round}/${rounds} (${describeLoad()}, ${options.seconds} s each): raw Sequelize findByPk ${Math.round(baseline.rps)} req/s (p50 ${baseline.p50} ms, p99 ${baseline.p99} ms); GET /api/v1/events/{code} ${Math.round(detail.rps)} req/s (p50 ${detail.p50} ms, p99 ${detail.p99} ms, ${detail.errors} errors); ratio ${(detail.rps / baseline.rps * 100).toFixed(0)} % (goal ≥ 80 %, p99 ≤ 25 ms)`);
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    log(`event detail: median ratio of ${rounds} rounds ${(sorted[Math.floor(sorted.length / 2)] * 100).toFixed(0)} % (range ${(sorted[0] * 100).toFixed(0)}–${(sorted[sorted.length - 1] * 100).toFixed(0)} %)`);
    // Real reads concentrate on the events people follow: 9 in 10 go to the 2,000 most recent.
    const recent = events.slice(-2000);
    const hot = Array.from({ length: 10_000 }, () => (Math.random() < 0.9 ? recent[Math.floor(Math.random() * recent.length)] : events[Math.floor(Math.random() * events.length)]));
    const hotBaseline = await load(findByPk.url, hot.map((e) => `/${e.id}`), options.seconds);
    const hotDetail = await load(weave.url, hot.map((e) => `/api/v1/events/${e.code}`), options.seconds, { headers: auth });
    log(`event detail, 90 % of reads on the 2,000 most recent events: raw Sequelize findByPk ${Math.round(hotBaseline.rps)} req/s (p50 ${hotBaseline.p50} ms, p99 ${hotBaseline.p99} ms); GET /api/v1/events/{code} ${Math.round(hotDetail.rps)} req/s (p50 ${hotDetail.p50} ms, p99 ${hotDetail.p99} ms, ${hotDetail.errors} errors); ratio ${(hotDetail.rps / hotBaseline.rps * 100).toFixed(0)} %`);

    // 1. Intake against the raw pipeline, same photo, same concurrency (2: one per core), in alternating rounds
    // (as the reads): a round is a few seconds, and the machine's mood moves either side by ±10 % between rounds.
    const photo = await cameraLikePhoto();
    const n = Number(process.env.BENCH_PHOTOS ?? 16);
    await rawSharp(photo);
    const runId = crypto.randomBytes(4).toString('hex');
    const intakeRatios: number[] = [];
    // Round 0 warms both sides (JIT, the intake path's first statements, sharp's buffers) and is not counted, as
    // in the declaration bench: unwarmed, the first round of intake ran 20 points below the later ones.
    for (let round = 0; round <= rounds; round++) {
      // Bodies are made before the clock starts (as the raw pipeline's photo is), so the bench process spends
      // its CPU on sending bytes, not on building forms, while the server parses every one of them. Each report
      // carries an Idempotency-Key, as the mini-program's always do.
      const bodies = Array.from({ length: n }, (_, i) => multipartBody(
        { category: 'road-damage', description: `规模测试上报 ${round}-${i}`, lat: '22.555', lng: '113.883' },
        { field: 'photos', name: 'camera.jpg', type: 'image/jpeg', data: photo },
      ));
      const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
      const measureRaw = () => timed(n, 2, async () => rawSharp(photo));
      const measureIntake = () => timed(n, 2, async (i) => {
        const res = await post(weave.url, '/api/v1/reports', bodies[i].body, { 'Content-Type': bodies[i].type, Authorization: `Bearer ${residentToken}`, 'Idempotency-Key': `bench-${runId}-${round}-${i}` }, agent);
        if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.text}`);
      });
      let rawRate: number, intakeRate: number;
      if (round % 2) { rawRate = await measureRaw(); intakeRate = await measureIntake(); } else { intakeRate = await measureIntake(); rawRate = await measureRaw(); }
      agent.destroy();
      if (round === 0) continue;
      intakeRatios.push(intakeRate / rawRate);
      log(`report intake, round ${round}/${rounds}, 12-MP camera-like JPEG (${(photo.length / 1024 / 1024).toFixed(1)} MB), ${n} reports with an Idempotency-Key, 2 at a time, bodies sent over node:http keep-alive: raw sharp pipeline ${rawRate.toFixed(2)} photos/s; POST /api/v1/reports ${intakeRate.toFixed(2)} reports/s; ratio ${(intakeRate / rawRate * 100).toFixed(0)} % (goal ≥ 85 %)`);
    }
    const byRatio = [...intakeRatios].sort((a, b) => a - b);
    log(`report intake: median ratio of ${rounds} rounds ${(byRatio[Math.floor(byRatio.length / 2)] * 100).toFixed(0)} % (range ${(byRatio[0] * 100).toFixed(0)}–${(byRatio[byRatio.length - 1] * 100).toFixed(0)} %; goal ≥ 85 %)`);
  } finally {
    await weave.close();
    await findByPk.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
