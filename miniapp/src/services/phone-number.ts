// Mainland mobile numbers and the answers of phone verification (docs/api.md "Sign-in"). Taro-free (unit-tested);
// the requests live in phone.ts.

/** The number the H5 demo offers: the WeChat stand-in hands out a code for any valid number. */
export const DEMO_PHONE = '13800138000'

/** 11 digits, 1 then 3–9: every mainland mobile number. */
export const MOBILE_NUMBER_PATTERN = /^1[3-9]\d{9}$/

export const PHONE_REQUIRED_MESSAGE = '请填写手机号'
export const PHONE_INVALID_MESSAGE = '请填写 11 位手机号，如 13812345678'

/** A number as people type it: full-width digits become ASCII, spaces and dashes are dropped. */
export function normalizePhone(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, '')
}

/** True for an 11-digit mainland mobile number (after normalizePhone). */
export function isMobileNumber(text: string | null | undefined): boolean {
  return typeof text === 'string' && MOBILE_NUMBER_PATTERN.test(normalizePhone(text))
}

/** The message to show next to a phone field, or null when the number is fine. */
export function phoneProblem(text: string): string | null {
  const phone = normalizePhone(text)
  if (phone === '') return PHONE_REQUIRED_MESSAGE
  return MOBILE_NUMBER_PATTERN.test(phone) ? null : PHONE_INVALID_MESSAGE
}

export interface PhoneVerification {
  /** The verified number, masked by the API (138****8000). */
  phone: string | null
  /** How many houses the community has on record under this number as the landlord's; null when the API leaves it out. */
  landlordHouses: number | null
}

/** `POST /me/phone` answers `{phone, landlordHouses}`; landlordHouses may come as a count or as the houses. */
export function readPhoneVerification(body: unknown): PhoneVerification | null {
  if (typeof body !== 'object' || body === null) return null
  const b = body as Record<string, unknown>
  const phone = typeof b.phone === 'string' && b.phone.trim() !== '' ? b.phone.trim() : null
  const houses = b.landlordHouses
  const landlordHouses = typeof houses === 'number' && Number.isFinite(houses) ? houses : Array.isArray(houses) ? houses.length : null
  if (phone === null && landlordHouses === null) return null
  return { phone, landlordHouses }
}

export type PhoneCodeResult = { kind: 'code'; code: string } | { kind: 'denied' } | { kind: 'failed'; errMsg: string }

/**
 * Reads the detail of the mini-program's getPhoneNumber button: the one-time code, the person declining
 * (`getPhoneNumber:fail user deny`, `…:fail:user cancel`), or another failure (no permission, an old WeChat).
 */
export function phoneCodeFromEvent(detail: { code?: unknown; errMsg?: unknown } | null | undefined): PhoneCodeResult {
  const errMsg = typeof detail?.errMsg === 'string' ? detail.errMsg : ''
  const code = typeof detail?.code === 'string' ? detail.code.trim() : ''
  if (code !== '') return { kind: 'code', code }
  if (/deny|cancel/i.test(errMsg)) return { kind: 'denied' }
  return { kind: 'failed', errMsg }
}
