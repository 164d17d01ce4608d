// Keeps a GridIndex built from the grids table and rebuilds it when the table changes. Each instance
// holds its own copy (derived data, safe to lose); a cheap revision query every few seconds notices
// grids changed through another instance.
import { fn, col } from 'sequelize';
import type { Clock } from '../../clock';
import { GridIndex } from './grid-index';
import type { GridModel } from './model';

export class GridLocator {
  private index: GridIndex | null = null;
  private revision = '';
  private checkedAt = 0;
  private loading: Promise<GridIndex> | null = null;

  constructor(private readonly Grid: GridModel, private readonly clock: Clock, private readonly recheckMs = 10_000) {}

  async current(): Promise<GridIndex> {
    const now = this.clock.now().getTime();
    if (this.index && now - this.checkedAt < this.recheckMs) return this.index;
    if (!this.loading) this.loading = this.refresh(now).finally(() => { this.loading = null; });
    return this.loading;
  }

  /** Forget the index: the next look-up reloads (after a grid is created or edited here). */
  invalidate(): void { this.checkedAt = 0; this.revision = ''; }

  private async refresh(now: number): Promise<GridIndex> {
    const [row] = await this.Grid.findAll({ attributes: [[fn('COUNT', col('id')), 'n'], [fn('MAX', col('updated_at')), 'latest']], raw: true }) as unknown as { n: number; latest: unknown }[];
    const revision = `${row.n}:${String(row.latest)}`;
    if (!this.index || revision !== this.revision) {
      const grids = await this.Grid.findAll({ attributes: ['id', 'polygon'], raw: true });
      this.index = new GridIndex(grids.map((g) => ({ id: g.id, polygon: typeof g.polygon === 'string' ? JSON.parse(g.polygon) : g.polygon })));
      this.revision = revision;
    }
    this.checkedAt = now;
    return this.index;
  }
}
