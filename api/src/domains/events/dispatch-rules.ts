// Which unit an event goes to: an explicit rule for its category and area if one exists (the most
// specific wins), else the unit of the category's type whose jurisdiction is closest to the event.

export interface DispatchRule { categoryId: number | null; regionPath: string; unitId: number }
export interface CandidateUnit { id: number; type: string; regionPath: string }

export function chooseUnit(input: { categoryId: number; unitType: string; eventRegionPath: string; rules: DispatchRule[]; units: CandidateUnit[] }): number | null {
  const rule = input.rules
    .filter((r) => (r.categoryId === null || r.categoryId === input.categoryId) && input.eventRegionPath.startsWith(r.regionPath))
    // Deeper area first; at equal depth a rule for this category beats a rule for any category.
    .sort((a, b) => b.regionPath.length - a.regionPath.length || (b.categoryId === null ? 0 : 1) - (a.categoryId === null ? 0 : 1))[0];
  if (rule) return rule.unitId;
  const unit = input.units
    .filter((u) => u.type === input.unitType && input.eventRegionPath.startsWith(u.regionPath))
    .sort((a, b) => b.regionPath.length - a.regionPath.length || a.id - b.id)[0];
  return unit?.id ?? null;
}
