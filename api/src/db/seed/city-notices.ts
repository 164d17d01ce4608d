// Facts about 5.28 million people (the city's population base) for the targeted-notices benchmark: one
// people row (a WeChat account) and one resident_facts row each, spread over the demo's regions, grids and
// islands. Birth dates run from 1930 to 2020, so that about one person in 3,300 turns 60 in any given
// week; 40 % have declared their residence, 25 % are insured (2 % of them in arrears), 0.5 % visited an
// island this week and 10 % subscribe to a topic. Deterministic (a seeded generator), so runs compare.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../models';
import { tableWriter } from './city-residence';

export const CITY_NOTICE_PEOPLE = 5_280_000;
const TOPICS = ['weather_alert', 'elderly_services', 'community_activities', 'policy_updates'];

function generator(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

export async function seedCityNoticeFacts(db: Database, options: { people?: number; today: string; log?: (s: string) => void }): Promise<{ seeded: boolean; people: number; seconds: number }> {
  const people = options.people ?? CITY_NOTICE_PEOPLE;
  const { Person, Region, Grid, Island } = db.models;
  if (await Person.count() >= people) return { seeded: false, people, seconds: 0 };
  const started = Date.now();
  const communities = await Region.findAll({ where: { level: 'community' }, attributes: ['id', 'path'], raw: true });
  const grids = await Grid.findAll({ attributes: ['code', 'regionId'], raw: true });
  const gridsOf = new Map<number, string[]>();
  for (const g of grids) gridsOf.set(g.regionId, [...(gridsOf.get(g.regionId) ?? []), g.code]);
  const homes = communities.filter((c) => gridsOf.has(c.id)).map((c) => ({ path: c.path, grids: gridsOf.get(c.id)! }));
  const islands = await Island.findAll({ attributes: ['code', 'regionId'], raw: true });
  const islandPaths = new Map((await Region.findAll({ where: { id: islands.map((i) => i.regionId) }, attributes: ['id', 'path'], raw: true })).map((r) => [r.id, r.path]));
  if (!homes.length) throw new Error('seed the demo regions and grids first (seedDemo)');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-city-notices-'));
  let conn: { query(q: unknown): Promise<unknown>; end(): Promise<void> } | null = null as { query(q: unknown): Promise<unknown>; end(): Promise<void> } | null;
  if (db.dialect === 'mysql') {
    const { createConnection } = await import('mysql2/promise');
    const c = db.sequelize.config;
    conn = (await createConnection({ host: c.host, port: Number(c.port), user: c.username, password: c.password ?? undefined, database: c.database, infileStreamFactory: (file: string) => fs.createReadStream(file), flags: ['+LOCAL_FILES'] } as never)) as unknown as { query(q: unknown): Promise<unknown>; end(): Promise<void> };
    await conn.query('SET foreign_key_checks = 0, unique_checks = 0');
  }
  if (db.dialect === 'sqlite') {
    // Generated data that a failed run simply regenerates: no fsync per batch, and a cache that holds the
    // indexes (random birth dates insert all over the birth-date index).
    await db.sequelize.query('PRAGMA synchronous = OFF');
    await db.sequelize.query('PRAGMA cache_size = -1048576');
  }
  const load = async (file: string, table: string, columns: string[]) => {
    await conn!.query({ sql: `LOAD DATA LOCAL INFILE ? INTO TABLE \`${table}\` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' (${columns.map((x) => `\`${x}\``).join(', ')})`, values: [file] });
  };
  try {
    const now = new Date().toISOString().slice(0, 23).replace('T', ' ');
    const personCols = ['id', 'openid', 'created_at', 'updated_at'];
    const factCols = ['person_id', 'birth_date', 'sex', 'region_path', 'island_region_path', 'grid_code', 'declared', 'declaration_valid_until', 'insured', 'arrears_months', 'island_code', 'island_seen_on', 'open_events', 'topics', 'refreshed_at'];
    const peopleOut = tableWriter(db, dir, 'people', personCols);
    const factsOut = tableWriter(db, dir, 'resident_facts', factCols);
    const random = generator(5280);
    const first = Number((await Person.max('id')) ?? 0) + 1;
    const base = Date.UTC(1930, 0, 1), span = Date.UTC(2020, 11, 31) - base;
    const day = (offset: number) => new Date(Date.UTC(+options.today.slice(0, 4), +options.today.slice(5, 7) - 1, +options.today.slice(8, 10)) + offset * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < people; i++) {
      const id = first + i;
      const home = homes[Math.floor(random() * homes.length)];
      const declared = random() < 0.4, insured = random() < 0.25, visitor = random() < 0.005, subscriber = random() < 0.1;
      const island = visitor ? islands[Math.floor(random() * islands.length)] : null;
      await peopleOut.add({ id, openid: `dev-c${id}`, created_at: now, updated_at: now });
      await factsOut.add({
        person_id: id, birth_date: new Date(base + Math.floor(random() * span / 86_400_000) * 86_400_000).toISOString().slice(0, 10), sex: random() < 0.5 ? 'male' : 'female',
        region_path: declared ? home.path : null, island_region_path: island ? islandPaths.get(island.regionId) ?? null : null,
        grid_code: declared ? home.grids[Math.floor(random() * home.grids.length)] : null, declared, declaration_valid_until: declared ? day(Math.floor(random() * 365)) : null,
        insured, arrears_months: insured && random() < 0.02 ? 1 + Math.floor(random() * 6) : 0, island_code: island?.code ?? null, island_seen_on: island ? day(-Math.floor(random() * 7)) : null,
        open_events: random() < 0.02 ? 1 : 0, topics: subscriber ? `,${TOPICS[Math.floor(random() * TOPICS.length)]},` : '', refreshed_at: now,
      });
      if (options.log && (i + 1) % 1_000_000 === 0) options.log(`  ${(i + 1).toLocaleString('en')} people written`);
    }
    await peopleOut.finish(load);
    await factsOut.finish(load);
    return { seeded: true, people, seconds: (Date.now() - started) / 1000 };
  } finally {
    if (db.dialect === 'sqlite') await db.sequelize.query('PRAGMA synchronous = FULL');
    await conn?.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
