// The outbox of this device's submissions (随手拍 reports, tourist complaints and help calls): each waits here, under the
// Idempotency-Key it was given once, until the API answers 2xx or a 4xx that no retry can fix. It lives in injected
// key-value storage (Taro storage in the app, a Map in tests), so it survives an app restart; the photos it names are
// kept by the caller, and what each kind is on the wire is submissions.ts. Taro-free (unit-tested).

import { isApiError, userMessage } from './problem'
import type { KeyValueStorage } from './session'

export interface QueuedPhoto {
  /** Where the caller kept the file (a saved file path in weapp, an IndexedDB key or blob URL in H5). */
  ref: string
  filename: string
  contentType: string
}

/** What a queued submission is: POST /reports and POST /tourism/complaints (multipart), POST /tourism/help (JSON). */
export type SubmissionKind = 'report' | 'complaint' | 'help'

export const SUBMISSION_KINDS: readonly SubmissionKind[] = ['report', 'complaint', 'help']

/** How the queue names each kind to people: 「这条求助…」. */
export const KIND_NOUNS: Record<SubmissionKind, string> = { report: '上报', complaint: '投诉', help: '求助' }

export interface QueuedSubmission {
  /** The Idempotency-Key: generated once per submission and sent unchanged on every retry. */
  key: string
  /** Entries stored before kinds existed (an app update over a phone with queued reports) are read as reports. */
  kind: SubmissionKind
  /** The multipart text fields (report, complaint), exactly as they are sent; {} for a help call. */
  fields: Record<string, string>
  /** The JSON body of a help call, exactly as it is sent; absent for the multipart kinds. */
  json?: Record<string, unknown>
  photos: QueuedPhoto[]
  /** What the person sees in the queue (「道路破损」, 「投诉：价格欺诈」, 「求助：医疗急救」). */
  label: string
  createdAt: number
  attempts: number
  nextAttemptAt: number
  lastError: string | null
  lastStatus: number | null
}

export interface NewSubmission {
  key: string
  /** 'report' when left out. */
  kind?: SubmissionKind
  fields?: Record<string, string>
  json?: Record<string, unknown>
  photos?: QueuedPhoto[]
  label: string
}

export type AttemptResult =
  | { kind: 'sent'; entry: QueuedSubmission; body: unknown }
  | { kind: 'queued'; entry: QueuedSubmission; error: unknown; message: string }
  | { kind: 'dropped'; entry: QueuedSubmission; error: unknown; message: string }
  | { kind: 'missing'; key: string }

/** Sends one queued submission; resolves with the API's body on 2xx and throws (an ApiError) otherwise. */
export type Sender = (entry: QueuedSubmission) => Promise<unknown>

export type QueueListener = (entries: QueuedSubmission[]) => void

export interface SubmissionQueueOptions {
  now?: () => number
  random?: () => number
  storageKey?: string
  /** First retry delay; each further failure doubles it. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** Frees what an entry holds (its saved photos) once it leaves the queue. */
  release?: (entry: QueuedSubmission) => void | Promise<void>
}

/** The storage key predates the other kinds; it stays, so an app update finds the reports already waiting. */
export const REPORT_QUEUE_STORAGE_KEY = 'weave.reportQueue'
export const BASE_DELAY_MS = 15_000
export const MAX_DELAY_MS = 30 * 60_000

/**
 * How long a submission may wait: the API keeps the Idempotency-Key of reports, complaints and help calls for 7 days.
 * Past that, a retry whose first attempt did arrive would make a second event, so it is given back to the person instead.
 */
export const MAX_AGE_MS = 7 * 24 * 3600_000
export const TOO_OLD_MESSAGE = '这条上报已等待超过 7 天仍未确认送达，为避免重复，请核对“我的上报”后重新上报'

/** What the photos of a report that cannot be read any more (an H5 page reloaded before IndexedDB kept them) say. */
export const PHOTOS_LOST_MESSAGE = '照片已无法读取，请重新上报'

/** TOO_OLD_MESSAGE in the words of each kind. */
export function tooOldMessage(kind: SubmissionKind): string {
  if (kind === 'report') return TOO_OLD_MESSAGE
  const noun = KIND_NOUNS[kind]
  return `这条${noun}已等待超过 7 天仍未确认送达，为避免重复，请核对“我的上报”后重新${kind === 'help' ? '求助' : '提交'}`
}

/** Why a submission failed without an answer from the API: its photos are gone (or, for a help call, a defect). */
export function unreadableMessage(kind: SubmissionKind): string {
  if (kind === 'report') return PHOTOS_LOST_MESSAGE
  if (kind === 'complaint') return '照片已无法读取，请重新提交投诉'
  return '求助内容无法发送，请重新填写后发送'
}

/**
 * Whether a failed send is worth repeating. Kept: no answer (status 0), 5xx, 408, 429, a 409 (the API is still running a
 * request under this key) and 401 (the person has to sign in again; the submission waits). Dropped: every other 4xx
 * (validation, unknown category or place, outside every grid or island, a file too large), which the same bytes can
 * never fix, and any failure that is not an API answer (the photos could not be read).
 */
export function shouldRetry(error: unknown): boolean {
  if (!isApiError(error)) return false
  const status = error.status
  if (status === 0 || status >= 500) return true
  return status === 401 || status === 408 || status === 409 || status === 425 || status === 429
}

/**
 * Exponential backoff with "equal jitter": after the n-th failure wait between half and all of base·2^(n-1),
 * capped at max, so many phones coming back online together do not retry in step.
 */
export function backoffDelayMs(failures: number, random: () => number = Math.random, baseMs = BASE_DELAY_MS, maxMs = MAX_DELAY_MS): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30))
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent)
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

function isKind(value: unknown): value is SubmissionKind {
  return typeof value === 'string' && (SUBMISSION_KINDS as readonly string[]).includes(value)
}

function isEntry(value: unknown): value is QueuedSubmission {
  if (typeof value !== 'object' || value === null) return false
  const e = value as Record<string, unknown>
  // No kind: stored before kinds existed, a report. A kind this version does not know cannot be sent: left out.
  if (e.kind !== undefined && !isKind(e.kind)) return false
  if (e.kind === 'help' && (typeof e.json !== 'object' || e.json === null || Array.isArray(e.json))) return false
  return (
    typeof e.key === 'string' &&
    e.key !== '' &&
    typeof e.fields === 'object' &&
    e.fields !== null &&
    Array.isArray(e.photos) &&
    typeof e.createdAt === 'number' &&
    typeof e.attempts === 'number' &&
    typeof e.nextAttemptAt === 'number'
  )
}

/** Help calls go first: an SOS must not wait behind a report's nine photos on a weak signal. */
function priority(entry: QueuedSubmission): number {
  return entry.kind === 'help' ? 0 : 1
}

/** A stable sort: within one priority the order stays oldest first. */
function byPriority(entries: QueuedSubmission[]): QueuedSubmission[] {
  return entries.map((e, i) => ({ e, i })).sort((a, b) => priority(a.e) - priority(b.e) || a.i - b.i).map(({ e }) => e)
}

export class SubmissionQueue {
  private readonly now: () => number
  private readonly random: () => number
  private readonly storageKey: string
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly release?: (entry: QueuedSubmission) => void | Promise<void>
  private readonly inFlight = new Map<string, Promise<AttemptResult>>()
  private readonly listeners = new Set<QueueListener>()
  private flushing: Promise<AttemptResult[]> | null = null

  constructor(
    private readonly storage: KeyValueStorage,
    options: SubmissionQueueOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
    this.storageKey = options.storageKey ?? REPORT_QUEUE_STORAGE_KEY
    this.baseDelayMs = options.baseDelayMs ?? BASE_DELAY_MS
    this.maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS
    this.release = options.release
  }

  /** Every waiting submission, oldest first. Read from storage each time, so another instance's changes are seen. */
  list(): QueuedSubmission[] {
    let raw: string | null | undefined
    try {
      raw = this.storage.get(this.storageKey)
    } catch {
      return []
    }
    if (!raw) return []
    try {
      const parsed: unknown = JSON.parse(raw)
      if (!Array.isArray(parsed)) return []
      return parsed
        .filter(isEntry)
        .map((e) => ({ ...e, kind: e.kind ?? 'report', lastError: e.lastError ?? null, lastStatus: e.lastStatus ?? null, label: e.label ?? '' }))
        .sort((a, b) => a.createdAt - b.createdAt)
    } catch {
      return []
    }
  }

  get(key: string): QueuedSubmission | undefined {
    return this.list().find((e) => e.key === key)
  }

  /**
   * Stores a new submission, due at once. A key already held is refused (the first entry stays, alone). Storage errors
   * propagate: a submission that cannot be kept is not accepted silently.
   */
  enqueue(init: NewSubmission): QueuedSubmission {
    const entries = this.list()
    if (entries.some((e) => e.key === init.key)) throw new Error(`duplicate queue key ${init.key}`)
    const kind = init.kind ?? 'report'
    if (kind === 'help' && !init.json) throw new Error('a help call needs its JSON body')
    const entry: QueuedSubmission = {
      key: init.key,
      kind,
      fields: { ...(init.fields ?? {}) },
      ...(init.json ? { json: { ...init.json } } : {}),
      photos: (init.photos ?? []).map((p) => ({ ...p })),
      label: init.label,
      createdAt: this.now(),
      attempts: 0,
      nextAttemptAt: this.now(),
      lastError: null,
      lastStatus: null,
    }
    this.write([...entries, entry])
    return entry
  }

  /** Takes a submission out of the queue (the person gave it up) and frees its photos. */
  async remove(key: string): Promise<void> {
    const entry = this.get(key)
    if (!entry) return
    this.write(this.list().filter((e) => e.key !== key))
    await this.releaseEntry(entry)
  }

  /** Submissions whose next attempt time has come: help calls first, then oldest first. */
  due(): QueuedSubmission[] {
    const now = this.now()
    return byPriority(this.list().filter((e) => e.nextAttemptAt <= now))
  }

  /** When the earliest waiting submission is due, or null when the queue is empty. */
  nextAttemptAt(): number | null {
    const entries = this.list()
    if (entries.length === 0) return null
    return Math.min(...entries.map((e) => e.nextAttemptAt))
  }

  isInFlight(key: string): boolean {
    return this.inFlight.has(key)
  }

  /**
   * Sends one submission now, whatever its next attempt time. A second call while the first is running joins it, so one
   * key is never on the wire twice from this device.
   */
  attempt(key: string, send: Sender): Promise<AttemptResult> {
    const running = this.inFlight.get(key)
    if (running) return running
    const entry = this.get(key)
    if (!entry) return Promise.resolve({ kind: 'missing', key })
    const run = this.run(entry, send).finally(() => {
      this.inFlight.delete(key)
      this.emit()
    })
    this.inFlight.set(key, run)
    this.emit()
    return run
  }

  /**
   * Sends every due submission (every one with `force`), one after another, help calls first; concurrent flushes share
   * one pass.
   */
  flush(send: Sender, options: { force?: boolean } = {}): Promise<AttemptResult[]> {
    if (this.flushing) return this.flushing
    this.flushing = (async () => {
      const results: AttemptResult[] = []
      const candidates = options.force ? byPriority(this.list()) : this.due()
      for (const entry of candidates) {
        results.push(await this.attempt(entry.key, send))
      }
      return results
    })().finally(() => {
      this.flushing = null
    })
    return this.flushing
  }

  subscribe(listener: QueueListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private async run(entry: QueuedSubmission, send: Sender): Promise<AttemptResult> {
    if (this.now() - entry.createdAt > MAX_AGE_MS) {
      await this.removeQuietly(entry)
      return { kind: 'dropped', entry, error: new Error('too old'), message: tooOldMessage(entry.kind) }
    }
    let body: unknown
    try {
      body = await send(entry)
    } catch (error) {
      const message = isApiError(error) ? userMessage(error) : unreadableMessage(entry.kind)
      if (!shouldRetry(error)) {
        await this.removeQuietly(entry)
        return { kind: 'dropped', entry, error, message }
      }
      const failures = entry.attempts + 1
      const updated: QueuedSubmission = {
        ...entry,
        attempts: failures,
        nextAttemptAt: this.now() + backoffDelayMs(failures, this.random, this.baseDelayMs, this.maxDelayMs),
        lastError: message,
        lastStatus: isApiError(error) ? error.status : null,
      }
      // The person may have given it up while it was on the wire: then it stays gone.
      const entries = this.list()
      if (entries.some((e) => e.key === entry.key)) {
        this.write(entries.map((e) => (e.key === entry.key ? updated : e)))
      }
      return { kind: 'queued', entry: updated, error, message }
    }
    await this.removeQuietly(entry)
    return { kind: 'sent', entry, body }
  }

  private async removeQuietly(entry: QueuedSubmission): Promise<void> {
    const entries = this.list()
    if (entries.some((e) => e.key === entry.key)) this.write(entries.filter((e) => e.key !== entry.key))
    await this.releaseEntry(entry)
  }

  private async releaseEntry(entry: QueuedSubmission): Promise<void> {
    try {
      await this.release?.(entry)
    } catch {
      // A photo that cannot be deleted is left for the system to clean; the queue itself is already right.
    }
  }

  private write(entries: QueuedSubmission[]): void {
    if (entries.length === 0) this.storage.remove(this.storageKey)
    else this.storage.set(this.storageKey, JSON.stringify(entries))
    this.emit()
  }

  private emit(): void {
    if (this.listeners.size === 0) return
    const entries = this.list()
    for (const listener of [...this.listeners]) listener(entries)
  }
}

// The names from before the outbox carried other kinds than reports.
export { SubmissionQueue as ReportQueue }
export type QueuedReport = QueuedSubmission
export type NewQueuedReport = NewSubmission
export type ReportQueueOptions = SubmissionQueueOptions
