// Events: the records the snap-and-report workflow moves (docs/api.md, "Snap-and-report and events"). State
// changes go only through the command endpoints; which commands a person may run is `allowedActions`,
// decided by the server (DESIGN rule 16), so nothing here knows the state machine.
import { request } from './client';

export type EventStatus =
  | 'reported'
  | 'filed'
  | 'dispatched'
  | 'in_progress'
  | 'resolved'
  | 'closed'
  | 'rejected'
  | 'returned'
  | 'reopened'
  | 'merged';

/**
 * Filter choices only: every event the API sends names its own status (`statusName`). The contract lists the
 * states but /meta does not carry them, so the labels are copied from docs/api.md.
 */
export const EVENT_STATUSES: { value: EventStatus; label: string }[] = [
  { value: 'reported', label: '已上报' },
  { value: 'filed', label: '已立案' },
  { value: 'dispatched', label: '已派遣' },
  { value: 'in_progress', label: '处置中' },
  { value: 'resolved', label: '已处置待核查' },
  { value: 'closed', label: '已结案' },
  { value: 'rejected', label: '不予立案' },
  { value: 'returned', label: '已退回' },
  { value: 'reopened', label: '重新办理' },
  { value: 'merged', label: '已合并' },
];

/** Levels 1 (most urgent) to 5, as docs/api.md lists them; for filters and the category form. */
export const EVENT_LEVELS: { value: number; label: string }[] = [
  { value: 1, label: '特急（安全隐患）' },
  { value: 2, label: '紧急' },
  { value: 3, label: '较急' },
  { value: 4, label: '一般' },
  { value: 5, label: '轻微' },
];

export type EventQueue = 'dispatch' | 'handling' | 'verification';

export interface EventSummary {
  code: string;
  status: EventStatus;
  statusName: string;
  categoryCode: string;
  categoryName: string;
  level: number;
  levelName: string;
  description: string;
  address: string | null;
  gridCode: string | null;
  gridName: string | null;
  communityName: string | null;
  unitId: number | null;
  unitName: string | null;
  overdue: boolean;
  createdAt: string;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  thumbnailUrl: string | null;
}

export interface Photo {
  id: number;
  kind: 'report' | 'resolution';
  /** Signed and valid for 10 minutes; usable in <img> and links without a token. */
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

export interface TimelineEntry {
  seq: number;
  action: string;
  actionName: string;
  actorRole: string | null;
  actorRoleName: string | null;
  fromStatus: EventStatus | null;
  toStatus: EventStatus | null;
  note: string | null;
  at: string;
  photos: Photo[];
}

export interface EventDetail extends EventSummary {
  source: string;
  lat: number;
  lng: number;
  anonymous: boolean;
  isReporter: boolean;
  photos: Photo[];
  timeline: TimelineEntry[];
  rating: number | null;
  ratingComment: string | null;
  mergedInto: string | null;
  allowedActions: string[];
  evidence: { verified: boolean };
}

export interface EvidenceRecord {
  seq: number;
  action: string;
  actor: { kind: string; role: string | null; id: number | null };
  fromStatus: EventStatus | null;
  toStatus: EventStatus | null;
  at: string;
  payloadDigest: string;
  attachments: unknown;
  prevHash: string | null;
  hash: string;
}

export interface Evidence {
  verified: boolean;
  /** The seq of the first record whose hash does not follow from the one before; null when the chain holds. */
  brokenAt: number | null;
  records: EvidenceRecord[];
}

export interface EventQuery {
  queue?: EventQueue;
  status?: string;
  level?: number;
  category?: string;
  gridCode?: string;
  /** Sent only as true ("overdue only"); the contract does not say what false would mean. */
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

export function listEvents(query: EventQuery, signal?: AbortSignal) {
  return request<{ items: EventSummary[]; total: number }>('/events', {
    query: { ...query, overdue: query.overdue ? true : undefined },
    signal,
  });
}

export function getEvent(code: string, signal?: AbortSignal): Promise<EventDetail> {
  return request<EventDetail>(`/events/${encodeURIComponent(code)}`, { signal });
}

export function getEvidence(code: string, signal?: AbortSignal): Promise<Evidence> {
  return request<Evidence>(`/events/${encodeURIComponent(code)}/evidence`, { signal });
}

/**
 * Runs one command (POST /events/{code}/{action}) and answers the event as it now is. No Idempotency-Key:
 * a command is guarded by the event's state, so a repeated one is a 409, never a second transition.
 * `body` is JSON, or FormData for resolve (note + photos).
 */
export function runEventCommand(code: string, action: string, body: object | FormData): Promise<EventDetail> {
  return request<EventDetail>(`/events/${encodeURIComponent(code)}/${encodeURIComponent(action)}`, {
    method: 'POST',
    body,
  });
}
