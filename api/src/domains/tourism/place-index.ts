// An in-memory spatial index of places for the nearby search: cells of about 220 metres, each holding the
// places inside it. A search reads the cells its circle overlaps, measures the exact distance of each place
// and keeps the nearest. Pure: loading it from the database and keeping it fresh is the service's work.
import { distanceMeters } from '../events/rules';

export interface IndexedPlace { id: number; lat: number; lng: number; kind: string; active: boolean }

// Small cells: in a crowded pier-side street the nearest 20 lie within a ring or two of them.
const CELL_DEG = 0.002;
const METRES_PER_DEG_LAT = 111_320;
// A number, not a string, for the key: the search looks up many cells per request. Columns span ±90,000.
const key = (row: number, col: number) => row * 200_003 + col;
const cellOf = (lat: number, lng: number) => key(Math.floor(lat / CELL_DEG), Math.floor(lng / CELL_DEG));

export class PlaceIndex<P extends IndexedPlace> {
  private readonly cells = new Map<number, P[]>();
  readonly size: number;

  constructor(places: Iterable<P>) {
    let n = 0;
    for (const place of places) {
      if (!place.active) continue;
      const key = cellOf(place.lat, place.lng);
      const cell = this.cells.get(key);
      if (cell) cell.push(place); else this.cells.set(key, [place]);
      n++;
    }
    this.size = n;
  }

  /**
   * Active places within `radiusM` of the point, nearest first (ties by id), at most `limit`, each with its
   * distance. Cells are read in rings around the point's own cell; once `limit` places are held and the next
   * ring cannot hold anything nearer than the farthest of them, the search stops: in a crowded town it reads a
   * few cells, not every cell the circle touches. The nearest `limit` are kept in a small sorted array.
   */
  nearby(point: { lat: number; lng: number }, radiusM: number, options: { kinds?: readonly string[]; limit: number }): { place: P; distanceM: number }[] {
    const cosLat = Math.max(Math.cos((point.lat * Math.PI) / 180), 0.01);
    const dLat = radiusM / METRES_PER_DEG_LAT;
    const dLng = radiusM / (METRES_PER_DEG_LAT * cosLat);
    const kinds = options.kinds?.length ? new Set(options.kinds) : null;
    const limit = Math.max(1, options.limit);
    const best: { place: P; distanceM: number }[] = [];
    const consider = (place: P) => {
      if (kinds && !kinds.has(place.kind)) return;
      // The box test first: most places in the outer cells are outside the circle.
      if (Math.abs(place.lat - point.lat) > dLat || Math.abs(place.lng - point.lng) > dLng) return;
      const distanceM = distanceMeters(point, place);
      if (distanceM > radiusM) return;
      if (best.length === limit) {
        const last = best[limit - 1];
        if (distanceM > last.distanceM || (distanceM === last.distanceM && place.id > last.place.id)) return;
        best.pop();
      }
      let i = best.length;
      while (i > 0 && (best[i - 1].distanceM > distanceM || (best[i - 1].distanceM === distanceM && best[i - 1].place.id > place.id))) i--;
      best.splice(i, 0, { place, distanceM });
    };
    const row0 = Math.floor(point.lat / CELL_DEG), col0 = Math.floor(point.lng / CELL_DEG);
    const rows = Math.ceil(dLat / CELL_DEG) + 1, cols = Math.ceil(dLng / CELL_DEG) + 1;
    // Anything outside ring r is at least r cell-widths (the narrower side, in metres) away from the point.
    const cellM = Math.min(CELL_DEG * METRES_PER_DEG_LAT, CELL_DEG * METRES_PER_DEG_LAT * cosLat);
    for (let ring = 0; ring <= Math.max(rows, cols); ring++) {
      for (let r = row0 - ring; r <= row0 + ring; r++) {
        if (Math.abs(r - row0) > rows) continue;
        const edgeRow = Math.abs(r - row0) === ring;
        for (let c = col0 - ring; c <= col0 + ring; c += edgeRow ? 1 : 2 * ring) {
          if (Math.abs(c - col0) > cols) continue;
          const cell = this.cells.get(key(r, c));
          if (cell) for (const place of cell) consider(place);
        }
      }
      if (best.length === limit && best[limit - 1].distanceM <= ring * cellM) break;
    }
    return best;
  }
}
