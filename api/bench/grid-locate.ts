// Grid look-up over 16,417 city-scale grids: the index in-process against a naive scan (baseline), and
// GET /api/v1/grids/locate over HTTP against bare Koa, both measured in the same run.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describeLoad, load, serve } from './support';
import { openDatabase } from '../src/db/models';
import { CITY_GRID_COUNT, CITY_LATTICE, seedCity } from '../src/db/seed/city';
import { lattice } from '../src/db/seed/lattice';
import { GridIndex, locateByScan } from '../src/domains/grid';

const GOAL_LOOKUPS_PER_SECOND = 100_000;

function randomPoints(n: number): [number, number][] {
  const { originLat, originLng, cellDeg, cols } = CITY_LATTICE;
  const rows = Math.ceil(CITY_GRID_COUNT / cols);
  return Array.from({ length: n }, () => [originLng + Math.random() * cols * cellDeg, originLat + Math.random() * rows * cellDeg]);
}

export async function gridLocateBench(options: { seconds: number }): Promise<string[]> {
  const lines: string[] = [];
  const log = (s: string) => { console.log(s); lines.push(s); };

  // 1. In-process: index vs naive scan.
  const grids = [...lattice(CITY_LATTICE, CITY_GRID_COUNT)].map((c, i) => ({ id: i + 1, polygon: c.polygon }));
  let t = process.hrtime.bigint();
  const index = new GridIndex(grids);
  const buildMs = Number(process.hrtime.bigint() - t) / 1e6;
  const points = randomPoints(1_000_000);
  for (let i = 0; i < 50_000; i++) index.locate(points[i][0], points[i][1]); // warm-up
  t = process.hrtime.bigint();
  let found = 0;
  for (const [lng, lat] of points) if (index.locate(lng, lat) !== null) found++;
  const indexRate = points.length / (Number(process.hrtime.bigint() - t) / 1e9);
  const scanPoints = points.slice(0, 1000);
  t = process.hrtime.bigint();
  let disagreements = 0;
  for (const [lng, lat] of scanPoints) if (locateByScan(grids, lng, lat) !== index.locate(lng, lat)) disagreements++;
  const scanRate = scanPoints.length / (Number(process.hrtime.bigint() - t) / 1e9);
  log(`grid index: ${grids.length} grids, built in ${buildMs.toFixed(1)} ms; ${Math.round(indexRate).toLocaleString('en')} look-ups/s (${found} of ${points.length} inside); naive scan ${Math.round(scanRate).toLocaleString('en')}/s; ratio ${(indexRate / scanRate).toFixed(0)}× the scan; goal ≥ ${GOAL_LOOKUPS_PER_SECOND.toLocaleString('en')}/s: ${indexRate >= GOAL_LOOKUPS_PER_SECOND ? 'met' : 'NOT MET'}; disagreements with the scan: ${disagreements}`);

  // 2. Over HTTP: the locate endpoint against bare Koa in the same run.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-bench-'));
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const db = await openDatabase(url);
  const seeded = Date.now();
  await seedCity(db);
  log(`seeded ${CITY_GRID_COUNT} grids into ${db.dialect} in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  await db.close();
  const bareServer = await serve(['bare']);
  const weave = await serve(['weave', url]);
  const paths = randomPoints(10_000).map(([lng, lat]) => `/api/v1/grids/locate?lat=${lat.toFixed(6)}&lng=${lng.toFixed(6)}&coordSystem=wgs84`);
  await load(weave.url, paths.slice(0, 200), 1); // warm the index and the connection pool
  const baseline = await load(bareServer.url, ['/'], options.seconds);
  const locate = await load(weave.url, paths, options.seconds);
  log(`HTTP (${describeLoad()}, each server in its own process, ${options.seconds} s): bare Koa ${Math.round(baseline.rps)} req/s (p50 ${baseline.p50} ms, p99 ${baseline.p99} ms); GET /grids/locate on ${db.dialect} ${Math.round(locate.rps)} req/s (p50 ${locate.p50} ms, p99 ${locate.p99} ms, ${locate.errors} non-2xx incl. 404 outside); ratio ${(locate.rps / baseline.rps).toFixed(2)} of bare Koa`);
  await weave.close();
  await bareServer.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return lines;
}
