// The API client's logic: URLs, bearer token, one shared refresh on expiry or 401, problem+json → ApiError.
// Taro-free: the transport (Taro.request in the app) and the session store are injected, so this is unit-tested in Node.

import { ApiError, networkError, parseBody, problemFromResponse } from './problem'
import { canRefresh, isAccessTokenFresh, parseSession, type Session, type SessionStore } from './session'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface TransportRequest {
  url: string
  method: Method
  header: Record<string, string>
  data?: unknown
  /** Milliseconds before the transport gives up; the transport's default when absent. */
  timeout?: number
}

export interface TransportResponse {
  statusCode: number
  header?: Record<string, string | undefined>
  data: unknown
}

/** Sends one request; resolves with any HTTP answer (2xx or not) and rejects only when no answer arrived. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>

export interface RequestOptions {
  /** JSON body (DELETE included), or for GET the query parameters. */
  data?: unknown
  /**
   * true: the call needs a signed-in user (no session → 401 without a round trip);
   * false: never send the token (sign-in endpoints);
   * undefined: send the token when there is one.
   */
  auth?: boolean
  /** Sent as `Idempotency-Key` so a retried POST never creates a second record (docs/api.md "Idempotency"). */
  idempotencyKey?: string
  /** A body that is not JSON (a multipart report built by multipart.ts), sent as is with its own Content-Type. */
  body?: RawBody
  /** For slow requests such as an upload of photos. */
  timeoutMs?: number
}

export interface RawBody {
  data: ArrayBuffer
  contentType: string
}

export interface HttpClientOptions {
  /** Origin of the API ('' for same origin); the client adds /api/v1. */
  baseUrl: string
  transport: Transport
  sessions: SessionStore
  now?: () => Date
  /** Called once when the session ends because the API refused to refresh it. */
  onSessionExpired?: () => void
}

export const API_PREFIX = '/api/v1'
export const SESSION_EXPIRED_MESSAGE = '登录已过期，请重新登录'
export const SIGN_IN_REQUIRED_MESSAGE = '请先登录'

function unauthenticated(detail: string): ApiError {
  return new ApiError({
    status: 401,
    type: 'https://weave.city/problems/unauthenticated',
    title: '未登录',
    detail,
  })
}

function queryString(data: unknown): string {
  if (typeof data !== 'object' || data === null) return ''
  const parts: string[] = []
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/** A fresh key for one user action; reuse it when retrying that same action. */
export function newIdempotencyKey(now: () => number = Date.now, random: () => number = Math.random): string {
  const rand = () => Math.floor(random() * 0x100000000).toString(36)
  return `mp-${now().toString(36)}-${rand()}${rand()}`
}

export interface HttpClient {
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<T>
  /** Exchanges the refresh token for a new session; concurrent callers share one exchange. */
  refresh(): Promise<Session | null>
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { transport, sessions, onSessionExpired } = options
  const now = options.now ?? (() => new Date())
  const root = options.baseUrl.replace(/\/+$/, '') + API_PREFIX
  // Refresh tokens are single-use: two parallel refreshes would spend the same token twice.
  let refreshing: Promise<Session | null> | null = null

  async function send(method: Method, path: string, data: unknown, header: Record<string, string>, opts: RequestOptions = {}): Promise<TransportResponse> {
    // Only GET carries its data in the query: a DELETE's data is a JSON body (DELETE /me {confirm}).
    const isQuery = method === 'GET'
    const url = root + path + (isQuery ? queryString(data) : '')
    const request: TransportRequest = { url, method, header: { Accept: 'application/json', ...header } }
    if (opts.body) {
      request.data = opts.body.data
      request.header['Content-Type'] = opts.body.contentType
    } else if (!isQuery && data !== undefined) {
      request.data = data
      request.header['Content-Type'] = 'application/json'
    }
    if (opts.timeoutMs !== undefined) request.timeout = opts.timeoutMs
    try {
      return await transport(request)
    } catch {
      throw networkError()
    }
  }

  function result<T>(response: TransportResponse): T {
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return (response.statusCode === 204 ? undefined : parseBody(response.data)) as T
    }
    throw problemFromResponse(response.statusCode, response.data)
  }

  function expire(): void {
    sessions.clear()
    onSessionExpired?.()
  }

  async function exchange(current: Session): Promise<Session | null> {
    const response = await send('POST', '/auth/refresh', { refreshToken: current.refreshToken }, {})
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const body = parseBody(response.data) as Record<string, unknown> | undefined
      // Keep the known user if the refresh answer leaves it out.
      const next = parseSession(body && typeof body === 'object' ? { user: current.user, ...body } : body, new Date())
      if (!next) throw problemFromResponse(502, undefined)
      sessions.set(next)
      return next
    }
    if (response.statusCode >= 400 && response.statusCode < 500 && response.statusCode !== 429) {
      // The API refused the refresh token (expired, reused, revoked): the session is over.
      expire()
      return null
    }
    // 429 or 5xx: the session may still be good; report the failure and keep it.
    throw problemFromResponse(response.statusCode, response.data)
  }

  function refresh(): Promise<Session | null> {
    if (refreshing) return refreshing
    const current = sessions.get()
    if (!current) return Promise.resolve(null)
    if (!canRefresh(current, now())) {
      expire()
      return Promise.resolve(null)
    }
    refreshing = exchange(current).finally(() => {
      refreshing = null
    })
    return refreshing
  }

  /** The session to send with this request, refreshed first when its access token has run out. */
  async function usableSession(): Promise<Session | null> {
    if (refreshing) return refreshing
    const session = sessions.get()
    if (!session) return null
    if (isAccessTokenFresh(session, now())) return session
    return refresh()
  }

  function authHeader(session: Session): Record<string, string> {
    return { Authorization: `Bearer ${session.accessToken}` }
  }

  async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
    const header: Record<string, string> = {}
    if (opts.idempotencyKey) header['Idempotency-Key'] = opts.idempotencyKey

    const session = opts.auth === false ? null : await usableSession()
    if (opts.auth === true && !session) throw unauthenticated(SIGN_IN_REQUIRED_MESSAGE)

    const first = await send(method, path, opts.data, session ? { ...header, ...authHeader(session) } : header, opts)
    if (first.statusCode !== 401 || !session) return result<T>(first)

    // 401 with a token we sent: the token died early (revoked, clock skew). Refresh once and retry once,
    // unless another request already refreshed while this one was in flight.
    const latest = sessions.get()
    const renewed = latest && latest.accessToken !== session.accessToken ? latest : await refresh()
    if (!renewed) {
      if (opts.auth === true) throw unauthenticated(SESSION_EXPIRED_MESSAGE)
      return result<T>(await send(method, path, opts.data, header, opts))
    }
    return result<T>(await send(method, path, opts.data, { ...header, ...authHeader(renewed) }, opts))
  }

  return { request, refresh }
}
