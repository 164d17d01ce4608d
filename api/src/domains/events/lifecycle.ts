// The event state machine as a table: state × action × role → next state. The service is the only writer
// of a status and asks this table first; the apps draw their buttons from allowedActions() (DESIGN rule 16).

export const EVENT_STATUSES = {
  reported: '已上报', filed: '已立案', dispatched: '已派遣', in_progress: '处置中', resolved: '已处置待核查',
  closed: '已结案', rejected: '不予立案', returned: '已退回', reopened: '重新办理', merged: '已合并',
} as const;
export type EventStatus = keyof typeof EVENT_STATUSES;

export const EVENT_ACTIONS = {
  report: '上报', file: '立案', reject: '不予立案', dispatch: '派遣', accept: '接单', return: '退回', resolve: '处置完成',
  verify_pass: '核查通过', verify_fail: '核查不通过', confirm: '确认解决', dispute: '有异议', rate: '评价', merge: '合并',
  merged_in: '并入重复上报', escalate: '超时督办', review: '差评复核', moderate: '内容审核',
} as const;
export type EventAction = keyof typeof EVENT_ACTIONS;

/** How the caller stands to this event: their staff role in scope, the unit's handler, the reporter, or the system. */
export type Relation = 'dispatcher' | 'supervisor' | 'admin' | 'handler' | 'grid_worker' | 'reporter' | 'system';

export interface Transition { from: readonly EventStatus[]; action: EventAction; by: readonly Relation[]; to: EventStatus | 'same' }

const DISPATCHERS: Relation[] = ['dispatcher', 'supervisor', 'admin'];
export const OPEN_STATUSES: readonly EventStatus[] = ['reported', 'filed', 'dispatched', 'in_progress', 'resolved', 'returned', 'reopened'];

export const TRANSITIONS: readonly Transition[] = [
  { from: ['reported'], action: 'file', by: [...DISPATCHERS, 'system'], to: 'filed' },
  { from: ['reported', 'filed', 'returned', 'reopened'], action: 'reject', by: DISPATCHERS, to: 'rejected' },
  // Dispatch from a dispatched event is re-dispatch to another unit.
  { from: ['reported', 'filed', 'returned', 'reopened', 'dispatched'], action: 'dispatch', by: [...DISPATCHERS, 'system'], to: 'dispatched' },
  { from: ['dispatched'], action: 'accept', by: ['handler'], to: 'in_progress' },
  { from: ['dispatched', 'in_progress'], action: 'return', by: ['handler'], to: 'returned' },
  { from: ['dispatched', 'in_progress'], action: 'resolve', by: ['handler'], to: 'resolved' },
  { from: ['resolved'], action: 'verify_pass', by: ['grid_worker', ...DISPATCHERS], to: 'closed' },
  { from: ['resolved'], action: 'verify_fail', by: ['grid_worker', ...DISPATCHERS], to: 'reopened' },
  { from: ['resolved'], action: 'confirm', by: ['reporter'], to: 'closed' },
  { from: ['resolved', 'closed'], action: 'dispute', by: ['reporter'], to: 'reopened' },
  { from: ['closed'], action: 'rate', by: ['reporter'], to: 'same' },
  { from: ['reported', 'filed', 'dispatched', 'returned', 'reopened'], action: 'merge', by: [...DISPATCHERS, 'reporter'], to: 'merged' },
];

/** Facts the guards need, computed by the service from the event and the clock. */
export interface EventFacts { status: EventStatus; rated: boolean; daysSinceClosed: number | null; mergeableByReporter: boolean }

export const DISPUTE_WINDOW_DAYS = 7;

/** The facts of an event as the guards see them, at a given moment. */
export function factsOf(event: { status: EventStatus; rating: number | null; closedAt: Date | string | null; respondedAt: Date | string | null }, now: Date): EventFacts {
  return {
    status: event.status,
    rated: event.rating !== null,
    daysSinceClosed: event.closedAt ? (now.getTime() - new Date(event.closedAt).getTime()) / 86400_000 : null,
    // A reporter may fold a fresh report into another, not one a unit has already taken up.
    mergeableByReporter: ['reported', 'filed', 'dispatched'].includes(event.status) && !event.respondedAt,
  };
}

function guard(action: EventAction, relation: Relation, facts: EventFacts): boolean {
  switch (action) {
    case 'dispute': return facts.status !== 'closed' || (facts.daysSinceClosed !== null && facts.daysSinceClosed <= DISPUTE_WINDOW_DAYS);
    case 'rate': return !facts.rated;
    // A reporter may fold their own fresh report into an existing one, not a case already worked on.
    case 'merge': return relation !== 'reporter' || facts.mergeableByReporter;
    default: return true;
  }
}

export type Decision = { ok: true; to: EventStatus } | { ok: false; reason: 'state' | 'role' };

export function decide(action: EventAction, relations: readonly Relation[], facts: EventFacts): Decision {
  const candidates = TRANSITIONS.filter((t) => t.action === action && t.from.includes(facts.status));
  if (!candidates.length) return { ok: false, reason: 'state' };
  let roleFits = false;
  for (const t of candidates) {
    const relation = t.by.find((r) => relations.includes(r));
    if (!relation) continue;
    roleFits = true;
    if (guard(action, relation, facts)) return { ok: true, to: t.to === 'same' ? facts.status : t.to };
  }
  // The caller's role could do this, but not now (already rated, past the dispute window): a state conflict.
  return { ok: false, reason: roleFits ? 'state' : 'role' };
}

/** The API's action names (verify covers pass and fail) that this caller may take now. */
export function allowedActions(relations: readonly Relation[], facts: EventFacts): string[] {
  const names = new Set<string>();
  for (const t of TRANSITIONS) {
    if (t.by.includes('system') && t.by.length === 1) continue;
    if (decide(t.action, relations.filter((r) => r !== 'system'), facts).ok) names.add(t.action.startsWith('verify_') ? 'verify' : t.action);
  }
  return [...names];
}
