// Who is asking: every service takes an actor and decides what it may do (authorisation lives in services).
import type { StaffRole } from './domains/grid/vocabulary';

export interface StaffActor { kind: 'staff'; id: number; role: StaffRole; regionId: number; regionPath: string; unitId: number | null }
export interface ResidentActor { kind: 'resident'; id: number }
export interface AnonymousActor { kind: 'anonymous' }
export type Actor = StaffActor | ResidentActor | AnonymousActor;

export const anonymous: AnonymousActor = { kind: 'anonymous' };

/** A stable key for per-caller records such as idempotency keys. */
export function actorKey(actor: Actor | undefined): string {
  if (!actor || actor.kind === 'anonymous') return 'anonymous';
  return `${actor.kind}:${actor.id}`;
}
