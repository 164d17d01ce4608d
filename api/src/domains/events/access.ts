// How a caller stands to an event, which decides what they see and may do. Handlers see their unit's
// events wherever they are; other staff see the events in their region subtree; residents see their own
// reports and those they joined. Anyone else is told the event does not exist.
import type { Actor } from '../../actor';
import type { Relation } from './lifecycle';

export interface EventAccessFacts { regionPath: string; unitId: number | null; reporterId: number | null; reporterStaffId: number | null }

export function relationsFor(actor: Actor, event: EventAccessFacts): Relation[] {
  if (actor.kind === 'staff') {
    if (actor.role === 'handler') return event.unitId !== null && event.unitId === actor.unitId ? ['handler'] : [];
    return event.regionPath.startsWith(actor.regionPath) ? [actor.role] : [];
  }
  if (actor.kind === 'resident' && event.reporterId === actor.id) return ['reporter'];
  return [];
}

export function canSee(actor: Actor, event: EventAccessFacts, isFollower: boolean): boolean {
  return relationsFor(actor, event).length > 0 || (actor.kind === 'resident' && isFollower);
}
