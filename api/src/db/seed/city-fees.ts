// Social-security fee ledgers at city scale (for the reconciliation benchmark): 1.2 million insured persons
// and one month of the three ledgers, one row per payer, source and insurance type. 1 % of keys are made to
// disagree (0.5 % missing at finance, 0.3 % a different amount at the bureau, 0.2 % doubled at the tax
// office), so the matcher has every outcome to find. Payers are identified as in production: HMAC index
// and masked number. Rows go in with LOAD DATA on MariaDB, bulk INSERTs on SQLite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PiiCipher } from '../../domains/declarations';
import { maskIdNumber } from '../../domains/declarations/id-number';
import type { Database } from '../models';
import { cityIdNumber } from './city-residence';

export const CITY_INSURED = 1_200_000;
const TYPES = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'];

export async function seedCityFees(db: Database, pii: PiiCipher, options: { insured?: number; types?: number; period?: string } = {}) {
  const insured = options.insured ?? CITY_INSURED;
  const types = TYPES.slice(0, options.types ?? 1);
  const period = options.period ?? '2026-10';
  const started = Date.now();
  const columns = ['source', 'external_id', 'payer_hash', 'payer_masked', 'period', 'insurance_type', 'due_employer_fen', 'due_personal_fen', 'paid_employer_fen', 'paid_personal_fen', 'reference', 'posted_at'];
  const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-city-fees-'));
  const file = path.join(dir, 'rows.tsv');
  const out = fs.createWriteStream(file);
  const write = async (line: string) => { if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r())); };
  let rows = 0;
  const batch: Record<string, unknown>[] = [];
  const add = async (r: unknown[]) => {
    rows++;
    if (db.dialect === 'mysql') await write(`${r.map((v) => (v === null ? '\\N' : String(v))).join('\t')}\n`);
    else {
      batch.push(Object.fromEntries(columns.map((c, i) => [c, r[i]])));
      if (batch.length >= 2000) await db.sequelize.getQueryInterface().bulkInsert('fee_ledger_rows', batch.splice(0));
    }
  };
  for (let p = 0; p < insured; p++) {
    const id = cityIdNumber(p);
    const hash = pii.index(id), masked = maskIdNumber(id);
    for (const type of types) {
      const key = `${period}-${p}-${type}`;
      const due = 40000 + (p % 7) * 1000;
      const k = p % 1000;
      await add(['bureau', `B-${key}`, hash, masked, period, type, due, due / 2, due, due / 2, null, now]);
      await add(['tax', `T-${key}`, hash, masked, period, type, due, due / 2, due, due / 2, null, now]);
      if (k < 2) await add(['tax', `T2-${key}`, hash, masked, period, type, due, due / 2, due, due / 2, null, now]); // doubled
      if (k >= 5 && k < 10) continue; // finance has not received it
      const finance = k >= 2 && k < 5 ? due - 100 : due; // a different amount
      await add(['finance', `F-${key}`, hash, masked, period, type, 0, 0, finance, due / 2, `BANK-${p}`, now]);
    }
  }
  if (db.dialect === 'mysql') {
    await new Promise<void>((r) => out.end(() => r()));
    const { createConnection } = await import('mysql2/promise');
    const c = db.sequelize.config;
    const conn = await createConnection({ host: c.host, port: Number(c.port), user: c.username, password: c.password ?? undefined, database: c.database, infileStreamFactory: (f: string) => fs.createReadStream(f), flags: ['+LOCAL_FILES'] } as never);
    try {
      await conn.query('SET unique_checks = 0');
      await conn.query({ sql: `LOAD DATA LOCAL INFILE ? INTO TABLE fee_ledger_rows CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (${columns.map((x) => `\`${x}\``).join(', ')})`, values: [file] } as never);
    } finally {
      await conn.end();
    }
  } else {
    out.end();
    if (batch.length) await db.sequelize.getQueryInterface().bulkInsert('fee_ledger_rows', batch);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, period, seconds: (Date.now() - started) / 1000 };
}
