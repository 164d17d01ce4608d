// Sign-in domain: WeChat login (a `dev:` code from the API's stand-in in the H5 demo), sign-out and the account.

import Taro from '@tarojs/taro'
import { demoName, readAccount, readDevCode } from './account'
import { ApiError } from './problem'
import { request, sessions } from './http'
import { parseSession, type Session, type SessionUser } from './session'

function signInFailed(detail: string): ApiError {
  return new ApiError({ status: 0, type: 'wechat-login', title: '微信登录失败', detail })
}

/** A one-time login code: from WeChat in the mini-program, from GET /auth/dev-code in the H5 demo. */
async function loginCode(name?: string): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const body = await request<unknown>('GET', '/auth/dev-code', { data: { name: demoName(name) }, auth: false })
    const code = readDevCode(body)
    if (!code) throw signInFailed('演示登录暂不可用，请稍后重试')
    return code
  }
  let code: string | undefined
  try {
    code = (await Taro.login()).code
  } catch {
    throw signInFailed('无法获取微信登录凭证，请稍后重试')
  }
  if (!code) throw signInFailed('无法获取微信登录凭证，请稍后重试')
  return code
}

/** Signs the resident in and keeps the session; `name` is the demo account (H5 only). */
export async function signIn(name?: string): Promise<Session> {
  const code = await loginCode(name)
  const body = await request<unknown>('POST', '/auth/wechat', { data: { code }, auth: false })
  const session = parseSession(body, new Date())
  if (!session) throw signInFailed('登录结果无法识别，请稍后重试')
  sessions.set(session)
  return session
}

/**
 * Ends the session on the API and on this device. The device forgets it even when the API cannot be reached
 * (a lost network must not keep someone signed in); resolves false then.
 */
export async function signOut(): Promise<boolean> {
  const session = sessions.get()
  if (!session) return true
  // auth: false: an expired access token must not trigger a refresh that spends the token we are revoking.
  try {
    await request<void>('POST', '/auth/logout', { data: { refreshToken: session.refreshToken }, auth: false })
    return true
  } catch {
    return false
  } finally {
    sessions.clear()
  }
}

/** The signed-in account as the API knows it now; refreshes the stored copy. */
export async function me(): Promise<SessionUser> {
  const user = readAccount(await request<unknown>('GET', '/me', { auth: true }))
  if (!user) throw new ApiError({ status: 502, type: 'bad-response', title: '账号信息无法识别' })
  const session = sessions.get()
  if (session) sessions.set({ ...session, user })
  return user
}

export function currentSession(): Session | null {
  return sessions.get()
}
