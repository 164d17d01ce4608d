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

  // Scratch state for the look-up in progress: the exact test runs inside flatbush's filter, which then
  // builds no candidate list, and nothing is allocated per look-up on this hot path (JS runs one at a time).
  private readonly point = [0, 0];
  private inside = -1;
  private onBorder = -1;
  private readonly test = (i: number): boolean => {
    if (this.inside < 0) {
      const hit = pointInPolygon(this.point, this.grids[i].polygon);
      if (hit === true) this.inside = i;
      else if (hit === 0 && (this.onBorder < 0 || i < this.onBorder)) this.onBorder = i;
    }
    return false;
  };

  /** The id of the grid containing (lng, lat) in WGS-84, or null outside every grid. */
  locate(lng: number, lat: number): number | null {
    if (!this.tree) return null;
    this.point[0] = lng;
    this.point[1] = lat;
    this.inside = -1;
    this.onBorder = -1;
    this.tree.search(lng, lat, lng, lat, this.test);
    // Grids are sorted by id, so among border hits the smallest index is the smallest id.
    const found = this.inside >= 0 ? this.inside : this.onBorder;
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
