// Which screens and buttons a role gets. The API checks every call itself; these only decide what to draw.
// The contract has no allowedActions for collections yet, so this mirrors its "who" column (docs/api.md);
// when list responses carry allowedActions, the buttons should be drawn from those instead.
import type { Role } from '../api/client';

export function canReadStaff(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

export function canCreateUnits(role: Role): boolean {
  return role === 'admin';
}

export function canCreateStaff(role: Role): boolean {
  return role === 'admin';
}
