// Wording the contract leaves to the app: coordinates and positions as text, the time left before a help
// call's response deadline, and the checks of the URL's filter values.
import { COMPLAINT_CATEGORIES, PLACE_KINDS, type ComplaintCategory, type LatLng, type PlaceKind } from '../../api/tourism';

/** Five decimals: about a metre, as precise as a phone's fix deserves. */
export function formatLatLng(point: LatLng): string {
  return `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** 754 s → "12 分 34 秒"; an hour or more → "1 小时 05 分". */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return `${hours} 小时 ${twoDigits(minutes)} 分`;
  return `${minutes} 分 ${twoDigits(seconds % 60)} 秒`;
}

/** `YYYY-MM-DD`, as the statistics' `from` and `to` are given. */
export function isDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

export const isPlaceKind = (value: string | null): value is PlaceKind => PLACE_KINDS.some((k) => k.value === value);

export const isComplaintCategory = (value: string | null): value is ComplaintCategory =>
  COMPLAINT_CATEGORIES.some((c) => c.value === value);

/** The one sentence for "who may use this screen", as the 403 page says it. */
export const TOURISM_WHO = '只有分拨员、处置人员、督办员和系统管理员';
export const PLACES_WHO = '只有分拨员、督办员和系统管理员';
