// Keeps a GridIndex, and each grid's names, built from the grids table, and rebuilds them when the table
// changes. A look-up then needs no query at all. Each instance holds its own copy (derived data, safe to
// lose); a cheap revision query every few seconds notices grids changed through another instance.
import { fn, col } from 'sequelize';
import type { Clock } from '../../clock';
import { GridIndex } from './grid-index';
import type { GridModels } from './model';

export interface GridPlace { id: number; code: string; name: string; regionId: number; communityName: string; streetName: string }

interface Snapshot { index: GridIndex; places: Map<number, GridPlace> }

export class GridLocator {
  private snapshot: Snapshot | null = null;
  private revision = '';
  private checkedAt = 0;
  private loading: Promise<Snapshot> | null = null;

  constructor(private readonly models: Pick<GridModels, 'Grid' | 'Region'>, private readonly clock: Clock, private readonly recheckMs = 10_000) {}

  /** The grid containing a WGS-84 point, or null outside every grid. */
  async locate(lng: number, lat: number): Promise<GridPlace | null> {
    const { index, places } = await this.current();
    const id = index.locate(lng, lat);
    return id === null ? null : places.get(id) ?? null;
  }

  /** A grid's names by id, from the same snapshot (lists and details need no query for them). */
  async places(ids: number[]): Promise<Map<number, GridPlace>> {
    const { places } = await this.current();
    return new Map(ids.map((id) => [id, places.get(id)]).filter((e): e is [number, GridPlace] => Boolean(e[1])));
  }

  /** One grid's names by id (an event's detail). */
  async place(id: number): Promise<GridPlace | undefined> {
    return (await this.current()).places.get(id);
  }

  /** Forget the snapshot: the next look-up reloads (after a grid is created or edited here). */
  invalidate(): void { this.checkedAt = 0; this.revision = ''; }

  private async current(): Promise<Snapshot> {
    const now = this.clock.now().getTime();
    if (this.snapshot && now - this.checkedAt < this.recheckMs) return this.snapshot;
    if (!this.loading) this.loading = this.refresh(now).finally(() => { this.loading = null; });
    return this.loading;
  }

  private async refresh(now: number): Promise<Snapshot> {
    const { Grid, Region } = this.models;
    const [row] = await Grid.findAll({ attributes: [[fn('COUNT', col('id')), 'n'], [fn('MAX', col('updated_at')), 'latest']], raw: true }) as unknown as { n: number; latest: unknown }[];
    const revision = `${row.n}:${String(row.latest)}`;
    if (!this.snapshot || revision !== this.revision) {
      const [grids, regions] = await Promise.all([
        Grid.findAll({ attributes: ['id', 'code', 'name', 'regionId', 'polygon'], raw: true }),
        Region.findAll({ attributes: ['id', 'name', 'parentId'], raw: true }),
      ]);
      const regionById = new Map(regions.map((r) => [r.id, r]));
      const places = new Map<number, GridPlace>();
      for (const g of grids) {
        const community = regionById.get(g.regionId);
        const street = community?.parentId ? regionById.get(community.parentId) : undefined;
        places.set(g.id, { id: g.id, code: g.code, name: g.name, regionId: g.regionId, communityName: community?.name ?? '', streetName: street?.name ?? '' });
      }
      const index = new GridIndex(grids.map((g) => ({ id: g.id, polygon: typeof g.polygon === 'string' ? JSON.parse(g.polygon) : g.polygon })));
      this.snapshot = { index, places };
      this.revision = revision;
    }
    this.checkedAt = now;
    return this.snapshot;
  }
}
