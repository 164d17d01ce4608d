// The outbox of this device: the SubmissionQueue over Taro storage (reports, complaints, help calls), the one way a queued
// entry is sent (submissions.ts through the one client), and the retries: when the app shows, when the network returns
// (WeChat's network event; in H5 also the browser's `online`, which Taro's H5 event does not follow) and when the next
// backoff time comes. Pages read its state; app.ts starts it.

import Taro from '@tarojs/taro'
import { request, sessions, taroStorage } from './http'
import { discardPhotos, readPhoto } from './media'
import { KIND_NOUNS, SubmissionQueue, type AttemptResult, type NewSubmission, type QueuedSubmission } from './report-queue'
import { createSubmissionSender, type SendProgress } from './submissions'

export type { SendProgress, SendStage } from './submissions'

export const outbox = new SubmissionQueue(taroStorage, { release: (entry) => discardPhotos(entry.photos) })

/** Sends one queued entry: multipart for reports and complaints, JSON for help calls. */
export const sendSubmission = createSubmissionSender({ request, readPhoto })

type ResultListener = (result: AttemptResult) => void
const resultListeners = new Set<ResultListener>()

/** Pages that wait for a queued entry (the new-report page, 我的上报, the help page) hear how each attempt ended. */
export function onOutboxResult(listener: ResultListener): () => void {
  resultListeners.add(listener)
  return () => {
    resultListeners.delete(listener)
  }
}

function announce(result: AttemptResult, quiet: boolean): void {
  for (const listener of [...resultListeners]) listener(result)
  if (quiet || result.kind === 'missing' || result.kind === 'queued') return
  const noun = KIND_NOUNS[result.entry.kind]
  if (result.kind === 'sent') {
    const title = result.entry.kind === 'help' ? '求助已送达值班室' : `待发送的${noun}已提交`
    void Taro.showToast({ title, icon: 'none', duration: 3000 })
  } else {
    void Taro.showToast({ title: `一条待发送的${noun}未能提交：${result.message}`, icon: 'none', duration: 4000 })
  }
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

/**
 * Sends every due entry once (every entry with `force`: the network just came back, or the person asked); signed-out
 * devices wait (the API would answer 401). `quiet` skips the toasts.
 */
export async function flushOutbox(options: { force?: boolean; quiet?: boolean } = {}): Promise<AttemptResult[]> {
  if (!sessions.get() || outbox.list().length === 0) {
    schedule()
    return []
  }
  try {
    const results = await outbox.flush((entry) => sendSubmission(entry), { force: options.force })
    for (const result of results) announce(result, Boolean(options.quiet))
    return results
  } finally {
    schedule()
  }
}

/** One entry now, whatever its backoff (「立即重试」, or the first send from the page that made it). */
export async function attemptSubmission(key: string, onProgress?: SendProgress, options: { quiet?: boolean } = {}): Promise<AttemptResult> {
  try {
    const result = await outbox.attempt(key, (entry) => sendSubmission(entry, onProgress))
    announce(result, options.quiet ?? true)
    return result
  } finally {
    schedule()
  }
}

export type QueuedOutcome =
  | { kind: 'sent'; key: string; body: unknown }
  | { kind: 'queued'; key: string; entry: QueuedSubmission; message: string }
  | { kind: 'failed'; key: string; error: unknown; message: string }

/**
 * Puts a new submission in the outbox first (so nothing is lost if the app dies on the way), then tries it at once.
 * A network error or 5xx leaves it queued (retried later under the same key); a 4xx that can never succeed takes it
 * out again and comes back as `failed`.
 */
export async function submitThroughOutbox(init: NewSubmission, onProgress?: SendProgress): Promise<QueuedOutcome> {
  outbox.enqueue(init)
  const result = await attemptSubmission(init.key, onProgress)
  switch (result.kind) {
    case 'sent':
      return { kind: 'sent', key: init.key, body: result.body }
    case 'queued':
      return { kind: 'queued', key: init.key, entry: result.entry, message: result.message }
    case 'dropped':
      return { kind: 'failed', key: init.key, error: result.error, message: result.message }
    default:
      // Someone else (a background flush) finished it first; its outcome reached the result listeners.
      return { kind: 'failed', key: init.key, error: null, message: '提交状态已变化，请在「我的上报」中查看' }
  }
}

let started = false

/** Every way this device learns that the network is back; each retries everything waiting at once. */
function listenForNetwork(): void {
  const back = () => void flushOutbox({ force: true }).catch(() => schedule())
  try {
    Taro.onNetworkStatusChange((res) => {
      if (res.isConnected) back()
    })
  } catch {
    // Not offered on this platform: the listeners below, the timer and the next onShow still retry.
  }
  if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
    window.addEventListener('online', back)
  }
}

/** Called whenever the app comes to the foreground: retries what is due and listens for the network coming back. */
export function startOutbox(): void {
  if (!started) {
    started = true
    listenForNetwork()
  }
  void flushOutbox().catch(() => schedule())
}

/** For the queue lists: 「等待发送」, 「正在发送…」, 「已尝试 3 次：网络不可用，请稍后重试」. */
export function queuedStateText(entry: QueuedSubmission): string {
  if (outbox.isInFlight(entry.key)) return '正在发送…'
  if (entry.attempts === 0) return '等待发送'
  return `已尝试 ${entry.attempts} 次${entry.lastError ? `：${entry.lastError}` : ''}`
}
