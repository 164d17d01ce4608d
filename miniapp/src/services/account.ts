// Reading sign-in answers and naming the signed-in person. Taro-free (unit-tested).

import type { ResidentUser, SessionUser } from './session'

/** The demo account the H5 build signs in with unless the person types another name. */
export const DEFAULT_DEMO_NAME = 'resident'

/** `GET /auth/dev-code` answers `{ code: "dev:<name>" }`; a bare string is accepted too. */
export function readDevCode(body: unknown): string | null {
  const code = typeof body === 'string' ? body : typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined
  return typeof code === 'string' && code.trim() !== '' ? code.trim() : null
}

/** A demo name as the API's dev-code endpoint accepts it: trimmed, never empty. */
export function demoName(input: string | undefined): string {
  const name = (input ?? '').trim()
  return name === '' ? DEFAULT_DEMO_NAME : name.slice(0, 64)
}

/** `GET /me` answers the account; accept it bare or wrapped as `{ user }`. */
export function readAccount(body: unknown): SessionUser | null {
  const candidate = typeof body === 'object' && body !== null && 'user' in body ? (body as { user: unknown }).user : body
  if (typeof candidate !== 'object' || candidate === null) return null
  const u = candidate as Record<string, unknown>
  if ((u.kind !== 'resident' && u.kind !== 'staff') || typeof u.id !== 'number') return null
  if (u.kind === 'resident') {
    const resident: ResidentUser = { kind: 'resident', id: u.id, nickname: typeof u.nickname === 'string' ? u.nickname : null }
    if ('phone' in u) resident.phone = typeof u.phone === 'string' && u.phone !== '' ? u.phone : null
    return resident
  }
  return candidate as SessionUser
}

/** How the app names a person: the nickname if they have one, else 「居民 #7」. */
export function displayName(user: SessionUser): string {
  if (user.kind === 'staff') return user.displayName || user.username
  const nickname = user.nickname?.trim()
  return nickname ? nickname : `居民 #${user.id}`
}

/** The greeting at the top of the home page. */
export function greeting(user: SessionUser): string {
  return `您好，${displayName(user)}`
}
