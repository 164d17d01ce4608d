// Time is a dependency: services ask the clock, tests move it (SLA deadlines are never tested by sleeping).

export interface Clock { now(): Date }

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and simulations. */
export class FakeClock implements Clock {
  private current: number;
  constructor(start: Date | string = '2026-11-23T02:00:00.000Z') { this.current = new Date(start).getTime(); }
  now(): Date { return new Date(this.current); }
  set(to: Date | string): void { this.current = new Date(to).getTime(); }
  advance(ms: number): void { this.current += ms; }
}

/** How a city time is written: a locale and its fields. Declared once as a constant, so its formatters are kept. */
export interface ZoneFormat { locale: string; options: Intl.DateTimeFormatOptions }
const formatters = new WeakMap<ZoneFormat, Map<string, Intl.DateTimeFormat>>();

/** Making an Intl.DateTimeFormat costs far more than using one (it was a seventh of a fee query's CPU): one per format and zone. */
export function zoneFormatter(format: ZoneFormat, timeZone: string): Intl.DateTimeFormat {
  let byZone = formatters.get(format);
  if (!byZone) formatters.set(format, byZone = new Map());
  let formatter = byZone.get(timeZone);
  if (!formatter) byZone.set(timeZone, formatter = new Intl.DateTimeFormat(format.locale, { ...format.options, timeZone }));
  return formatter;
}

const DAY: ZoneFormat = { locale: 'en-CA', options: { year: 'numeric', month: '2-digit', day: '2-digit' } };
const DAY_AND_MINUTE: ZoneFormat = { locale: 'en-GB', options: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } };

/** The calendar day (YYYY-MM-DD) it is at `now` in the city's time zone: deadlines, validity and grace days count in it. */
export function cityDate(now: Date, timeZone: string): string {
  // Every zone's days begin on a whole minute: the answer of the last call holds for the rest of its minute.
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastDay.minute === minute && lastDay.timeZone === timeZone) return lastDay.date;
  const date = zoneFormatter(DAY, timeZone).format(now);
  lastDay = { minute, timeZone, date };
  return date;
}
let lastDay = { minute: NaN, timeZone: '', date: '' };

/** The instant a city calendar day (YYYY-MM-DD) begins, `plusDays` later: for date filters typed by staff. */
export function cityDayStart(date: string, timeZone: string, plusDays = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d + plusDays);
  // The zone's offset at that moment: what its clock reads at UTC midnight, minus midnight.
  const parts = zoneFormatter(DAY_AND_MINUTE, timeZone).formatToParts(new Date(utcMidnight));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(utcMidnight - (local - utcMidnight));
}
