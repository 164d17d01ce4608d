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

/** The 居住申报 screens. 数据导入 is supervisor and admin only in the contract, so it is not offered to others;
 *  数据碰撞 is readable by every role offered the group, and only its 立即碰撞 button is restricted. */
export type ResidenceScreen =
  | 'houses'
  | 'qr-sheet'
  | 'declarations'
  | 'tasks'
  | 'imports'
  | 'collisions'
  | 'grid-stats';

const FIELD_SCREENS: readonly ResidenceScreen[] = ['houses', 'qr-sheet', 'declarations', 'tasks', 'collisions', 'grid-stats'];
const ALL_RESIDENCE_SCREENS: readonly ResidenceScreen[] = [...FIELD_SCREENS, 'imports'];

const RESIDENCE_SCREENS: Record<Role, readonly ResidenceScreen[]> = {
  grid_worker: FIELD_SCREENS,
  supervisor: ALL_RESIDENCE_SCREENS,
  admin: ALL_RESIDENCE_SCREENS,
  dispatcher: [],
  handler: [],
};

export function canUseResidenceScreen(role: Role, screen: ResidenceScreen): boolean {
  return RESIDENCE_SCREENS[role]?.includes(screen) ?? false;
}

/** POST /houses, /houses/{code}/flag and /unflag. */
export function canEditHouses(role: Role): boolean {
  return role === 'grid_worker' || role === 'supervisor' || role === 'admin';
}

/** POST /declarations/{id}/reveal (audited). */
export function canRevealIdNumbers(role: Role): boolean {
  return role === 'grid_worker' || role === 'supervisor' || role === 'admin';
}

/** POST /verification-tasks/{id}/confirm and /reject; admins read tasks but do not verify on the ground. */
export function canResolveTasks(role: Role): boolean {
  return role === 'grid_worker' || role === 'supervisor';
}

/** POST /collisions (立即碰撞). */
export function canRunCollisions(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** The 社保费 screens. Reading runs and discrepancies is open to all staff in the contract, but the work is
 *  the supervisors' and admins', so the others are not offered the group; 接口密钥 is admin only. */
export type FeeScreen = 'reconciliations' | 'discrepancies' | 'payers' | 'keys';

const FEE_SCREENS: Record<Role, readonly FeeScreen[]> = {
  supervisor: ['reconciliations', 'discrepancies', 'payers'],
  admin: ['reconciliations', 'discrepancies', 'payers', 'keys'],
  grid_worker: [],
  dispatcher: [],
  handler: [],
};

export function canUseFeeScreen(role: Role, screen: FeeScreen): boolean {
  return FEE_SCREENS[role]?.includes(screen) ?? false;
}

/** POST /fees/reconciliations (开始对账). */
export function canRunReconciliation(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** POST /fees/discrepancies/{id}/note and /close. */
export function canHandleDiscrepancies(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** The 海岛服务 screens. The SOS board and complaints are for those who dispatch, handle and supervise them;
 *  the places (merchants and service points) are kept by those who may write them in the contract. */
export type TourismScreen = 'help' | 'complaints' | 'places';

const ALL_TOURISM_SCREENS: readonly TourismScreen[] = ['help', 'complaints', 'places'];

const TOURISM_SCREENS: Record<Role, readonly TourismScreen[]> = {
  dispatcher: ALL_TOURISM_SCREENS,
  supervisor: ALL_TOURISM_SCREENS,
  admin: ALL_TOURISM_SCREENS,
  handler: ['help', 'complaints'],
  grid_worker: [],
};

export function canUseTourismScreen(role: Role, screen: TourismScreen): boolean {
  return TOURISM_SCREENS[role]?.includes(screen) ?? false;
}

/** POST /places and PUT /places/{code}. */
export function canEditPlaces(role: Role): boolean {
  return role === 'dispatcher' || role === 'supervisor' || role === 'admin';
}

/** POST /imports with kind=places: imports are supervisor and admin only in the contract. */
export function canImportPlaces(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** The 精准推送 screens (rules, delivery log, statistics): the contract's permission `notices`, held by city
 *  and district admins and supervisors. The staff inbox in the header is everyone's. */
export function canUseNotices(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** 内容审核 (GET /moderation/items, POST …/approve and …/hide): the contract's admins, supervisors and
 *  dispatchers. */
export function canModerate(role: Role): boolean {
  return role === 'admin' || role === 'supervisor' || role === 'dispatcher';
}
