// Who may work with targeted notices: admins and supervisors (rules, their log and statistics), within
// their region. Everyone else signed in has only their own inbox.
import type { Actor, StaffActor } from '../../actor';
import { Forbidden, Unauthenticated } from '../../errors';

export const NOTICE_ROLES: readonly string[] = ['admin', 'supervisor'];

/** The caller as staff who may use notices; `what` says what was refused, in the message. */
export function noticeStaff(actor: Actor, what: string): StaffActor {
  if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
  if (actor.kind !== 'staff' || !NOTICE_ROLES.includes(actor.role)) throw new Forbidden(`仅管理员和督办员可${what}`);
  return actor;
}
