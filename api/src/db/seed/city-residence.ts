// Self-declaration at city scale (for the collision and intake benchmarks): 2.96 million houses over the
// city's 16,417 grids, 5.28 million people in the population base, 2 million active declarations and
// 1 million rental reports from other departments. Of the reports, 1 % name people who never declared
// and 0.5 % report declared houses vacant, so the collision has real work; the rest agree with the
// declarations. Identity numbers are valid (GB 11643) and stored as in production: HMAC index plus
// AES-256-GCM ciphertext. Rows are written as CSV and loaded with LOAD DATA on MariaDB (bulk INSERTs on
// SQLite); each person's number is sealed once, in one pass that writes every row that mentions them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Op, QueryTypes } from 'sequelize';
import type { PiiCipher } from '../../domains/declarations';
import { maskIdNumber, withCheckCharacter } from '../../domains/declarations/id-number';
import type { Database } from '../models';

export const CITY_HOUSES = 2_960_000;
export const CITY_PEOPLE = 5_280_000;
export const CITY_DECLARATIONS = 2_000_000;
export const CITY_RENTAL_REPORTS = 1_000_000;

/** The i-th person's identity number: valid and unique for i < 10 × 14,000 × 1,000. */
export function cityIdNumber(i: number): string {
  const district = 1 + Math.floor(i / 14_000_000);
  const day = new Date(Date.UTC(1960, 0, 1) + (i % 14_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const sequence = String(Math.floor(i / 14_000) % 1000).padStart(3, '0');
  return withCheckCharacter(`4403${String(district).padStart(2, '0')}${day}${sequence}`);
}
export const cityName = (i: number) => `测试居民${i}`;
export const cityHouseCode = (i: number) => `CH${String(i + 1).padStart(7, '0')}`;

type Sizes = { houses: number; people: number; declarations: number; reports: number };
type Row = Record<string, string | number | boolean | null>;

/** Modular inverse, so the report that names person p can be found while visiting p. */
function inverse(a: number, m: number): number {
  let [t, newT, r, newR] = [0n, 1n, BigInt(m), BigInt(a)];
  while (newR !== 0n) { const q = r / newR; [t, newT] = [newT, t - q * newT]; [r, newR] = [newR, r - q * newR]; }
  return Number(((t % BigInt(m)) + BigInt(m)) % BigInt(m));
}

/** Writes rows for one table: CSV files for LOAD DATA on MariaDB, batched INSERTs on SQLite. */
export function tableWriter(db: Database, dir: string, table: string, columns: string[]) {
  const mysql = db.dialect === 'mysql';
  const file = path.join(dir, `${table}.csv`);
  const out = mysql ? fs.createWriteStream(file) : null;
  let batch: Row[] = [];
  let pending: Promise<unknown> = Promise.resolve();
  const esc = (v: Row[string]) => (v === null ? '\\N' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v).replace(/[\t\n\\]/g, ' '));
  return {
    async add(row: Row) {
      if (out) {
        if (!out.write(`${columns.map((c) => esc(row[c])).join('\t')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
        return;
      }
      batch.push(row);
      if (batch.length >= 2000) { const rows = batch; batch = []; await pending; pending = db.sequelize.getQueryInterface().bulkInsert(table, rows); }
    },
    async finish(load: (file: string, table: string, columns: string[]) => Promise<void>) {
      if (out) { await new Promise<void>((r) => out.end(() => r())); await load(file, table, columns); fs.rmSync(file, { force: true }); return; }
      await pending;
      if (batch.length) await db.sequelize.getQueryInterface().bulkInsert(table, batch);
    },
  };
}

export async function seedCityResidence(db: Database, pii: PiiCipher, options: { sizes?: Partial<Sizes>; log?: (s: string) => void } = {}) {
  const sizes: Sizes = { houses: CITY_HOUSES, people: CITY_PEOPLE, declarations: CITY_DECLARATIONS, reports: CITY_RENTAL_REPORTS, ...options.sizes };
  const log = options.log ?? (() => {});
  const { House, Grid, Region, Unit } = db.models;
  if (await House.count({ where: { code: { [Op.like]: 'CH%' } } }) >= sizes.houses) return { seeded: false, ...sizes, seconds: 0 };
  const started = Date.now();
  const grids = await Grid.findAll({ where: { code: { [Op.like]: 'C%' } }, attributes: ['id', 'regionId'], order: [['id', 'ASC']], raw: true });
  if (!grids.length) throw new Error('seed the city grids first (seedCity)');
  const paths = new Map((await Region.findAll({ where: { id: [...new Set(grids.map((g) => g.regionId))] }, attributes: ['id', 'path'], raw: true })).map((r) => [r.id, r.path]));
  // Each street's law-enforcement office, where collision events are dispatched.
  const streets = await Region.findAll({ where: { level: 'street', code: { [Op.like]: 'CITY-%' } }, attributes: ['id', 'code', 'name'], raw: true });
  await Unit.bulkCreate(streets.map((s) => ({ code: `${s.code}-CG`, name: `${s.name}城市管理办公室`, type: 'city_management' as const, regionId: s.id, phone: null })), { ignoreDuplicates: true });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-city-residence-'));
  let loader: { load(file: string, table: string, columns: string[]): Promise<void>; close(): Promise<void> } | null = null;
  if (db.dialect === 'mysql') {
    const { createConnection } = await import('mysql2/promise');
    const c = db.sequelize.config;
    const conn = await createConnection({
      host: c.host, port: Number(c.port), user: c.username, password: c.password ?? undefined, database: c.database,
      infileStreamFactory: (file: string) => fs.createReadStream(file), flags: ['+LOCAL_FILES'],
    } as never);
    await conn.query('SET foreign_key_checks = 0, unique_checks = 0');
    loader = {
      async load(file, table, columns) {
        await conn.query({ sql: `LOAD DATA LOCAL INFILE ? INTO TABLE \`${table}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (${columns.map((x) => `\`${x}\``).join(', ')})`, values: [file] } as never);
      },
      close: () => conn.end(),
    };
  }
  const load = async (file: string, table: string, columns: string[]) => loader!.load(file, table, columns);
  try {
    const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
    const today = now.slice(0, 10);
    const perGrid = Math.ceil(sizes.houses / grids.length);
    const gridOf = (house: number) => grids[Math.min(grids.length - 1, Math.floor(house / perGrid))];

    const houseColumns = ['code', 'address', 'building', 'floor', 'room', 'use', 'capacity', 'grid_id', 'region_id', 'region_path', 'flagged', 'colour', 'occupants', 'created_at', 'updated_at'];
    const houses = tableWriter(db, dir, 'houses', houseColumns);
    for (let i = 0; i < sizes.houses; i++) {
      const g = gridOf(i);
      const building = Math.floor((i % perGrid) / 20) + 1;
      await houses.add({
        code: cityHouseCode(i), address: `规模测试市测试网格${g.id}第${building}栋${(i % 20) + 101}室`, building: `G${g.id}-${building}`, floor: Math.floor((i % 20) / 4) + 1,
        room: String((i % 20) + 101), use: 'rental', capacity: 4, grid_id: g.id, region_id: g.regionId, region_path: paths.get(g.regionId)!, flagged: false,
        colour: 'none', occupants: 0, created_at: now, updated_at: now,
      });
    }
    await houses.finish(load);
    log(`  houses: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const [{ first }] = await db.sequelize.query<{ first: number }>(`SELECT MIN(id) AS ${db.sequelize.getQueryInterface().quoteIdentifier('first')} FROM houses WHERE code LIKE 'CH%'`, { type: QueryTypes.SELECT });

    // Person p < declarations is declared at house (7p) mod (⅔ of the houses); the last third stays empty.
    const declaredHouse = (p: number) => (p * 7) % Math.floor(sizes.houses * 2 / 3);
    const validUntil = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    const inv13 = inverse(13, sizes.declarations);
    const population = tableWriter(db, dir, 'population_records', ['id_hash', 'id_cipher', 'name', 'created_at', 'updated_at']);
    const declarations = tableWriter(db, dir, 'declarations', ['house_id', 'grid_id', 'region_path', 'id_hash', 'id_cipher', 'id_masked', 'name', 'sex', 'birth_date', 'move_in_date', 'status', 'valid_until', 'risks', 'evidence_seq', 'created_at', 'updated_at']);
    const reportColumns = ['house_id', 'id_hash', 'id_cipher', 'id_masked', 'occupancy', 'source', 'reported_on', 'created_at'];
    const reports = tableWriter(db, dir, 'rental_reports', reportColumns);
    const SOURCES = ['police', 'family_planning', 'mediation', 'safety', 'utilities'];
    for (let p = 0; p < sizes.people; p++) {
      const id = cityIdNumber(p);
      const sealed = { hash: pii.index(id), cipher: pii.encrypt(id), masked: maskIdNumber(id) };
      await population.add({ id_hash: sealed.hash, id_cipher: sealed.cipher, name: cityName(p), created_at: now, updated_at: now });
      if (p < sizes.declarations) {
        const h = declaredHouse(p), g = gridOf(h);
        await declarations.add({
          house_id: first + h, grid_id: g.id, region_path: paths.get(g.regionId)!, id_hash: sealed.hash, id_cipher: sealed.cipher, id_masked: sealed.masked, name: cityName(p),
          sex: 'male', birth_date: '1990-01-01', move_in_date: '2026-01-01', status: 'accepted', valid_until: validUntil, risks: '[]', evidence_seq: 0, created_at: now, updated_at: now,
        });
        // The report that agrees with this declaration: report j names person (13 j) mod declarations.
        const j = Number((BigInt(p) * BigInt(inv13)) % BigInt(sizes.declarations));
        if (j < sizes.reports && j % 200 > 2) {
          await reports.add({ house_id: first + h, id_hash: sealed.hash, id_cipher: sealed.cipher, id_masked: sealed.masked, occupancy: 'occupied', source: SOURCES[j % 5], reported_on: today, created_at: now });
        }
      } else {
        // Reports j with j mod 200 in {1, 2} name person declarations + j, who never declared, at a declared house.
        const j = p - sizes.declarations;
        if (j < sizes.reports && (j % 200 === 1 || j % 200 === 2)) {
          await reports.add({ house_id: first + declaredHouse(j), id_hash: sealed.hash, id_cipher: sealed.cipher, id_masked: sealed.masked, occupancy: 'occupied', source: SOURCES[j % 5], reported_on: today, created_at: now });
        }
      }
    }
    // Reports j with j mod 200 = 0: utilities say a declared house is vacant.
    for (let j = 0; j < sizes.reports; j += 200) {
      await reports.add({ house_id: first + declaredHouse(j), id_hash: null, id_cipher: null, id_masked: null, occupancy: 'vacant', source: 'utilities', reported_on: today, created_at: now });
    }
    await population.finish(load);
    await declarations.finish(load);
    await reports.finish(load);
    log(`  people, declarations, reports: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // The colours the seeded declarations give, so the per-grid figures start true.
    await db.sequelize.query(`UPDATE houses SET colour = 'green' WHERE code LIKE 'CH%' AND id IN (SELECT DISTINCT house_id FROM declarations)`);
  } finally {
    await loader?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { seeded: true, ...sizes, seconds: (Date.now() - started) / 1000 };
}
