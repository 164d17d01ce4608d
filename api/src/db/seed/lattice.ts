// Real-looking grid polygons: a lattice of cells whose shared corners and edge midpoints are jittered
// deterministically, so neighbours share borders exactly (no gaps, no overlaps) and every cell is an
// irregular octagon, like the hand-drawn grids of a street office.
import type { PolygonCoords } from '../../domains/grid';

export interface LatticeSpec { originLat: number; originLng: number; cellDeg: number; cols: number; rows: number; seed: number }
export interface LatticeCell { col: number; row: number; polygon: PolygonCoords }

function random(seed: number, a: number, b: number): number {
  // mulberry32 over a hash of the inputs: the same vertex gets the same jitter from both of its cells.
  let t = (Math.imul(a, 73856093) ^ Math.imul(b, 19349663) ^ Math.imul(seed, 83492791)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

export function latticeCell(spec: LatticeSpec, col: number, row: number): PolygonCoords {
  const { originLat, originLng, cellDeg: d, seed } = spec;
  const corner = (i: number, j: number): [number, number] => {
    const edge = i === 0 || j === 0 || i === spec.cols || j === spec.rows;
    const jx = edge ? 0 : (random(seed, i * 2, j * 2) - 0.5) * 0.36 * d;
    const jy = edge ? 0 : (random(seed + 1, i * 2, j * 2) - 0.5) * 0.36 * d;
    return [round7(originLng + i * d + jx), round7(originLat + j * d + jy)];
  };
  // A midpoint between two corners, pushed sideways by an amount keyed on the edge itself.
  const midpoint = (a: [number, number], b: [number, number], i2: number, j2: number, outer: boolean): [number, number] => {
    const k = outer ? 0 : (random(seed + 2, i2, j2) - 0.5) * 0.24 * d;
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    return [round7((a[0] + b[0]) / 2 - (dy / len) * k), round7((a[1] + b[1]) / 2 + (dx / len) * k)];
  };
  const sw = corner(col, row), se = corner(col + 1, row), ne = corner(col + 1, row + 1), nw = corner(col, row + 1);
  const south = midpoint(sw, se, col * 2 + 1, row * 2, row === 0);
  const east = midpoint(se, ne, col * 2 + 2, row * 2 + 1, col + 1 === spec.cols);
  const north = midpoint(nw, ne, col * 2 + 1, row * 2 + 2, row + 1 === spec.rows);
  const west = midpoint(sw, nw, col * 2, row * 2 + 1, col === 0);
  // Counter-clockwise outer ring, closed, as GeoJSON expects.
  return [[sw, south, se, east, ne, north, nw, west, sw]];
}

export function* lattice(spec: LatticeSpec, limit = spec.cols * spec.rows): Generator<LatticeCell> {
  let n = 0;
  for (let row = 0; row < spec.rows; row++) {
    for (let col = 0; col < spec.cols; col++) {
      if (n++ >= limit) return;
      yield { col, row, polygon: latticeCell(spec, col, row) };
    }
  }
}
