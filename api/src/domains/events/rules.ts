// Small pure rules of the event registry: codes, deadlines, overdue, distances.
import { cityDate } from '../../clock';

/** The city's calendar day (YYYYMMDD) of an instant: codes restart at local midnight, not UTC's. */
export function cityDay(now: Date, timeZone: string): string {
  return cityDate(now, timeZone).replace(/-/g, '');
}

export function formatEventCode(prefix: string, day: string, sequence: number): string {
  return `${prefix}-${day}-${String(sequence).padStart(6, '0')}`;
}

export interface CategoryDeadlines { responseHours: number; resolutionHours: number }

/** A tourist's call for help is answered within minutes, not the hours a category counts in. */
export const HELP_RESPONSE_MINUTES = 15;

export function deadlinesFrom(now: Date, category: CategoryDeadlines, source?: string): { responseDueAt: Date; resolutionDueAt: Date } {
  return {
    responseDueAt: new Date(now.getTime() + (source === 'tourist_help' ? HELP_RESPONSE_MINUTES * 60_000 : category.responseHours * 3600_000)),
    resolutionDueAt: new Date(now.getTime() + category.resolutionHours * 3600_000),
  };
}

export interface DeadlineFacts { status: string; responseDueAt: Date | null; resolutionDueAt: Date | null; respondedAt: Date | null }

/** Overdue: not answered by the response deadline, or not resolved by the resolution deadline. */
export function isOverdue(e: DeadlineFacts, now: Date): boolean {
  const t = now.getTime();
  if (e.status === 'dispatched' && !e.respondedAt && e.responseDueAt && e.responseDueAt.getTime() < t) return true;
  return ['dispatched', 'in_progress', 'reopened', 'returned'].includes(e.status) && e.resolutionDueAt !== null && e.resolutionDueAt.getTime() < t;
}

const EARTH_RADIUS_M = 6_371_008.8;

export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

export const DUPLICATE_RADIUS_M = 50;
export const DUPLICATE_WINDOW_HOURS = 72;
export const NEAR_IDENTICAL_PHOTO_BITS = 6;
