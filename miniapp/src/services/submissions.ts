// What each kind of queued submission is on the wire: a report (POST /reports) and a complaint (POST /tourism/complaints)
// as ONE multipart request of their fields and photos, a help call (POST /tourism/help) as JSON; always under the entry's
// own Idempotency-Key. Taro-free: the one client's `request` and the photo reader are injected (outbox.ts in the app,
// fakes in tests).

import type { Method, RequestOptions } from './client'
import { buildMultipart, newBoundary as randomBoundary, type MultipartFile } from './multipart'
import { orderedFields } from './report-form'
import type { QueuedSubmission, SubmissionKind } from './report-queue'
import { COMPLAINT_FIELD_ORDER } from './tourism-form'

export const SUBMISSION_PATHS: Record<SubmissionKind, string> = {
  report: '/reports',
  complaint: '/tourism/complaints',
  help: '/tourism/help',
}

/** Photos over a weak island signal take time: a minute before the attempt counts as failed and waits for a retry. */
export const UPLOAD_TIMEOUT_MS = 60_000
/** A help call is small, but the signal where it is sent from may be poor. */
export const HELP_TIMEOUT_MS = 30_000

export type SendStage = 'reading' | 'uploading'
export type SendProgress = (stage: SendStage, done: number, total: number) => void

export interface SenderDeps {
  request: <T>(method: Method, path: string, options?: RequestOptions) => Promise<T>
  /** The bytes of a kept photo; throws when it cannot be read any more. */
  readPhoto: (ref: string) => Promise<ArrayBuffer>
  newBoundary?: () => string
}

export type SubmissionSender = (entry: QueuedSubmission, onProgress?: SendProgress) => Promise<unknown>

function fieldsInOrder(entry: QueuedSubmission): { name: string; value: string }[] {
  if (entry.kind !== 'complaint') return orderedFields(entry.fields)
  const names = [...COMPLAINT_FIELD_ORDER.filter((n) => n in entry.fields), ...Object.keys(entry.fields).filter((n) => !COMPLAINT_FIELD_ORDER.includes(n))]
  return names.map((name) => ({ name, value: entry.fields[name] }))
}

/** The one way a queued entry is sent; resolves with the API's 2xx body and throws an ApiError otherwise. */
export function createSubmissionSender(deps: SenderDeps): SubmissionSender {
  const boundary = deps.newBoundary ?? (() => randomBoundary())
  return async (entry, onProgress) => {
    const path = SUBMISSION_PATHS[entry.kind]
    if (entry.kind === 'help') {
      if (!entry.json) throw new Error('help call without a body')
      onProgress?.('uploading', 0, 0)
      return deps.request<unknown>('POST', path, { auth: true, idempotencyKey: entry.key, data: entry.json, timeoutMs: HELP_TIMEOUT_MS })
    }
    const files: MultipartFile[] = []
    for (const photo of entry.photos) {
      onProgress?.('reading', files.length, entry.photos.length)
      files.push({ name: 'photos', filename: photo.filename, contentType: photo.contentType, data: await deps.readPhoto(photo.ref) })
    }
    onProgress?.('uploading', files.length, entry.photos.length)
    const multipart = buildMultipart(fieldsInOrder(entry), files, boundary())
    return deps.request<unknown>('POST', path, {
      auth: true,
      idempotencyKey: entry.key,
      body: { data: multipart.body, contentType: multipart.contentType },
      timeoutMs: UPLOAD_TIMEOUT_MS,
    })
  }
}
