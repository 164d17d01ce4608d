// Social-security fees at city scale: reconciliation of one month of the three ledgers for 1.2 million
// insured persons (goal ≤ 30 s, memory bounded), against the bare GROUP BY over the same rows in the same run.
// The fee-query goal (p99 ≤ 25 ms with 12 months loaded) is measured by bench/fee-query.ts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { QueryTypes } from 'sequelize';
import { createApp } from '../src/app';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/models';
import { CITY_INSURED, seedCityFees } from '../src/db/seed/city-fees';
import { seedDemo } from '../src/db/seed/demo';
import { createPiiCipher } from '../src/domains/declarations';
import { createWechatClient } from '../src/integrations/wechat/client';
import { measured } from './support';

export async function feesBench(): Promise<string[]> {
  const lines: string[] = [];
  const log = (s: string) => { console.log(s); lines.push(s); };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-bench-fees-'));
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const insured = Math.round(CITY_INSURED * Number(process.env.BENCH_FEES_SCALE ?? 1));
  const types = Number(process.env.BENCH_FEE_TYPES ?? 1);
  const encryptionKey = crypto.randomBytes(32);
  const db = await openDatabase(url, { poolMax: 10 });
  try {
    await seedDemo(db);
    const seeded = await seedCityFees(db, createPiiCipher(encryptionKey), { insured, types });
    log(`seeded ${seeded.rows.toLocaleString('en')} ledger rows (${insured.toLocaleString('en')} insured × ${types} type(s) × 3 sources, ${seeded.period}) into ${db.dialect} in ${seeded.seconds.toFixed(0)} s`);
    const bare = await measured(() => db.sequelize.query(
      'SELECT COUNT(*) AS n FROM (SELECT payer_hash, insurance_type, source, COUNT(*) AS c, SUM(paid_employer_fen + paid_personal_fen) AS s FROM fee_ledger_rows WHERE period = ? GROUP BY payer_hash, insurance_type, source) g',
      { replacements: [seeded.period], type: QueryTypes.SELECT }));
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', WECHAT_API_BASE: 'http://127.0.0.1:9', MEDIA_DIR: path.join(dir, 'media') });
    const { services } = createApp({ db, config, clock: systemClock, logger: pino({ level: 'silent' }), secrets: { tokenKey: crypto.randomBytes(32), encryptionKey }, wechat: createWechatClient({ ...config.wechat, apiBase: 'http://127.0.0.1:9' }) });
    const first = await measured(() => services.reconciliation.run(seeded.period));
    log(`reconciliation of ${seeded.period}, first run: ${first.seconds.toFixed(1)} s over ${first.result.keysCompared.toLocaleString('en')} keys; ${first.result.matched.toLocaleString('en')} matched, ${first.result.discrepancies.toLocaleString('en')} discrepancies; peak RSS ${first.peakRssMb} MB, peak heap ${first.peakHeapMb} MB (goal ≤ 30 s, memory bounded)`);
    log(`  baseline, the bare GROUP BY of the month's rows per payer, type and source: ${bare.seconds.toFixed(1)} s; the run takes ${(first.seconds / bare.seconds).toFixed(1)}× as long`);
    const again = await measured(() => services.reconciliation.run(seeded.period));
    log(`reconciliation re-run (nothing changed): ${again.seconds.toFixed(1)} s, ${again.result.discrepancies.toLocaleString('en')} discrepancies kept; peak RSS ${again.peakRssMb} MB`);
  } finally {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
