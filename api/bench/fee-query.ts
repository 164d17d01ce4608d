// The insured person's fee query with 12 months loaded: GET /api/v1/me/fees for a year, each request as a
// different bound person (their own bearer token), against bare Koa + raw Sequelize LedgerRow.findByPk over the
// same table in the same run, both under the same load. Goal: ≥ 80 % of the baseline's rate, p99 ≤ 25 ms at 50
// connections (on MariaDB). The ledgers hold BENCH_FEE_QUERY_INSURED payers (default 20,000) × 12 months ×
// BENCH_FEE_TYPES insurance types (default 5) × the three sources: 3.6 million rows by default; 2,000 of the
// payers are bound to accounts and queried.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../src/clock';
import { openDatabase } from '../src/db/models';
import { seedCityFees } from '../src/db/seed/city-fees';
import { cityIdNumber } from '../src/db/seed/city-residence';
import { seedDemo } from '../src/db/seed/demo';
import { signAccessToken } from '../src/domains/auth/tokens';
import { createPiiCipher } from '../src/domains/declarations';
import { createPayerYears } from '../src/domains/fees';
import { maskIdNumber } from '../src/domains/declarations/id-number';
import { describeLoad, load, serve } from './support';

const PERIODS = ['2025-11', '2025-12', ...Array.from({ length: 10 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)];

export async function feeQueryBench(options: { seconds: number }): Promise<string[]> {
  const lines: string[] = [];
  const log = (s: string) => { console.log(s); lines.push(s); };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-bench-fee-query-'));
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const insured = Number(process.env.BENCH_FEE_QUERY_INSURED ?? 20_000);
  const types = Number(process.env.BENCH_FEE_TYPES ?? 5);
  const bound = Math.min(2_000, insured);
  const encryptionKey = crypto.randomBytes(32), tokenKey = crypto.randomBytes(32);
  const pii = createPiiCipher(encryptionKey);
  const db = await openDatabase(url, { poolMax: 10 });
  let rows = 0;
  const started = Date.now();
  await seedDemo(db);
  for (const period of PERIODS) rows += (await seedCityFees(db, pii, { insured, types, period })).rows;
  const people = await db.models.Person.bulkCreate(Array.from({ length: bound }, (_, p) => ({ openid: `bench-insured-${p}`, nickname: null })));
  const boundAt = new Date();
  await db.models.InsuredBinding.bulkCreate(people.map((person, p) => {
    const id = cityIdNumber(p);
    return { personId: person.get('id') as number, idHash: pii.index(id), idCipher: pii.encrypt(id), idMasked: maskIdNumber(id), name: `参保人${p}`, boundAt };
  }));
  // LOAD DATA went past the API: the payers' years are built as the drain job would build them.
  const summarised = Date.now();
  const years = await createPayerYears({ sequelize: db.sequelize, clock: systemClock }).rebuildAll();
  log(`recomputed ${years.toLocaleString('en')} payer years in ${((Date.now() - summarised) / 1000).toFixed(1)} s`);
  const ids = (await db.models.LedgerRow.findAll({ attributes: ['id'], limit: 100_000, raw: true })).map((r) => r.id);
  log(`seeded ${rows.toLocaleString('en')} ledger rows (${insured.toLocaleString('en')} payers × ${PERIODS.length} months × ${types} types × 3 sources) and ${bound.toLocaleString('en')} bound accounts into ${db.dialect} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const now = new Date();
  const paths = people.map((person) => `/api/v1/me/fees?from=${PERIODS[0]}&to=${PERIODS[PERIODS.length - 1]}\t${signAccessToken({ kind: 'resident', id: person.get('id') as number }, 1, tokenKey, now, 3600).token}`);
  const byIdPaths = Array.from({ length: 5_000 }, (_, i) => `/${ids[(i * 7919) % ids.length]}`);
  await db.close();

  const weave = await serve(['weave', url], { BENCH_TOKEN_KEY: tokenKey.toString('hex'), BENCH_ENCRYPTION_KEY: encryptionKey.toString('hex') });
  const findByPk = await serve(['findbypk', url, 'LedgerRow']);
  try {
    const check = await fetch(`${weave.url}${paths[0].split('\t')[0]}`, { headers: { Authorization: `Bearer ${paths[0].split('\t')[1]}` } });
    const body = await check.json() as { months?: unknown[] };
    if (check.status !== 200) throw new Error(`GET /me/fees answered ${check.status}: ${JSON.stringify(body)}`);
    // Both servers are warmed alike (JIT, connection pools, the database's cache of the rows they read).
    await load(weave.url, paths, 3, { random: true });
    await load(findByPk.url, byIdPaths, 3, { random: true });
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const loadBaseline = () => load(findByPk.url, byIdPaths, options.seconds, { random: true });
      const loadQuery = () => load(weave.url, paths, options.seconds, { random: true });
      let baseline, query;
      if (round % 2) { baseline = await loadBaseline(); query = await loadQuery(); } else { query = await loadQuery(); baseline = await loadBaseline(); }
      ratios.push(query.rps / baseline.rps);
      log(`fee query, a year of ${types} types per person, round ${round}/${rounds} (${describeLoad()}, ${options.seconds} s each): raw Sequelize LedgerRow.findByPk ${Math.round(baseline.rps)} req/s (p50 ${baseline.p50} ms, p99 ${baseline.p99} ms); GET /api/v1/me/fees ${Math.round(query.rps)} req/s (p50 ${query.p50} ms, p99 ${query.p99} ms, ${query.errors} errors); ratio ${(query.rps / baseline.rps * 100).toFixed(0)} % (goal ≥ 80 %, p99 ≤ 25 ms)`);
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    log(`fee query: median ratio of ${rounds} rounds ${(sorted[Math.floor(sorted.length / 2)] * 100).toFixed(0)} % (range ${(sorted[0] * 100).toFixed(0)}–${(sorted[sorted.length - 1] * 100).toFixed(0)} %)`);
  } finally {
    await weave.close();
    await findByPk.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
