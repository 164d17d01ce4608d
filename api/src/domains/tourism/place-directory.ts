// The places a nearby search looks in, kept in memory (PlaceIndex) and refreshed from the database: every
// `recheckMs` a read asks for the rows whose revision is newer than the newest it holds (one indexed range
// read, empty nearly always), merges them and rebuilds the index when anything changed. Reads meanwhile use the snapshot they have, so a search never
// waits for a refresh except the first one and the one after this process changed a place itself. Another
// instance's edit (or a complaint counted there) shows here within `recheckMs`.
import { Op } from 'sequelize';
import type { Clock } from '../../clock';
import { JsonBytes } from '../../http/json-bytes';
import { toGcj02 } from '../grid';
import { PlaceIndex } from './place-index';
import { parseOpeningHours, type HoursRange } from './rules';
import type { IslandAttrs, PlaceAttrs, TourismModels } from './model';
import { PLACE_KINDS } from './vocabulary';

export interface DirectoryPlace extends PlaceAttrs {
  gcj02: { lat: number; lng: number }; hours: HoursRange[] | null; islandCode: string; islandName: string;
}

/**
 * What the nearby search holds of a place: its position and kind for the index, its opening hours, and its
 * view as UTF-8 JSON without the closing brace (a search appends openNow and the distance). Only this, not the
 * whole row: 50,000 of them live for the life of the process, and every full garbage collection walks them.
 */
export interface SearchPlace { id: number; lat: number; lng: number; kind: string; active: boolean; hours: HoursRange[] | null; head: Buffer }

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A stored WGS-84 point as the phone's map wants it: GCJ-02, to six decimals (about 10 cm). */
export function roundedGcj02(p: { lat: number; lng: number }): { lat: number; lng: number } {
  const gcj = toGcj02(p);
  return { lat: round6(gcj.lat), lng: round6(gcj.lng) };
}

/** What anyone may read of a place, but whether it is open now (that depends on the minute). */
export function placeStaticView(p: DirectoryPlace) {
  return {
    code: p.code, name: p.name, kind: p.kind, kindName: PLACE_KINDS[p.kind] ?? p.kind, island: { code: p.islandCode, name: p.islandName },
    lat: round6(p.lat), lng: round6(p.lng), gcj02: p.gcj02, address: p.address, phone: p.phone, openingHours: p.openingHours,
    complaintCount: p.complaintCount, active: p.active,
  };
}

/** A place as stored, made ready for views and searches. */
export function directoryPlace(row: PlaceAttrs, island: IslandAttrs | undefined): DirectoryPlace {
  const place = {
    ...row, active: Boolean(row.active), gcj02: roundedGcj02(row), hours: row.openingHours ? parseOpeningHours(row.openingHours) : null,
    islandCode: island?.code ?? '', islandName: island?.name ?? '',
  };
  return place;
}

export function searchPlace(row: PlaceAttrs, island: IslandAttrs | undefined): SearchPlace {
  const place = directoryPlace(row, island);
  return { id: place.id, lat: place.lat, lng: place.lng, kind: place.kind, active: place.active, hours: place.hours, head: JsonBytes.piece(JSON.stringify(placeStaticView(place)).slice(0, -1)) };
}

interface Snapshot { index: PlaceIndex<SearchPlace>; byId: Map<number, SearchPlace>; islands: Map<number, IslandAttrs>; revision: number }

export class PlaceDirectory {
  private snapshot: Snapshot | null = null;
  private checkedAt = 0;
  private stale = true;
  private loading: Promise<Snapshot> | null = null;

  constructor(private readonly models: Pick<TourismModels, 'Place' | 'Island'>, private readonly clock: Clock, private readonly recheckMs = 5_000) {}

  /** The current snapshot; waits only when there is none or this process changed places since it was taken. */
  async current(): Promise<Snapshot> {
    if (this.snapshot && !this.stale) {
      if (this.clock.now().getTime() - this.checkedAt >= this.recheckMs && !this.loading) {
        // Refresh behind the reader's back; a failure keeps the old snapshot and is tried again on the next read.
        this.loading = this.refresh().catch(() => this.snapshot!).finally(() => { this.loading = null; });
      }
      return this.snapshot;
    }
    if (!this.loading) this.loading = this.refresh().finally(() => { this.loading = null; });
    return this.loading;
  }

  /** After a change made here (create, edit, import, a complaint counted): the next read waits for fresh rows. */
  invalidate(): void { this.stale = true; }

  private async refresh(): Promise<Snapshot> {
    const { Place, Island } = this.models;
    const startedAt = this.clock.now().getTime();
    this.stale = false;
    const previous = this.snapshot;
    const islands = new Map((await Island.findAll({ raw: true })).map((i) => [i.id, i]));
    const rows = await Place.findAll({ where: previous ? { revision: { [Op.gt]: previous.revision } } : {}, raw: true });
    const changed = !previous || rows.length > 0 || previous.islands.size !== islands.size;
    if (!changed) {
      // Nothing new (nearly always): keep the snapshot as it is, allocating nothing.
      this.checkedAt = startedAt;
      return this.snapshot!;
    }
    const byId = previous ? new Map(previous.byId) : new Map<number, SearchPlace>();
    let revision = previous?.revision ?? 0;
    for (const row of rows) {
      revision = Math.max(revision, row.revision);
      byId.set(row.id, searchPlace(row, islands.get(row.islandId)));
    }
    this.snapshot = { index: new PlaceIndex(byId.values()), byId, islands, revision };
    this.checkedAt = startedAt;
    return this.snapshot;
  }
}

