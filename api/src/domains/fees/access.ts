// Who may do what with social-security fees, as a table (residents reach only their own binding and fees).
import type { Actor, StaffActor } from '../../actor';
import type { StaffRole } from '../grid';

export type FeeAction = 'read_reconciliation' | 'reconcile' | 'look_up_payer' | 'manage_keys';

export const FEE_PERMISSIONS: Record<FeeAction, readonly StaffRole[]> = {
  read_reconciliation: ['grid_worker', 'dispatcher', 'handler', 'supervisor', 'admin'],
  reconcile: ['supervisor', 'admin'],
  look_up_payer: ['supervisor', 'admin'],
  manage_keys: ['admin'],
};

export function mayFees(actor: Actor, action: FeeAction): actor is StaffActor {
  return actor.kind === 'staff' && FEE_PERMISSIONS[action].includes(actor.role);
}
