// Fakes for the Taro-free services: in-memory storage, a scripted transport and sessions.
import type { TransportRequest, TransportResponse } from '../src/services/client'
import type { KeyValueStorage, Session } from '../src/services/session'

export class MemoryStorage implements KeyValueStorage {
  readonly map = new Map<string, string>()
  get(key: string) {
    return this.map.get(key) ?? null
  }
  set(key: string, value: string) {
    this.map.set(key, value)
  }
  remove(key: string) {
    this.map.delete(key)
  }
}

export const NOW = new Date('2026-11-23T12:00:00.000Z')

export function minutesFromNow(minutes: number, now = NOW): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString()
}

export function session(overrides: Partial<Session> = {}): Session {
  return {
    accessToken: 'access-1',
    tokenType: 'Bearer',
    expiresAt: minutesFromNow(15),
    refreshToken: 'refresh-1',
    refreshExpiresAt: minutesFromNow(30 * 24 * 60),
    user: { kind: 'resident', id: 7, nickname: null },
    ...overrides,
  }
}

type Handler = (request: TransportRequest) => TransportResponse | Promise<TransportResponse>

/** A transport that answers with a handler and records every request it was given. */
export function fakeTransport(handler: Handler) {
  const calls: TransportRequest[] = []
  const transport = async (request: TransportRequest) => {
    calls.push(request)
    return handler(request)
  }
  return { transport, calls }
}

export const json = (statusCode: number, data: unknown): TransportResponse => ({ statusCode, header: { 'content-type': 'application/json' }, data })

export const problem = (status: number, suffix: string, title: string, detail?: string): TransportResponse => ({
  statusCode: status,
  header: { 'content-type': 'application/problem+json' },
  data: { type: `https://weave.city/problems/${suffix}`, title, status, detail },
})
