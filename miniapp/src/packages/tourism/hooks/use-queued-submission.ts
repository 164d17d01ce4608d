// A page that put a submission in the outbox follows it: when a background retry sends it or gives it up, the
// page hears it once (by its Idempotency-Key) and the key is forgotten; the page also redraws as the queue changes,
// so the states it shows stay current.

import { useEffect, useRef, useState } from 'react'
import { onOutboxResult, outbox } from '../../../services/outbox'

export interface QueuedSubmissionHandlers {
  onSent(body: unknown): void
  onDropped(message: string): void
}

/** The key the page waits for; set it when a submission stays queued, clear it when the page lets go. */
export function useQueuedSubmission(handlers: QueuedSubmissionHandlers) {
  const queuedRef = useRef<string | null>(null)
  const handlersRef = useRef(handlers)
  handlersRef.current = handlers
  const [, setTick] = useState(0)
  useEffect(() => {
    const stopResults = onOutboxResult((result) => {
      if (result.kind === 'missing' || result.entry.key !== queuedRef.current) return
      if (result.kind === 'sent') {
        queuedRef.current = null
        handlersRef.current.onSent(result.body)
      } else if (result.kind === 'dropped') {
        queuedRef.current = null
        handlersRef.current.onDropped(result.message)
      }
    })
    const stopQueue = outbox.subscribe(() => setTick((n) => n + 1))
    return () => {
      stopResults()
      stopQueue()
    }
  }, [])
  return queuedRef
}
