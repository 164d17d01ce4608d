// Registration at one moment (pure): an event reported and, for a category dispatched automatically or a
// finding of the collision job, filed and dispatched by the system in the same instant. The event row goes in as
// it then stands, with the chain its steps would have appended one by one, so the transaction only writes.
import { chainOf, type ChainStep } from './evidence';
import type { EvidenceActor } from './evidence-store';
import type { EventStatus } from './lifecycle';

export const SYSTEM: EvidenceActor = { kind: 'system', id: null, role: 'system' };

/** An event as registered, before any step: status reported, no unit, no deadlines. */
interface ReportedEvent { code: string; status: 'reported'; unitId: null; responseDueAt: null; resolutionDueAt: null; [field: string]: unknown }

/**
 * An event registered and, when a unit is given, filed and dispatched by the system at the same moment (intake of a
 * category dispatched automatically, the collision job): the event as it then stands, and the chain of its records
 * (report; file; dispatch), exactly as appending each step in turn would write them.
 */
export function registration<E extends ReportedEvent>(
  reported: E, report: { actor: EvidenceActor; payload: Record<string, unknown>; attachments?: string[] },
  dispatch: { unitId: number; unitName: string | null; due: { responseDueAt: Date; resolutionDueAt: Date }; rule: string } | null, at: Date,
) {
  const steps: ChainStep[] = [{ action: 'report', actor: report.actor, from: null, state: reported, payload: report.payload, attachments: report.attachments }];
  let event: Omit<E, 'status' | 'unitId' | 'responseDueAt' | 'resolutionDueAt'> & { status: EventStatus; unitId: number | null; responseDueAt: Date | null; resolutionDueAt: Date | null } = reported;
  if (dispatch) {
    event = { ...reported, status: 'dispatched', unitId: dispatch.unitId, ...dispatch.due };
    steps.push({ action: 'file', actor: SYSTEM, from: 'reported', state: { ...reported, status: 'filed' }, payload: { rule: dispatch.rule } });
    steps.push({ action: 'dispatch', actor: SYSTEM, from: 'filed', state: event, payload: { unitId: dispatch.unitId, unitName: dispatch.unitName, ...dispatch.due } });
  }
  return { event, chain: chainOf(reported.code, steps, at.toISOString()) };
}
