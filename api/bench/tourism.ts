// Island tourist services: the nearby search over 50,000 places (the three demo islands, their places drawn
// around each centre), against bare Koa + raw Sequelize Place.findByPk in the same run, both under the same
// load from the same generator. Goal: ≥ 80 % of the baseline's rate, p99 ≤ 25 ms at 50 connections.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/models';
import { seedDemo } from '../src/db/seed/demo';
import { DEMO_ISLANDS } from '../src/db/seed/islands';
import { placeKinds } from '../src/domains/tourism/vocabulary';
import { describeLoad, load, serve } from './support';

export const BENCH_PLACES = 50_000;

export async function tourismBench(options: { seconds: number }): Promise<string[]> {
  const lines: string[] = [];
  const log = (s: string) => { console.log(s); lines.push(s); };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-bench-tourism-'));
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const db = await openDatabase(url);
  await seedDemo(db);
  const islands = await db.models.Island.findAll({ raw: true });
  let seed = 20261123;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const started = Date.now();
  const have = await db.models.Place.count();
  const now = new Date();
  for (let done = have; done < BENCH_PLACES;) {
    const batch = Array.from({ length: Math.min(2_000, BENCH_PLACES - done) }, (_, i) => {
      const island = islands[(done + i) % islands.length];
      // Spread evenly over a disc of 3 km round the centre: about 600 places a square kilometre, a busy town's density.
      const r = 3_000 * Math.sqrt(random()), a = random() * 2 * Math.PI;
      return {
        code: `BENCH-${done + i}`, name: `商家${done + i}`, kind: placeKinds[Math.floor(random() * placeKinds.length)], islandId: island.id,
        lat: island.lat + (r * Math.cos(a)) / 111_320, lng: island.lng + (r * Math.sin(a)) / (111_320 * Math.cos((island.lat * Math.PI) / 180)),
        address: `${island.name}某路${done + i}号`, phone: '0756-8850000', openingHours: '08:00-22:00', createdAt: now, updatedAt: now,
      };
    });
    await db.models.Place.bulkCreate(batch);
    done += batch.length;
  }
  const total = await db.models.Place.count();
  const ids = (await db.models.Place.findAll({ attributes: ['id'], raw: true })).map((p) => p.id);
  await db.close();
  log(`seeded ${total.toLocaleString('en')} places on ${islands.length} islands into ${db.dialect} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // What tourists ask: a position somewhere on an island, the default 2 km, one kind in half of the searches.
  const paths = Array.from({ length: 5_000 }, () => {
    const island = DEMO_ISLANDS[Math.floor(random() * DEMO_ISLANDS.length)].centre;
    const lat = island.lat + (random() - 0.5) * 0.03, lng = island.lng + (random() - 0.5) * 0.03;
    const kind = random() < 0.5 ? `&kind=${placeKinds[Math.floor(random() * placeKinds.length)]}` : '';
    return `/api/v1/places/nearby?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&radius=2000${kind}`;
  });
  const byIdPaths = Array.from({ length: 5_000 }, () => `/${ids[Math.floor(random() * ids.length)]}`);

  const weave = await serve(['weave', url]);
  const findByPk = await serve(['findbypk', url, 'Place']);
  try {
    // Warm both alike: the first search waits while the directory loads 50,000 places (a second or two), and
    // the JIT needs a few seconds of the real mix; a round must not start inside either.
    for (const [server, warmPaths] of [[weave, paths], [findByPk, byIdPaths]] as const) {
      const first = await fetch(server.url + warmPaths[0]);
      if (!first.ok) throw new Error(`warm-up answered ${first.status}`);
      await load(server.url, warmPaths, 3, { random: true });
    }
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const ratios: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const loadBaseline = () => load(findByPk.url, byIdPaths, options.seconds, { random: true });
      const loadNearby = () => load(weave.url, paths, options.seconds, { random: true });
      let baseline, nearby;
      if (round % 2) { baseline = await loadBaseline(); nearby = await loadNearby(); } else { nearby = await loadNearby(); baseline = await loadBaseline(); }
      ratios.push(nearby.rps / baseline.rps);
      log(`nearby search over ${total.toLocaleString('en')} places, round ${round}/${rounds} (${describeLoad()}, ${options.seconds} s each): raw Sequelize Place.findByPk ${Math.round(baseline.rps)} req/s (p50 ${baseline.p50} ms, p99 ${baseline.p99} ms); GET /api/v1/places/nearby ${Math.round(nearby.rps)} req/s (p50 ${nearby.p50} ms, p99 ${nearby.p99} ms, ${nearby.errors} errors); ratio ${(nearby.rps / baseline.rps * 100).toFixed(0)} % (goal ≥ 80 %, p99 ≤ 25 ms)`);
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    log(`nearby search: median ratio of ${rounds} rounds ${(sorted[Math.floor(sorted.length / 2)] * 100).toFixed(0)} % (range ${(sorted[0] * 100).toFixed(0)}–${(sorted[sorted.length - 1] * 100).toFixed(0)} %)`);
  } finally {
    await weave.close();
    await findByPk.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}
