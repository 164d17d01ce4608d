// Verifying the resident's phone (docs/api.md "Sign-in"): the mini-program's getPhoneNumber button gives a one-time
// code, the H5 demo gets one from GET /auth/dev-phone-code; POST /me/phone keeps WeChat's verified number on the
// account, so a landlord whose number the community has on record sees their houses in GET /me/houses.
// Pages call these, never Taro.request; the number rules and the answers' shapes live in phone-number.ts.

import { readDevCode } from './account'
import { ApiError, request, sessions } from './http'
import { normalizePhone, readPhoneVerification, type PhoneVerification } from './phone-number'

function badResponse(): ApiError {
  return new ApiError({ status: 502, type: 'bad-response', title: '服务返回的内容无法识别，请稍后重试' })
}

/** GET /auth/dev-phone-code (demo/dev only, 404 in production): a code the API accepts as WeChat's for `phone`. */
export async function devPhoneCode(phone: string): Promise<string> {
  const body = await request<unknown>('GET', '/auth/dev-phone-code', { data: { phone: normalizePhone(phone) }, auth: false })
  const code = readDevCode(body)
  if (!code) throw new ApiError({ status: 0, type: 'dev-phone-code', title: '演示验证暂不可用，请稍后重试' })
  return code
}

/** POST /me/phone: keeps the verified number on the account (and on the stored session); 422 for an invalid or used code. */
export async function verifyPhone(code: string): Promise<PhoneVerification> {
  const result = readPhoneVerification(await request<unknown>('POST', '/me/phone', { auth: true, data: { code } }))
  if (!result) throw badResponse()
  const session = sessions.get()
  if (session && session.user.kind === 'resident') sessions.set({ ...session, user: { ...session.user, phone: result.phone } })
  return result
}
