// Point → grid: a packed R-tree (flatbush) over the grids' bounding boxes, then an exact point-in-polygon
// test on the few candidates. Boundaries count as inside; a point on a shared border belongs to the grid
// with the smaller id, so the answer is the same on every instance.
import Flatbush from 'flatbush';
import pointInPolygon from 'point-in-polygon-hao';
import { boundingBox, type PolygonCoords } from './geo';

export interface IndexedGrid { id: number; polygon: PolygonCoords }

export class GridIndex {
  private readonly tree: Flatbush | null;
  private readonly grids: IndexedGrid[];

  constructor(grids: IndexedGrid[]) {
    this.grids = [...grids].sort((a, b) => a.id - b.id);
    if (this.grids.length === 0) { this.tree = null; return; }
    const tree = new Flatbush(this.grids.length);
    for (const g of this.grids) {
      const b = boundingBox(g.polygon);
      tree.add(b.minLng, b.minLat, b.maxLng, b.maxLat);
    }
    tree.finish();
    this.tree = tree;
  }

  get size(): number { return this.grids.length; }

  /** The id of the grid containing (lng, lat) in WGS-84, or null outside every grid. */
  locate(lng: number, lat: number): number | null {
    if (!this.tree) return null;
    // The exact test runs inside flatbush's filter, so no candidate list is built on this hot path.
    // Grids are sorted by id, so the smallest index is the smallest id among border hits.
    let inside = -1;
    let onBorder = -1;
    const point = [lng, lat];
    this.tree.search(lng, lat, lng, lat, (i) => {
      if (inside >= 0) return false;
      const hit = pointInPolygon(point, this.grids[i].polygon);
      if (hit === true) inside = i;
      else if (hit === 0 && (onBorder < 0 || i < onBorder)) onBorder = i;
      return false;
    });
    const found = inside >= 0 ? inside : onBorder;
    return found >= 0 ? this.grids[found].id : null;
  }
}

/** The naive scan: the baseline the benchmark compares the index with, and a cross-check in tests. */
export function locateByScan(grids: IndexedGrid[], lng: number, lat: number): number | null {
  let onBorder: number | null = null;
  for (const g of [...grids].sort((a, b) => a.id - b.id)) {
    const inside = pointInPolygon([lng, lat], g.polygon);
    if (inside === true) return g.id;
    if (inside === 0 && onBorder === null) onBorder = g.id;
  }
  return onBorder;
}
