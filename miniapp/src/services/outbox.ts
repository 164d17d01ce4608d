// The report outbox of this device: the ReportQueue over Taro storage, the one way a queued report is sent
// (a multipart body through the one client), and the retries: when the app shows, when the network returns and
// when the next backoff time comes. Pages read its state; app.ts starts it.

import Taro from '@tarojs/taro'
import { request, sessions, taroStorage } from './http'
import { discardPhotos, readPhoto } from './media'
import { buildMultipart, newBoundary, type MultipartFile } from './multipart'
import { orderedFields } from './report-form'
import { ReportQueue, type AttemptResult, type QueuedReport } from './report-queue'

/** Photos over a weak island signal take time: a minute before the attempt counts as failed and waits for a retry. */
const UPLOAD_TIMEOUT_MS = 60_000

export type SendStage = 'reading' | 'uploading'
export type SendProgress = (stage: SendStage, done: number, total: number) => void

export const outbox = new ReportQueue(taroStorage, { release: (entry) => discardPhotos(entry.photos) })

/** POST /reports as ONE multipart request: the fields, then every photo under the field name `photos`. */
export async function sendReport(entry: QueuedReport, onProgress?: SendProgress): Promise<unknown> {
  const files: MultipartFile[] = []
  for (const photo of entry.photos) {
    onProgress?.('reading', files.length, entry.photos.length)
    files.push({ name: 'photos', filename: photo.filename, contentType: photo.contentType, data: await readPhoto(photo.ref) })
  }
  onProgress?.('uploading', files.length, entry.photos.length)
  const multipart = buildMultipart(orderedFields(entry.fields), files, newBoundary())
  return request<unknown>('POST', '/reports', {
    auth: true,
    idempotencyKey: entry.key,
    body: { data: multipart.body, contentType: multipart.contentType },
    timeoutMs: UPLOAD_TIMEOUT_MS,
  })
}

type ResultListener = (result: AttemptResult) => void
const resultListeners = new Set<ResultListener>()

/** Pages that wait for a queued report (the new-report page, 我的上报) hear how each attempt ended. */
export function onOutboxResult(listener: ResultListener): () => void {
  resultListeners.add(listener)
  return () => {
    resultListeners.delete(listener)
  }
}

function announce(result: AttemptResult, quiet: boolean): void {
  for (const listener of [...resultListeners]) listener(result)
  if (quiet) return
  if (result.kind === 'sent') void Taro.showToast({ title: '待发送的上报已提交', icon: 'none', duration: 3000 })
  if (result.kind === 'dropped') void Taro.showToast({ title: `一条待发送的上报未能提交：${result.message}`, icon: 'none', duration: 4000 })
}

let timer: ReturnType<typeof setTimeout> | null = null

function schedule(): void {
  if (timer) clearTimeout(timer)
  timer = null
  const next = outbox.nextAttemptAt()
  if (next === null) return
  // At least a second apart; setTimeout cannot wait longer than ~24 days.
  const wait = Math.min(Math.max(next - Date.now(), 1_000), 2_000_000_000)
  timer = setTimeout(() => {
    timer = null
    void flushOutbox()
  }, wait)
}

/** Sends every due report once; signed-out devices wait (the API would answer 401). `quiet` skips the toasts. */
export async function flushOutbox(options: { force?: boolean; quiet?: boolean } = {}): Promise<AttemptResult[]> {
  if (!sessions.get() || outbox.list().length === 0) {
    schedule()
    return []
  }
  const results = await outbox.flush((entry) => sendReport(entry), { force: options.force })
  for (const result of results) announce(result, Boolean(options.quiet))
  schedule()
  return results
}

/** One report now, whatever its backoff (「立即重试」 or the first send from the new-report page). */
export async function attemptReport(key: string, onProgress?: SendProgress, options: { quiet?: boolean } = {}): Promise<AttemptResult> {
  const result = await outbox.attempt(key, (entry) => sendReport(entry, onProgress))
  announce(result, options.quiet ?? true)
  schedule()
  return result
}

let started = false

/** Called whenever the app comes to the foreground: retries what is due and listens for the network coming back. */
export function startOutbox(): void {
  if (!started) {
    started = true
    try {
      Taro.onNetworkStatusChange((res) => {
        if (res.isConnected) void flushOutbox()
      })
    } catch {
      // Not offered on this platform: the timer and the next onShow still retry.
    }
  }
  void flushOutbox().catch(() => schedule())
}

/** For the queue list: 「第 3 次发送失败：网络不可用」. */
export function queuedStateText(entry: QueuedReport): string {
  if (outbox.isInFlight(entry.key)) return '正在发送…'
  if (entry.attempts === 0) return '等待发送'
  return `已尝试 ${entry.attempts} 次${entry.lastError ? `：${entry.lastError}` : ''}`
}
