// City-scale generator: a city of 10 districts, their streets and communities, and 16,417 grids, so that
// the grid look-up (and, in later issues, every other city-wide query) can be measured at real size.
import { SingleBar, Presets } from 'cli-progress';
import { Op } from 'sequelize';
import { areaKm2, boundingBox, type RegionLevel } from '../../domains/grid';
import type { GridAttrs } from '../../domains/grid/model';
import { createRegion, type RegionRef } from './regions';
import type { Database } from '../models';
import { lattice, type LatticeSpec } from './lattice';

export const CITY_GRID_COUNT = 16_417;
// East of the demo district, so the two never overlap.
export const CITY_LATTICE: LatticeSpec = { originLat: 22.6, originLng: 114.0, cellDeg: 0.004, cols: 129, rows: 128, seed: 4404 };

export async function seedCity(db: Database, options: { progress?: boolean } = {}): Promise<{ seeded: boolean; grids: number }> {
  const { Region, Grid } = db.models;
  if (await Region.findOne({ where: { code: 'CITY' } })) return { seeded: false, grids: await Grid.count({ where: { code: { [Op.like]: 'C%' } } }) };
  const bar = options.progress ? new SingleBar({ format: '网格 {bar} {value}/{total} ({eta}s)' }, Presets.shades_classic) : null;
  const region = (code: string, name: string, level: RegionLevel, parent: RegionRef | null) => createRegion(Region, code, name, level, parent);
  const city = await region('CITY', '规模测试市', 'city', null);
  // 10 districts × 8 streets × 8 communities; each community takes a consecutive block of grids.
  const communities: number[] = [];
  for (let d = 1; d <= 10; d++) {
    const district = await region(`CITY-${d}`, `测试${d}区`, 'district', city);
    for (let s = 1; s <= 8; s++) {
      const street = await region(`CITY-${d}-${s}`, `测试${d}区${s}街道`, 'street', district);
      for (let c = 1; c <= 8; c++) communities.push((await region(`CITY-${d}-${s}-${c}`, `测试${d}-${s}-${c}社区`, 'community', street)).id);
    }
  }
  const perCommunity = Math.ceil(CITY_GRID_COUNT / communities.length);
  bar?.start(CITY_GRID_COUNT, 0);
  let batch: Omit<GridAttrs, 'id' | 'createdAt' | 'updatedAt'>[] = [];
  let n = 0;
  for (const { polygon } of lattice(CITY_LATTICE, CITY_GRID_COUNT)) {
    const community = communities[Math.floor(n / perCommunity)];
    batch.push({ code: `C${String(n + 1).padStart(5, '0')}`, name: `测试网格${n + 1}`, regionId: community, polygon, ...boundingBox(polygon), areaKm2: areaKm2(polygon) });
    n++;
    if (batch.length === 1000) { await Grid.bulkCreate(batch); bar?.update(n); batch = []; }
  }
  if (batch.length) await Grid.bulkCreate(batch);
  bar?.update(n);
  bar?.stop();
  return { seeded: true, grids: n };
}
