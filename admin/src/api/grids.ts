// Grids: the small patches of a community that one grid worker looks after.
import { request } from './client';

export interface Grid {
  id: number;
  code: string;
  name: string;
  regionId: number;
  communityName: string;
  streetName: string;
  areaKm2: number;
}

export interface GridQuery {
  regionId?: number;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface GridPage {
  items: Grid[];
  total: number;
  page: number;
  pageSize: number;
}

export function listGrids(query: GridQuery = {}, signal?: AbortSignal): Promise<GridPage> {
  return request<GridPage>('/grids', { query: { ...query }, signal });
}

/** GCJ-02 is what WeChat and AMap report inside China; WGS-84 is raw GPS. */
export type CoordSystem = 'gcj02' | 'wgs84';

export interface LocatedGrid {
  grid: Omit<Grid, 'areaKm2'>;
  /** The point converted to WGS-84. */
  point: { lat: number; lng: number };
}

export function locateGrid(
  point: { lat: number; lng: number; coordSystem: CoordSystem },
  signal?: AbortSignal,
): Promise<LocatedGrid> {
  return request<LocatedGrid>('/grids/locate', { query: { ...point }, signal });
}
