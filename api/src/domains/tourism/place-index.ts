// An in-memory spatial index of places for the nearby search: cells of about 220 metres, each holding the
// places inside it. A search reads cells in rings round the point, measures the distance of each place and
// keeps the nearest. Pure: loading it from the database and keeping it fresh is the service's work.
//
// Packed for speed: all places sit in typed arrays (position, kind, id) ordered cell by cell, and a cell is a
// range of that order, so a search walks numbers in contiguous memory instead of chasing objects, and the
// garbage collector has a handful of arrays to mark instead of tens of thousands of objects.

export interface IndexedPlace { id: number; lat: number; lng: number; kind: string; active: boolean }

// Small cells: in a crowded pier-side street the nearest 20 lie within a ring or two of them.
const CELL_DEG = 0.002;
const METRES_PER_DEG_LAT = 111_320;
const RAD = Math.PI / 180;
const EARTH_RADIUS_M = 6_371_008.8;
// A number, not a string, for the key: the search looks up many cells per request. Columns span ±90,000.
const key = (row: number, col: number) => row * 200_003 + col;
// Cells are numbered within the box the places occupy when that fits a small integer (any city or province
// does): V8 then hashes the key as it is, where a key beyond 2^31 is a heap number made for every look-up.
const SMALL_KEYS = 2 ** 30;

/**
 * Metres between two nearby points on the sphere by the equirectangular approximation: within 20 km it differs
 * from the haversine distance by well under a metre, and it costs one cosine instead of five trigonometric calls.
 */
export function nearDistanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const x = (b.lng - a.lng) * RAD * Math.cos(((a.lat + b.lat) / 2) * RAD);
  const y = (b.lat - a.lat) * RAD;
  return Math.sqrt(x * x + y * y) * EARTH_RADIUS_M;
}

export class PlaceIndex<P extends IndexedPlace> {
  readonly size: number;
  private readonly places: P[];
  private readonly lat: Float64Array;
  private readonly lng: Float64Array;
  private readonly kind: Uint8Array;
  private readonly id: Float64Array;
  /** cell key → slot; the slot's places are [starts[slot], ends[slot]) in the packed arrays. */
  private readonly cells = new Map<number, number>();
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly kindCodes = new Map<string, number>();
  private readonly minRow: number;
  private readonly minCol: number;
  /** Columns in the box, or 0 when the box is too large for small keys. */
  private readonly width: number;

  constructor(all: Iterable<P>) {
    const places = [...all].filter((p) => p.active);
    let minRow = Infinity, maxRow = -Infinity, minCol = Infinity, maxCol = -Infinity;
    for (const p of places) {
      const r = Math.floor(p.lat / CELL_DEG), c = Math.floor(p.lng / CELL_DEG);
      minRow = Math.min(minRow, r); maxRow = Math.max(maxRow, r); minCol = Math.min(minCol, c); maxCol = Math.max(maxCol, c);
    }
    this.minRow = places.length ? minRow : 0;
    this.minCol = places.length ? minCol : 0;
    const width = places.length ? maxCol - minCol + 1 : 1;
    this.width = places.length && width * (maxRow - minRow + 1) <= SMALL_KEYS ? width : 0;
    const keyOf = (p: P) => this.cellKey(Math.floor(p.lat / CELL_DEG), Math.floor(p.lng / CELL_DEG));
    const keys = new Map(places.map((p) => [p, keyOf(p)]));
    places.sort((a, b) => keys.get(a)! - keys.get(b)! || a.id - b.id);
    this.places = places;
    this.size = places.length;
    this.lat = new Float64Array(places.length);
    this.lng = new Float64Array(places.length);
    this.kind = new Uint8Array(places.length);
    this.id = new Float64Array(places.length);
    const starts: number[] = [], ends: number[] = [];
    places.forEach((p, i) => {
      this.lat[i] = p.lat;
      this.lng[i] = p.lng;
      this.id[i] = p.id;
      if (!this.kindCodes.has(p.kind)) this.kindCodes.set(p.kind, this.kindCodes.size + 1);
      this.kind[i] = this.kindCodes.get(p.kind)!;
      const k = keys.get(p)!;
      const slot = this.cells.get(k);
      if (slot !== undefined) ends[slot] = i + 1;
      else { this.cells.set(k, starts.length); starts.push(i); ends.push(i + 1); }
    });
    this.starts = Int32Array.from(starts);
    this.ends = Int32Array.from(ends);
  }

  /** The key of a cell; -1 for a cell outside the box, which holds no place. */
  private cellKey(row: number, col: number): number {
    if (!this.width) return key(row, col);
    const r = row - this.minRow, c = col - this.minCol;
    return r < 0 || c < 0 || c >= this.width ? -1 : r * this.width + c;
  }

  /**
   * Active places within `radiusM` of the point, nearest first (ties by id), at most `limit`, each with its
   * distance. Cells are read in rings around the point's own cell; once `limit` places are held and the next
   * ring cannot hold anything nearer than the farthest of them, the search stops: in a crowded town it reads a
   * few cells, not every cell the circle touches. The nearest `limit` are kept in a small sorted array.
   */
  nearby(point: { lat: number; lng: number }, radiusM: number, options: { kinds?: readonly string[]; limit: number }): { place: P; distanceM: number }[] {
    const cosLat = Math.max(Math.cos(point.lat * RAD), 0.01);
    const dLat = radiusM / METRES_PER_DEG_LAT;
    const dLng = radiusM / (METRES_PER_DEG_LAT * cosLat);
    let wanted = 0;
    for (const k of options.kinds ?? []) wanted |= 1 << (this.kindCodes.get(k) ?? 31);
    const limit = Math.max(1, options.limit);
    // The nearest so far, sorted, in fixed arrays: a search looks at thousands of places in a crowded town and
    // should leave no garbage behind for each of them.
    const bestAt = new Int32Array(limit);
    const bestD = new Float64Array(limit);
    let n = 0;
    const { lat, lng, kind, id } = this;
    const pLat = point.lat, pLng = point.lng;
    const row0 = Math.floor(pLat / CELL_DEG), col0 = Math.floor(pLng / CELL_DEG);
    const rows = Math.ceil(dLat / CELL_DEG) + 1, cols = Math.ceil(dLng / CELL_DEG) + 1;
    // Anything outside ring r is at least r cell-widths (the narrower side, in metres) away from the point.
    const cellM = CELL_DEG * METRES_PER_DEG_LAT * Math.min(1, cosLat);
    for (let ring = 0; ring <= Math.max(rows, cols); ring++) {
      for (let r = row0 - ring; r <= row0 + ring; r++) {
        if (Math.abs(r - row0) > rows) continue;
        const edgeRow = Math.abs(r - row0) === ring;
        for (let c = col0 - ring; c <= col0 + ring; c += edgeRow ? 1 : 2 * ring) {
          if (Math.abs(c - col0) > cols) continue;
          const slot = this.cells.get(this.cellKey(r, c));
          if (slot === undefined) continue;
          for (let i = this.starts[slot], end = this.ends[slot]; i < end; i++) {
            if (wanted && !(wanted & (1 << kind[i]))) continue;
            // The box test first: most places in the outer cells are outside the circle.
            if (Math.abs(lat[i] - pLat) > dLat || Math.abs(lng[i] - pLng) > dLng) continue;
            // nearDistanceMeters, written out so that no point object is made per place (same arithmetic, same result).
            const x = (lng[i] - pLng) * RAD * Math.cos(((pLat + lat[i]) / 2) * RAD);
            const y = (lat[i] - pLat) * RAD;
            const d = Math.sqrt(x * x + y * y) * EARTH_RADIUS_M;
            if (d > radiusM) continue;
            if (n === limit && (d > bestD[n - 1] || (d === bestD[n - 1] && id[i] > id[bestAt[n - 1]]))) continue;
            let j = n === limit ? n - 1 : n++;
            while (j > 0 && (bestD[j - 1] > d || (bestD[j - 1] === d && id[bestAt[j - 1]] > id[i]))) {
              bestD[j] = bestD[j - 1];
              bestAt[j] = bestAt[j - 1];
              j--;
            }
            bestD[j] = d;
            bestAt[j] = i;
          }
        }
      }
      if (n === limit && bestD[limit - 1] <= ring * cellM) break;
    }
    const found: { place: P; distanceM: number }[] = new Array(n);
    for (let j = 0; j < n; j++) found[j] = { place: this.places[bestAt[j]], distanceM: bestD[j] };
    return found;
  }
}
