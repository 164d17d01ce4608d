// What an insured person reads for one month and insurance type: due, paid and a status. Pure.
// Arrears are what is still due after the grace period (the 15th of the following month); a refund is owed
// when more was collected than was due.

export type FeeStatus = 'paid' | 'in_transit' | 'due' | 'arrears' | 'refund_due';
export const FEE_STATUSES: Record<FeeStatus, string> = { paid: '已缴', in_transit: '在途', due: '待缴', arrears: '欠费', refund_due: '可退费' };
export const GRACE_DAY = 15;

/** The last day (YYYY-MM-DD) on which `period` (YYYY-MM) may still be paid without arrears. */
export function graceEnds(period: string): string {
  let day = graceDays.get(period);
  if (day === undefined) {
    const [y, m] = period.split('-').map(Number);
    day = new Date(Date.UTC(y, m, GRACE_DAY)).toISOString().slice(0, 10); // month m (1-based) as 0-based index = the next month
    if (graceDays.size > 10_000) graceDays.clear();
    graceDays.set(period, day);
  }
  return day;
}
// A year's query judges 60 months × types: the day is worked out once per period, not once per entry.
const graceDays = new Map<string, string>();

export function monthStatus(input: { period: string; dueFen: number; collectedFen: number; receivedFen: number; today: string }): FeeStatus {
  const { dueFen, collectedFen, receivedFen } = input;
  if (collectedFen > dueFen) return 'refund_due';
  if (collectedFen === dueFen && dueFen > 0) return receivedFen >= collectedFen ? 'paid' : 'in_transit';
  return input.today > graceEnds(input.period) ? 'arrears' : 'due';
}
