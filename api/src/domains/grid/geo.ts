// Coordinates: WeChat's getLocation answers GCJ-02 (China's obfuscated datum); Weave stores WGS-84.
// Conversion is gcoord's (a well-kept library); area and bounding boxes are plain arithmetic.
import gcoord from 'gcoord';

export type CoordSystem = 'wgs84' | 'gcj02';
export interface LatLng { lat: number; lng: number }
/** GeoJSON Polygon coordinates: rings of [lng, lat], the first ring the outer boundary, closed. */
export type PolygonCoords = number[][][];

export function toWgs84(point: LatLng, system: CoordSystem): LatLng {
  if (system === 'wgs84') return point;
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat, lng };
}

export function toGcj02(point: LatLng): LatLng {
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { lat, lng };
}

export interface BBox { minLat: number; minLng: number; maxLat: number; maxLng: number }

export function boundingBox(polygon: PolygonCoords): BBox {
  let minLat = Infinity, minLng = Infinity, maxLat = -Infinity, maxLng = -Infinity;
  for (const [lng, lat] of polygon[0]) {
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
  }
  return { minLat, minLng, maxLat, maxLng };
}

const EARTH_RADIUS_KM = 6371.0088;

/** Area of the outer ring in km², on a local equirectangular projection (exact enough for a grid of a few hundred metres). */
export function areaKm2(polygon: PolygonCoords): number {
  const ring = polygon[0];
  const lat0 = (ring.reduce((s, [, lat]) => s + lat, 0) / ring.length) * Math.PI / 180;
  const kx = Math.cos(lat0) * EARTH_RADIUS_KM * Math.PI / 180;
  const ky = EARTH_RADIUS_KM * Math.PI / 180;
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[i + 1];
    twice += x1 * kx * (y2 * ky) - x2 * kx * (y1 * ky);
  }
  return Math.abs(twice) / 2;
}

/** A polygon is usable as a grid when its outer ring is closed, has ≥ 3 distinct points and valid coordinates. */
export function polygonProblems(polygon: PolygonCoords): string[] {
  const problems: string[] = [];
  const ring = polygon[0];
  if (!ring || ring.length < 4) return ['外边界至少需要 4 个点（首尾相同）'];
  const [f, l] = [ring[0], ring[ring.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) problems.push('外边界必须闭合（首尾坐标相同）');
  if (ring.some(([lng, lat]) => !(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90))) problems.push('坐标超出经纬度范围');
  return problems;
}
