// What the deliverer decides for one message at one moment: send now, hold it until quiet hours end, or
// defer it because the person already had their share of notices; and how long to wait before retrying
// WeChat. Pure: the caller gives the local time and the counts.
import type { NoticeClass, Reason } from './vocabulary';

export interface QuietHours { from: number; to: number } // minutes of the city day; from > to wraps midnight
export interface Caps { perDay: number; perWeek: number }

/** "22:00-08:00" → minutes; throws on anything else (checked at start-up). */
export function parseQuietHours(text: string): QuietHours {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) throw new Error(`quiet hours must look like 22:00-08:00, got "${text}"`);
  const [from, to] = [(+m[1]) * 60 + +m[2], (+m[3]) * 60 + +m[4]];
  if (from >= 1440 || to >= 1440) throw new Error(`quiet hours out of range: "${text}"`);
  return { from, to };
}
export const formatMinute = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

export function inQuietHours(minute: number, quiet: QuietHours): boolean {
  if (quiet.from === quiet.to) return false;
  return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

/** Minutes from `minute` until the clock next reads `target` (0 when it reads it now). */
export const minutesUntil = (minute: number, target: number) => (target - minute + 1440) % 1440;

export type Decision =
  | { action: 'send'; reason: Reason | null }
  | { action: 'hold'; reason: 'quiet_hours'; waitMinutes: number }
  | { action: 'cap'; reason: 'cap_day' | 'cap_week'; waitMinutes: number };

/**
 * Urgent messages go at once, whatever the hour or count. Everything else waits out quiet hours. Targeted
 * notices (from rules) also respect the caps, counted over the city day and the last seven days; a capped
 * notice is retried when quiet hours next end, that is on the following morning.
 */
export function decide(input: { cls: NoticeClass; minute: number; quiet: QuietHours; caps: Caps; sentToday: number; sentThisWeek: number }): Decision {
  const { cls, minute, quiet, caps } = input;
  if (cls === 'urgent') return { action: 'send', reason: 'bypass_urgent' };
  if (inQuietHours(minute, quiet)) return { action: 'hold', reason: 'quiet_hours', waitMinutes: minutesUntil(minute, quiet.to) };
  if (cls === 'targeted') {
    const nextMorning = minutesUntil(minute, quiet.to) || 1440;
    if (input.sentToday >= caps.perDay) return { action: 'cap', reason: 'cap_day', waitMinutes: nextMorning };
    if (input.sentThisWeek >= caps.perWeek) return { action: 'cap', reason: 'cap_week', waitMinutes: nextMorning };
  }
  return { action: 'send', reason: null };
}

/** WeChat errcodes worth another try later: system busy, frequency limits. Others are final. */
export const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 45011, 45047]);
/** 43101: the user has no subscription left for this template (refused, or used up). */
export const NO_QUOTA_ERRCODE = 43101;
export const MAX_ATTEMPTS = 6;
/** 30 s, 1 min, 2 min, … capped at an hour. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
