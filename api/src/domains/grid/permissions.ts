// Who may do what with the city structure, as a table; and the region-subtree scope rule.
import type { Actor, StaffActor } from '../../actor';
import type { StaffRole } from './vocabulary';

export type GridAction = 'list_units' | 'create_unit' | 'list_staff' | 'create_staff' | 'list_grids' | 'list_regions';

export const GRID_PERMISSIONS: Record<GridAction, readonly StaffRole[]> = {
  list_units: ['grid_worker', 'dispatcher', 'handler', 'supervisor', 'admin'],
  list_grids: ['grid_worker', 'dispatcher', 'handler', 'supervisor', 'admin'],
  list_regions: ['grid_worker', 'dispatcher', 'handler', 'supervisor', 'admin'],
  create_unit: ['admin'],
  list_staff: ['supervisor', 'admin'],
  create_staff: ['admin'],
};

export function may(actor: Actor, action: GridAction): actor is StaffActor {
  return actor.kind === 'staff' && GRID_PERMISSIONS[action].includes(actor.role);
}

/** A region is within a staff member's scope when it lies in the subtree of their own region. */
export function inScope(actor: StaffActor, regionPath: string): boolean {
  return regionPath.startsWith(actor.regionPath);
}

/** A unit concerns a staff member when its jurisdiction overlaps their scope: inside it, or covering it. */
export function jurisdictionOverlaps(actor: StaffActor, unitRegionPath: string): boolean {
  return unitRegionPath.startsWith(actor.regionPath) || actor.regionPath.startsWith(unitRegionPath);
}
