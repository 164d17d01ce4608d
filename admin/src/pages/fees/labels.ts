// Wording the contract leaves to the app: money in yuan from integer fen, the reconciled share, and the
// months (periods) offered in the pickers, counted in the city's time zone.
import { PERIOD_PATTERN } from '../../api/fees';

const grouping = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** 123456 → "¥1,234.56"; null (no row in that ledger) → "—". Integer arithmetic, so no cent is lost to
 *  floating point however large the month's total. */
export function formatYuan(fen: number | null | undefined, empty = '—'): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return empty;
  const abs = Math.abs(Math.round(fen));
  const sign = fen < 0 ? '-' : '';
  return `${sign}¥${grouping.format(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** 0–1 as a percentage with one decimal, rounded down: a month with one open discrepancy must not read
 *  100 %. */
export function formatShare(share: number | null | undefined, empty = '—'): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return empty;
  if (share >= 1) return '100%';
  const tenths = Math.max(0, Math.floor(share * 1000 + 1e-6));
  return `${(tenths / 10).toFixed(1)}%`;
}

const cityMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

/** The month it is now in the city (a laptop set to another zone must not pick another month). */
export function currentPeriod(now: Date = new Date()): string {
  const parts = cityMonth.formatToParts(now);
  const year = parts.find((p) => p.type === 'year')?.value ?? String(now.getFullYear());
  const month = parts.find((p) => p.type === 'month')?.value ?? String(now.getMonth() + 1).padStart(2, '0');
  return `${year}-${month}`;
}

export function shiftPeriod(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month the nightly run reconciles, and the one staff most often look at. */
export function lastMonth(now: Date = new Date()): string {
  return shiftPeriod(currentPeriod(now), -1);
}

export function isPeriod(value: string | null | undefined): value is string {
  return !!value && PERIOD_PATTERN.test(value);
}

/** How far back the pickers reach; an older month still works from a link (it is added to the list). */
const PERIOD_CHOICES = 36;

/** This month and the 35 before it, newest first, plus `extra` when it is a month outside them. */
export function periodOptions(extra?: string): { value: string; label: string }[] {
  const now = currentPeriod();
  const periods = Array.from({ length: PERIOD_CHOICES }, (_, i) => shiftPeriod(now, -i));
  if (isPeriod(extra) && !periods.includes(extra)) periods.push(extra);
  periods.sort((a, b) => b.localeCompare(a));
  return periods.map((p) => ({ value: p, label: p }));
}
