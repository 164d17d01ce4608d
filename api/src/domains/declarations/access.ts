// Who may do what with houses and declarations, as a table, plus the region-subtree scope rule.
import type { Actor, StaffActor } from '../../actor';
import type { StaffRole } from '../grid';

export type ResidenceAction = 'read' | 'manage_houses' | 'reveal_id' | 'verify' | 'import' | 'collide';

export const RESIDENCE_PERMISSIONS: Record<ResidenceAction, readonly StaffRole[]> = {
  read: ['grid_worker', 'supervisor', 'admin'],
  manage_houses: ['grid_worker', 'supervisor', 'admin'],
  reveal_id: ['grid_worker', 'supervisor', 'admin'],
  verify: ['grid_worker', 'supervisor'],
  import: ['supervisor', 'admin'],
  collide: ['supervisor', 'admin'],
};

export function mayResidence(actor: Actor, action: ResidenceAction): actor is StaffActor {
  return actor.kind === 'staff' && RESIDENCE_PERMISSIONS[action].includes(actor.role);
}

/** Staff see houses, declarations and tasks in the subtree of their own region. */
export function inResidenceScope(actor: StaffActor, regionPath: string): boolean {
  return regionPath.startsWith(actor.regionPath);
}
