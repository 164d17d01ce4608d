// Pure rules of island tourist services: phone numbers, opening hours, which island serves a position.
import { distanceMeters } from '../events/rules';

import { cityDayStart, zoneFormatter, type ZoneFormat } from '../../clock';

export { cityDayStart };

/** A mainland mobile (11 digits) or a landline with its area code (0756-8850001, 075588500001). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const isPhone = (s: string) => PHONE_PATTERN.test(s);

/** How far from an island's centre a position is still served by it (a boat off the pier, a nearby islet). */
export const ISLAND_SERVICE_RADIUS_M = 30_000;

export interface IslandPoint { id: number; lat: number; lng: number }

/** The island nearest to a position, if any lies within the service radius. */
export function nearestIsland<T extends IslandPoint>(islands: readonly T[], point: { lat: number; lng: number }): T | null {
  let best: T | null = null;
  let bestDistance = Infinity;
  for (const island of islands) {
    const d = distanceMeters(island, point);
    if (d < bestDistance) { best = island; bestDistance = d; }
  }
  return best && bestDistance <= ISLAND_SERVICE_RADIUS_M ? best : null;
}

/** Minutes after midnight of `HH:MM` (24:00 allowed as the end of a day), or null. */
function minutesOf(s: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(s);
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v > 24 * 60 ? null : v;
}

export type HoursRange = [open: number, close: number];

/** `08:00-14:00,17:00-22:00` → minute ranges; null when the text is not in that form. A range may pass midnight. */
export function parseOpeningHours(text: string): HoursRange[] | null {
  const parts = text.split(/[,，]/).map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return null;
  const ranges: HoursRange[] = [];
  for (const part of parts) {
    const [a, b, extra] = part.split('-');
    if (extra !== undefined || a === undefined || b === undefined) return null;
    const open = minutesOf(a.trim()), close = minutesOf(b.trim());
    if (open === null || close === null || open === close || open === 24 * 60) return null;
    ranges.push([open, close]);
  }
  return ranges;
}

/** Whether a place is open at a minute of the city's day; a range like 18:00-02:00 covers the small hours too. */
export function isOpenAt(ranges: readonly HoursRange[], minuteOfDay: number): boolean {
  return ranges.some(([open, close]) => (open < close ? minuteOfDay >= open && minuteOfDay < close : minuteOfDay >= open || minuteOfDay < close));
}

const HOUR_MINUTE: ZoneFormat = { locale: 'en-GB', options: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } };

/** The minute of the day in the city's time zone. */
// Every search asks for the minute; within one minute of UTC (zones differ from UTC by whole quarter hours)
// the answer is the same, so the last one is kept per time zone.
const lastMinute = new Map<string, { bucket: number; minute: number }>();
export function cityMinuteOfDay(now: Date, timeZone: string): number {
  const bucket = Math.floor(now.getTime() / 60_000);
  const last = lastMinute.get(timeZone);
  if (last && last.bucket === bucket) return last.minute;
  const minute = formatMinute(now, timeZone);
  lastMinute.set(timeZone, { bucket, minute });
  return minute;
}

function formatMinute(now: Date, timeZone: string): number {
  const parts = zoneFormatter(HOUR_MINUTE, timeZone).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

