// The signed-in session: its shape (docs/api.md "Sign-in"), expiry rules and a store over injected key-value storage.
// Taro-free: the app injects Taro's storage (services/http.ts), tests inject a Map.

export interface ResidentUser {
  kind: 'resident'
  id: number
  nickname: string | null
  /** The verified phone, masked (GET /me, POST /me/phone); null until verified, absent when not known yet. */
  phone?: string | null
}

export interface StaffUser {
  kind: 'staff'
  id: number
  username: string
  displayName: string
  role: string
  roleName: string
  regionId: number | null
  unitId: number | null
}

export type SessionUser = ResidentUser | StaffUser

export interface Session {
  accessToken: string
  tokenType: string
  /** ISO 8601 instant. */
  expiresAt: string
  refreshToken: string
  refreshExpiresAt: string
  user: SessionUser
}

/** Synchronous key-value storage (Taro.getStorageSync and friends, or a Map in tests). */
export interface KeyValueStorage {
  get(key: string): string | null | undefined
  set(key: string, value: string): void
  remove(key: string): void
}

/** Treat a token as expired this long before its stated expiry, so it does not die on the way to the API. */
export const EXPIRY_SKEW_MS = 30_000

function instant(iso: string): number {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? 0 : t
}

/** True while the access token can still be sent. */
export function isAccessTokenFresh(session: Session, now: Date, skewMs = EXPIRY_SKEW_MS): boolean {
  return instant(session.expiresAt) - skewMs > now.getTime()
}

/** True while the refresh token can still buy a new session. */
export function canRefresh(session: Session, now: Date, skewMs = EXPIRY_SKEW_MS): boolean {
  return session.refreshToken !== '' && instant(session.refreshExpiresAt) - skewMs > now.getTime()
}

/** The session is usable at all: either its access token is fresh or it can be refreshed. */
export function isSessionAlive(session: Session, now: Date): boolean {
  return isAccessTokenFresh(session, now) || canRefresh(session, now)
}

function isUser(value: unknown): value is SessionUser {
  if (typeof value !== 'object' || value === null) return false
  const u = value as Record<string, unknown>
  return (u.kind === 'resident' || u.kind === 'staff') && typeof u.id === 'number'
}

/**
 * Validates a session from the API or from storage; anything malformed is no session. An answer from the API
 * (`receivedAt` given) that says how long its tokens last (`expiresIn`) has its expiries counted on this device's
 * clock from when it arrived, so a phone whose clock is off neither refreshes before every request nor keeps a
 * dead token.
 */
export function parseSession(value: unknown, receivedAt?: Date): Session | null {
  if (typeof value !== 'object' || value === null) return null
  const s = value as Record<string, unknown>
  const strings = ['accessToken', 'expiresAt', 'refreshToken', 'refreshExpiresAt'] as const
  if (!strings.every((k) => typeof s[k] === 'string' && s[k] !== '')) return null
  if (!isUser(s.user)) return null
  const local = (seconds: unknown, fallback: string) =>
    receivedAt && typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(receivedAt.getTime() + seconds * 1000).toISOString() : fallback
  return {
    accessToken: s.accessToken as string,
    tokenType: typeof s.tokenType === 'string' ? s.tokenType : 'Bearer',
    expiresAt: local(s.expiresIn, s.expiresAt as string),
    refreshToken: s.refreshToken as string,
    refreshExpiresAt: local(s.refreshExpiresIn, s.refreshExpiresAt as string),
    user: s.user,
  }
}

export type SessionListener = (session: Session | null) => void

export const SESSION_STORAGE_KEY = 'weave.session'

/** Holds the one session of this device and tells subscribers (pages) when it changes. */
export class SessionStore {
  private listeners = new Set<SessionListener>()

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key = SESSION_STORAGE_KEY,
  ) {}

  get(): Session | null {
    let raw: string | null | undefined
    try {
      raw = this.storage.get(this.key)
    } catch {
      return null
    }
    if (!raw) return null
    try {
      return parseSession(JSON.parse(raw))
    } catch {
      return null
    }
  }

  set(session: Session): void {
    this.storage.set(this.key, JSON.stringify(session))
    this.emit(session)
  }

  clear(): void {
    this.storage.remove(this.key)
    this.emit(null)
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private emit(session: Session | null): void {
    for (const listener of [...this.listeners]) listener(session)
  }
}
