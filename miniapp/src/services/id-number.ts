// Citizen identity numbers (居民身份证号码, GB 11643-1999): the check digit, the birth date and sex they carry, and the
// masked form the API shows. Pure and Taro-free (unit-tested): the declaration form checks a number before it is sent;
// the API checks it again and stays the judge.

export const ID_NUMBER_LENGTH = 18

/** Weight of each of the first 17 digits: 2^(17 - i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** The check character for each remainder of the weighted sum mod 11. */
const CHECK_CHARS = '10X98765432'

/** A smaller year is a typing error; the API refuses it too. */
const EARLIEST_BIRTH_YEAR = 1900

export type IdNumberProblem = 'empty' | 'length' | 'format' | 'date' | 'check-digit'

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  empty: '请填写身份证号',
  length: '身份证号应为 18 位',
  format: '身份证号前 17 位应为数字，最后一位为数字或 X',
  date: '身份证号中的出生日期无效，请核对',
  'check-digit': '身份证号校验位不正确，请核对每一位',
}

export type IdNumberCheck = { ok: true; idNumber: string } | { ok: false; problem: IdNumberProblem; message: string }

export type Sex = 'male' | 'female'

/** As phones type it: spaces dropped, full-width digits and letters made ASCII, a lower-case x made upper-case. */
export function normalizeIdNumber(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase()
}

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function checkDigit(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** True for a real day of the Gregorian calendar (2000-02-29 yes, 1900-02-29 no). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return day <= days
}

/** YYYY-MM-DD from characters 7–14, or null when that is no date. */
export function birthDateOf(idNumber: string): string | null {
  const id = normalizeIdNumber(idNumber)
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(id)
  if (!match) return null
  const [, y, m, d] = match
  return isCalendarDate(Number(y), Number(m), Number(d)) ? `${y}-${m}-${d}` : null
}

/** The 17th digit is odd for men and even for women. */
export function sexOf(idNumber: string): Sex | null {
  const id = normalizeIdNumber(idNumber)
  if (!/^\d{17}[\dX]$/.test(id)) return null
  return Number(id[16]) % 2 === 1 ? 'male' : 'female'
}

function fail(problem: IdNumberProblem): IdNumberCheck {
  return { ok: false, problem, message: ID_NUMBER_MESSAGES[problem] }
}

/**
 * The first thing wrong with a typed number, in the order a person fixes them: length, characters, birth date, check
 * digit. `today` (YYYY-MM-DD) also refuses a birth date in the future; without it only the calendar is checked.
 */
export function validateIdNumber(text: string, today?: string): IdNumberCheck {
  const id = normalizeIdNumber(text)
  if (id === '') return fail('empty')
  if (id.length !== ID_NUMBER_LENGTH) return fail('length')
  if (!/^\d{17}[\dX]$/.test(id)) return fail('format')
  const birthDate = birthDateOf(id)
  if (!birthDate || Number(birthDate.slice(0, 4)) < EARLIEST_BIRTH_YEAR || (today !== undefined && birthDate > today)) return fail('date')
  if (checkDigit(id.slice(0, 17)) !== id[17]) return fail('check-digit')
  return { ok: true, idNumber: id }
}

export function isValidIdNumber(text: string, today?: string): boolean {
  return validateIdNumber(text, today).ok
}

/** 440306********1234, as the API shows numbers; shorter text keeps only its ends. */
export function maskIdNumber(idNumber: string): string {
  const id = normalizeIdNumber(idNumber)
  if (id.length === ID_NUMBER_LENGTH) return `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(14)}`
  if (id.length <= 4) return '*'.repeat(id.length)
  return `${id.slice(0, 2)}${'*'.repeat(id.length - 4)}${id.slice(-2)}`
}
