// House colour classes (分色管理): red when people live there undeclared, yellow while something waits for a
// grid worker or a declaration is about to lapse, green when everyone living there is declared and accepted.
// Pure: the service gathers the facts of a house, this decides.

export const COLOURS = { red: '红', yellow: '黄', green: '绿', none: '灰' } as const;
export type Colour = keyof typeof COLOURS;
export const COLOUR_MEANINGS: Record<Colour, string> = {
  red: '有未申报人员', yellow: '待核查或申报将到期', green: '均已申报并核实', none: '无在住人员',
};

/** A declaration this close to its end makes the house yellow, as its tenant is reminded. */
export const EXPIRY_WARNING_DAYS = 30;

export interface HouseFacts {
  /** Active declarations: accepted or pending verification. */
  declarations: { status: 'accepted' | 'pending_verification'; validUntil: string }[];
  openUndeclaredFindings: number;
  openTasks: number;
  /** YYYY-MM-DD in the city's time zone. */
  today: string;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function houseColour(f: HouseFacts): Colour {
  if (f.openUndeclaredFindings > 0) return 'red';
  if (f.openTasks > 0 || f.declarations.some((d) => d.status === 'pending_verification' || daysBetween(f.today, d.validUntil) <= EXPIRY_WARNING_DAYS)) return 'yellow';
  if (f.declarations.length > 0) return 'green';
  return 'none';
}

/** Occupied houses that are not red, over occupied houses; null when nobody is known to live in the grid. */
export function declarationRate(counts: { red: number; yellow: number; green: number }): number | null {
  const occupied = counts.red + counts.yellow + counts.green;
  return occupied === 0 ? null : (occupied - counts.red) / occupied;
}
