// Which screens and buttons a role gets. The API checks every call itself; these only decide what to draw.
// The contract has no allowedActions for collections yet, so this mirrors its "who" column (docs/api.md);
// when list responses carry allowedActions, the buttons should be drawn from those instead.
// Buttons on one event are never decided here: they come from the event's own `allowedActions`.
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

/** The event screens, each offered to the roles whose work it is; 全部事件 is for every staff role. */
export type EventScreen = 'dispatch' | 'handling' | 'verification' | 'all' | 'categories' | 'open311-keys';

const EVENT_SCREENS: Record<Role, readonly EventScreen[]> = {
  dispatcher: ['dispatch', 'verification', 'all'],
  supervisor: ['dispatch', 'verification', 'all'],
  handler: ['handling', 'all'],
  grid_worker: ['verification', 'all'],
  admin: ['all', 'categories', 'open311-keys'],
};

export function canUseEventScreen(role: Role, screen: EventScreen): boolean {
  return EVENT_SCREENS[role]?.includes(screen) ?? false;
}
