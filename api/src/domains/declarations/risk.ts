// Good faith or doubt: which risks a new declaration carries. No risk → accepted at once; any risk →
// pending verification and a door-to-door task for the house's grid worker. Pure; table-tested.

export const RISKS = {
  not_in_base: '人口库无此人',
  name_mismatch: '姓名与人口库不符',
  over_capacity: '超出房屋核定人数',
  many_new: '近 30 天该房屋新申报过多',
  declared_elsewhere: '仍在其他房屋登记',
  house_flagged: '房屋被标记关注',
  house_reported_empty: '其他部门报送该房屋空置',
} as const;
export type Risk = keyof typeof RISKS;

/** More new declarations than this at one house within 30 days is doubtful (a "paper address"). */
export const MAX_NEW_PER_30_DAYS = 5;

export interface RiskFacts {
  /** The population base's record for the number, or null when the base does not know it. */
  base: { name: string } | null;
  declaredName: string;
  /** Declarations already active at the house (accepted or pending), not counting this one. */
  activeAtHouse: number;
  capacity: number;
  /** Declarations made at the house in the last 30 days, not counting this one. */
  newAtHouseLast30Days: number;
  /** The person is still declared at another house and did not ask to move out of it. */
  stillDeclaredElsewhere: boolean;
  houseFlagged: boolean;
}

/** Names compare without spaces and with full-width middle dots folded, as the base and phones write them differently. */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFKC').replace(/[\s·•・.]/g, '');
  return fold(a) === fold(b);
}

export function assessRisks(f: RiskFacts): Risk[] {
  const risks: Risk[] = [];
  if (!f.base) risks.push('not_in_base');
  else if (!sameName(f.base.name, f.declaredName)) risks.push('name_mismatch');
  if (f.activeAtHouse + 1 > f.capacity) risks.push('over_capacity');
  if (f.newAtHouseLast30Days >= MAX_NEW_PER_30_DAYS) risks.push('many_new');
  if (f.stillDeclaredElsewhere) risks.push('declared_elsewhere');
  if (f.houseFlagged) risks.push('house_flagged');
  return risks;
}

export const riskViews = (risks: string[]) => risks.map((code) => ({ code, label: RISKS[code as Risk] ?? code }));
