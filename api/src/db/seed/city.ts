// City-scale generator: a city of 10 districts, their streets and communities, and 16,417 grids, so that
// the grid look-up (and, in later issues, every other city-wide query) can be measured at real size.
import { SingleBar, Presets } from 'cli-progress';
import { Op } from 'sequelize';
import { areaKm2, boundingBox, type RegionLevel } from '../../domains/grid';
import type { GridAttrs } from '../../domains/grid/model';
import { hashRecord, payloadDigest, stateDigest, type EventAttrs, type EvidenceAttrs, type EvidenceRecord } from '../../domains/events';
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

export const CITY_EVENT_COUNT = 180_000;

/**
 * Events at city scale (for the event-detail benchmark): spread over the city's grids and the last 180
 * days, each with a valid one-record evidence chain, so reads do the same work as on real data.
 */
export async function seedCityEvents(db: Database, options: { count?: number; progress?: boolean } = {}): Promise<{ seeded: boolean; events: number }> {
  const { Event, Evidence, Category, Grid, Region, Person } = db.models;
  const count = options.count ?? CITY_EVENT_COUNT;
  const existing = await Event.count({ where: { code: { [Op.like]: 'CS-%' } } });
  if (existing >= count) return { seeded: false, events: existing };
  const categories = await Category.findAll({ raw: true });
  const grids = await Grid.findAll({ where: { code: { [Op.like]: 'C%' } }, attributes: ['id', 'regionId', 'minLat', 'minLng', 'maxLat', 'maxLng'], raw: true });
  if (!grids.length) throw new Error('seed the city grids first (seedCity)');
  const paths = new Map((await Region.findAll({ attributes: ['id', 'path'], raw: true })).map((r) => [r.id, r.path]));
  const [person] = await Person.findOrCreate({ where: { openid: 'dev-city-reporter' }, defaults: { openid: 'dev-city-reporter' } });
  const reporterId = person.get('id') as number;
  const bar = options.progress ? new SingleBar({ format: '事件 {bar} {value}/{total} ({eta}s)' }, Presets.shades_classic) : null;
  bar?.start(count, existing);
  const start = Date.UTC(2026, 4, 27);
  const perDay = Math.ceil(count / 180);
  for (let n = existing; n < count;) {
    const events: Omit<EventAttrs, 'id' | 'unitId' | 'overdue' | 'escalatedAt' | 'responseDueAt' | 'resolutionDueAt' | 'respondedAt' | 'resolvedAt' | 'closedAt' | 'reporterStaffId' | 'anonymous' | 'mergedIntoId' | 'rating' | 'ratingComment' | 'reviewRequested' | 'textVisibility'>[] = [];
    const evidence: Omit<EvidenceAttrs, 'id' | 'eventId'>[] = [];
    const size = Math.min(2000, count - n);
    for (let i = 0; i < size; i++, n++) {
      const day = Math.floor(n / perDay);
      const created = new Date(start + day * 86400_000 + (n % perDay) * 1000);
      const grid = grids[(n * 7919) % grids.length];
      const category = categories[n % categories.length];
      const event = {
        code: `CS-${created.toISOString().slice(0, 10).replace(/-/g, '')}-${String((n % perDay) + 1).padStart(6, '0')}`,
        source: 'resident_report' as const, categoryId: category.id, level: category.level, description: `规模测试事件 ${n + 1}：${category.name}`,
        lat: (grid.minLat + grid.maxLat) / 2, lng: (grid.minLng + grid.maxLng) / 2, address: null, gridId: grid.id, regionId: grid.regionId,
        regionPath: paths.get(grid.regionId)!, status: 'reported' as const, reporterId, createdAt: created, updatedAt: created,
      };
      // The evidence names the event by code, not id, so its hash is known before the event row exists.
      const payload = { category: category.code, description: event.description };
      const record: EvidenceRecord = {
        event: event.code, seq: 1, action: 'report', actor: { kind: 'resident', id: reporterId, role: 'reporter' }, from: null, to: 'reported',
        at: created.toISOString(), payloadDigest: payloadDigest(payload), attachments: [], prevHash: null,
        stateDigest: stateDigest({ ...event, unitId: null, overdue: false, responseDueAt: null, resolutionDueAt: null, reporterStaffId: null, anonymous: false, mergedIntoId: null, rating: null, ratingComment: null }),
      };
      const hash = hashRecord(record);
      events.push({ ...event, evidenceSeq: 1, evidenceHead: hash });
      evidence.push({ seq: 1, action: 'report', actorKind: 'resident', actorId: reporterId, actorRole: 'reporter', fromStatus: null, toStatus: 'reported', payload, payloadDigest: record.payloadDigest, attachments: [], stateDigest: record.stateDigest, prevHash: null, hash, at: created });
    }
    await Event.bulkCreate(events);
    const ids = new Map((await Event.findAll({ where: { code: events.map((e) => e.code) }, attributes: ['id', 'code'], raw: true })).map((r) => [r.code, r.id]));
    await Evidence.bulkCreate(evidence.map((e, i) => ({ ...e, eventId: ids.get(events[i].code)! })));
    bar?.update(n);
  }
  bar?.stop();
  return { seeded: true, events: count };
}
