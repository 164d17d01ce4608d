// The outbox of snap-and-report submissions: each report waits here, under the Idempotency-Key it was given once, until
// the API answers 2xx or a 4xx that no retry can fix. It lives in injected key-value storage (Taro storage in the app,
// a Map in tests), so it survives an app restart; the photos it names are kept by the caller. Taro-free (unit-tested).

import { isApiError, userMessage } from './problem'
import type { KeyValueStorage } from './session'

export interface QueuedPhoto {
  /** Where the caller kept the file (a saved file path in weapp, an IndexedDB key or blob URL in H5). */
  ref: string
  filename: string
  contentType: string
}

export interface QueuedReport {
  /** The Idempotency-Key: generated once per submission and sent unchanged on every retry. */
  key: string
  /** The multipart text fields, exactly as they are sent. */
  fields: Record<string, string>
  photos: QueuedPhoto[]
  /** What the person sees in the queue (the category name). */
  label: string
  createdAt: number
  attempts: number
  nextAttemptAt: number
  lastError: string | null
  lastStatus: number | null
}

export interface NewQueuedReport {
  key: string
  fields: Record<string, string>
  photos: QueuedPhoto[]
  label: string
}

export type AttemptResult =
  | { kind: 'sent'; entry: QueuedReport; body: unknown }
  | { kind: 'queued'; entry: QueuedReport; error: unknown; message: string }
  | { kind: 'dropped'; entry: QueuedReport; error: unknown; message: string }
  | { kind: 'missing'; key: string }

/** Sends one queued report; resolves with the API's body on 2xx and throws (an ApiError) otherwise. */
export type Sender = (entry: QueuedReport) => Promise<unknown>

export type QueueListener = (entries: QueuedReport[]) => void

export interface ReportQueueOptions {
  now?: () => number
  random?: () => number
  storageKey?: string
  /** First retry delay; each further failure doubles it. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** Frees what an entry holds (its saved photos) once it leaves the queue. */
  release?: (entry: QueuedReport) => void | Promise<void>
}

export const REPORT_QUEUE_STORAGE_KEY = 'weave.reportQueue'
export const BASE_DELAY_MS = 15_000
export const MAX_DELAY_MS = 30 * 60_000

/**
 * How long a report may wait: the API keeps a report's Idempotency-Key for 7 days. Past that, a retry whose
 * first attempt did arrive would make a second event, so the report is given back to the person instead.
 */
export const MAX_AGE_MS = 7 * 24 * 3600_000
export const TOO_OLD_MESSAGE = '这条上报已等待超过 7 天仍未确认送达，为避免重复，请核对“我的上报”后重新上报'

/** What the photos of a report that cannot be read any more (an H5 page reloaded before IndexedDB kept them) say. */
export const PHOTOS_LOST_MESSAGE = '照片已无法读取，请重新上报'

/**
 * Whether a failed send is worth repeating. Kept: no answer (status 0), 5xx, 408, 429, a 409 (the API is still running a
 * request under this key) and 401 (the person has to sign in again; the report waits). Dropped: every other 4xx
 * (validation, unknown category, outside every grid, a file too large), which the same bytes can never fix,
 * and any failure that is not an API answer (the photos could not be read).
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

function isEntry(value: unknown): value is QueuedReport {
  if (typeof value !== 'object' || value === null) return false
  const e = value as Record<string, unknown>
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

export class ReportQueue {
  private readonly now: () => number
  private readonly random: () => number
  private readonly storageKey: string
  private readonly baseDelayMs: number
  private readonly maxDelayMs: number
  private readonly release?: (entry: QueuedReport) => void | Promise<void>
  private readonly inFlight = new Map<string, Promise<AttemptResult>>()
  private readonly listeners = new Set<QueueListener>()
  private flushing: Promise<AttemptResult[]> | null = null

  constructor(
    private readonly storage: KeyValueStorage,
    options: ReportQueueOptions = {},
  ) {
    this.now = options.now ?? Date.now
    this.random = options.random ?? Math.random
    this.storageKey = options.storageKey ?? REPORT_QUEUE_STORAGE_KEY
    this.baseDelayMs = options.baseDelayMs ?? BASE_DELAY_MS
    this.maxDelayMs = options.maxDelayMs ?? MAX_DELAY_MS
    this.release = options.release
  }

  /** Every waiting report, oldest first. Read from storage each time, so another instance's changes are seen. */
  list(): QueuedReport[] {
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
        .map((e) => ({ ...e, lastError: e.lastError ?? null, lastStatus: e.lastStatus ?? null, label: e.label ?? '' }))
        .sort((a, b) => a.createdAt - b.createdAt)
    } catch {
      return []
    }
  }

  get(key: string): QueuedReport | undefined {
    return this.list().find((e) => e.key === key)
  }

  /** Stores a new submission, due at once. Storage errors propagate: a report that cannot be kept is not accepted silently. */
  enqueue(init: NewQueuedReport): QueuedReport {
    const entries = this.list()
    if (entries.some((e) => e.key === init.key)) throw new Error(`duplicate queue key ${init.key}`)
    const entry: QueuedReport = {
      key: init.key,
      fields: { ...init.fields },
      photos: init.photos.map((p) => ({ ...p })),
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

  /** Takes a report out of the queue (the person gave it up) and frees its photos. */
  async remove(key: string): Promise<void> {
    const entry = this.get(key)
    if (!entry) return
    this.write(this.list().filter((e) => e.key !== key))
    await this.releaseEntry(entry)
  }

  /** Reports whose next attempt time has come. */
  due(): QueuedReport[] {
    const now = this.now()
    return this.list().filter((e) => e.nextAttemptAt <= now)
  }

  /** When the earliest waiting report is due, or null when the queue is empty. */
  nextAttemptAt(): number | null {
    const entries = this.list()
    if (entries.length === 0) return null
    return Math.min(...entries.map((e) => e.nextAttemptAt))
  }

  isInFlight(key: string): boolean {
    return this.inFlight.has(key)
  }

  /**
   * Sends one report now, whatever its next attempt time. A second call while the first is running joins it, so one
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

  /** Sends every due report (every report with `force`), one after another; concurrent flushes share one pass. */
  flush(send: Sender, options: { force?: boolean } = {}): Promise<AttemptResult[]> {
    if (this.flushing) return this.flushing
    this.flushing = (async () => {
      const results: AttemptResult[] = []
      const candidates = options.force ? this.list() : this.due()
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

  private async run(entry: QueuedReport, send: Sender): Promise<AttemptResult> {
    if (this.now() - entry.createdAt > MAX_AGE_MS) {
      await this.removeQuietly(entry)
      return { kind: 'dropped', entry, error: new Error('too old'), message: TOO_OLD_MESSAGE }
    }
    let body: unknown
    try {
      body = await send(entry)
    } catch (error) {
      const message = isApiError(error) ? userMessage(error) : PHOTOS_LOST_MESSAGE
      if (!shouldRetry(error)) {
        await this.removeQuietly(entry)
        return { kind: 'dropped', entry, error, message }
      }
      const failures = entry.attempts + 1
      const updated: QueuedReport = {
        ...entry,
        attempts: failures,
        nextAttemptAt: this.now() + backoffDelayMs(failures, this.random, this.baseDelayMs, this.maxDelayMs),
        lastError: message,
        lastStatus: isApiError(error) ? error.status : null,
      }
      // The person may have given the report up while it was on the wire: then it stays gone.
      const entries = this.list()
      if (entries.some((e) => e.key === entry.key)) {
        this.write(entries.map((e) => (e.key === entry.key ? updated : e)))
      }
      return { kind: 'queued', entry: updated, error, message }
    }
    await this.removeQuietly(entry)
    return { kind: 'sent', entry, body }
  }

  private async removeQuietly(entry: QueuedReport): Promise<void> {
    const entries = this.list()
    if (entries.some((e) => e.key === entry.key)) this.write(entries.filter((e) => e.key !== entry.key))
    await this.releaseEntry(entry)
  }

  private async releaseEntry(entry: QueuedReport): Promise<void> {
    try {
      await this.release?.(entry)
    } catch {
      // A photo that cannot be deleted is left for the system to clean; the queue itself is already right.
    }
  }

  private write(entries: QueuedReport[]): void {
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
