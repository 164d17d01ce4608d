// Snap-and-report and events for the resident (docs/api.md "Snap-and-report and events"): categories, submitting a
// report through the outbox, my reports, one event and the reporter's commands. Pages call these, never Taro.request.

import { ApiError, isApiError, newIdempotencyKey, request } from './http'
import {
  parseCategories,
  parseCreatedReport,
  parseEventDetail,
  parseEventPage,
  type Category,
  type CreatedReport,
  type EventDetail,
  type EventSummary,
  type ReporterAction,
} from './events'
import { keepPhotos, COORD_SYSTEM } from './media'
import { submitThroughOutbox, type SendProgress } from './outbox'
import { reportFields, type CoordSystem, type ReportDraft } from './report-form'
import type { QueuedSubmission } from './report-queue'

function badResponse(): ApiError {
  return new ApiError({ status: 502, type: 'bad-response', title: '服务返回的内容无法识别，请稍后重试' })
}

export async function fetchCategories(): Promise<Category[]> {
  return parseCategories(await request<unknown>('GET', '/categories'))
}

export interface GridInfo {
  code: string
  name: string
  communityName: string | null
  streetName: string | null
}

/** The grid a point falls in, or null when it lies outside every grid (404): the report would be refused. */
export async function locateGrid(lat: number, lng: number, coordSystem: CoordSystem = COORD_SYSTEM): Promise<GridInfo | null> {
  try {
    const body = await request<{ grid?: Record<string, unknown> }>('GET', '/grids/locate', { data: { lat, lng, coordSystem } })
    const grid = body?.grid
    if (!grid || typeof grid.name !== 'string') return null
    return {
      code: String(grid.code ?? ''),
      name: grid.name,
      communityName: typeof grid.communityName === 'string' ? grid.communityName : null,
      streetName: typeof grid.streetName === 'string' ? grid.streetName : null,
    }
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null
    throw error
  }
}

export type SubmitStage = 'keeping' | 'reading' | 'uploading'

export type SubmitOutcome =
  | { kind: 'created'; key: string; report: CreatedReport | null }
  | { kind: 'queued'; key: string; entry: QueuedSubmission; message: string }
  | { kind: 'failed'; key: string; error: unknown; message: string }

/**
 * Submits a valid draft: a new Idempotency-Key for this submission, the photos kept where they survive a restart,
 * the report put in the outbox, then one attempt now. A network error or 5xx leaves it queued (retried later under the
 * same key); a 4xx that can never succeed takes it out again and is returned as `failed`.
 */
export async function submitReport(draft: ReportDraft, label: string, onProgress?: (stage: SubmitStage, done: number, total: number) => void): Promise<SubmitOutcome> {
  const key = newIdempotencyKey()
  const fields = reportFields(draft, COORD_SYSTEM)
  onProgress?.('keeping', 0, draft.photos.length)
  const photos = await keepPhotos(key, draft.photos)
  const progress: SendProgress = (stage, done, total) => onProgress?.(stage, done, total)
  const outcome = await submitThroughOutbox({ key, kind: 'report', fields, photos, label }, progress)
  if (outcome.kind === 'sent') return { kind: 'created', key, report: parseCreatedReport(outcome.body) }
  return outcome
}

export async function fetchMyReports(page: number, pageSize = 20): Promise<{ items: EventSummary[]; total: number }> {
  return parseEventPage(await request<unknown>('GET', '/me/reports', { auth: true, data: { page, pageSize } }))
}

export async function fetchEvent(code: string): Promise<EventDetail> {
  const detail = parseEventDetail(await request<unknown>('GET', `/events/${encodeURIComponent(code)}`, { auth: true }))
  if (!detail) throw badResponse()
  return detail
}

export type CommandBody =
  | { action: 'confirm' }
  | { action: 'dispute'; reason: string }
  | { action: 'rate'; rating: number; comment?: string }
  | { action: 'merge'; into: string }

/** POST /events/{code}/{action}: answers the new EventDetail; 409 means the event moved on (the caller reloads). */
export async function runCommand(code: string, command: CommandBody): Promise<EventDetail> {
  const { action, ...body } = command
  const path = `/events/${encodeURIComponent(code)}/${action satisfies ReporterAction}`
  const detail = parseEventDetail(await request<unknown>('POST', path, { auth: true, data: body }))
  if (!detail) throw badResponse()
  return detail
}
