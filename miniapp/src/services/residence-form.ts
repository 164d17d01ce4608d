// The declaration form's rules: reading a house code from a scan, a link or typing; checks with Chinese messages; the
// body of POST /residence/declarations; and one Idempotency-Key per attempt. Taro-free (unit-tested).

import type { Prefill, Sex } from './declarations'
import { isCalendarDate, normalizeIdNumber, validateIdNumber } from './id-number'
import { isMobileNumber, normalizePhone, PHONE_INVALID_MESSAGE } from './phone-number'

/** docs/api.md "Houses": 4–32 characters of A-Z 0-9 and '-'. */
export const HOUSE_CODE_PATTERN = /^[A-Z0-9-]{4,32}$/
export const HOUSE_CODE_MESSAGE = '房屋编码为 4–32 位字母、数字或“-”，如 BA0304-012-0301'
export const NOT_A_HOUSE_QR_MESSAGE = '这不是房屋二维码，请扫描门牌旁的房屋二维码，或手动输入房屋编码'
export const MAX_NAME_LENGTH = 40

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** A typed house code as the API spells it: trimmed, upper-case, full-width characters and dashes made ASCII. */
export function normalizeHouseCode(text: string): string | null {
  const code = text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－—–‐]/g, '-')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
    .toUpperCase()
  return HOUSE_CODE_PATTERN.test(code) ? code : null
}

/**
 * The house code in what the scanner (or a paste) gave: the QR's URL `{PUBLIC_BASE_URL}/h/{code}` (any origin, with or
 * without a trailing slash, query or fragment), a mini-program path carrying `house=` or `scene=`, or the bare code.
 */
export function houseCodeFromScan(text: string | null | undefined): string | null {
  const raw = (text ?? '').trim()
  if (raw === '') return null
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(raw)?.[1] ?? ''
    const house = /\/h\/([^/]+)\/?$/.exec(path)
    if (house) return normalizeHouseCode(safeDecode(house[1]))
    const param = /[?&#](?:house|scene)=([^&#]+)/.exec(raw)
    return param ? normalizeHouseCode(safeDecode(param[1])) : null
  }
  const param = /(?:^|[?&])(?:house|scene)=([^&#]+)/.exec(raw)
  if (param) return normalizeHouseCode(safeDecode(param[1]))
  return normalizeHouseCode(raw)
}

/**
 * The house code a page was opened with: `house` from the H5 redirect of GET /h/{code}, `q` (the whole QR URL, encoded)
 * when WeChat opens the page for a scanned link, or `scene` from a mini-program code.
 */
export function houseCodeFromParams(params: Partial<Record<string, string | undefined>>): string | null {
  for (const name of ['house', 'q', 'scene']) {
    const value = params[name]
    if (!value) continue
    const code = houseCodeFromScan(safeDecode(value))
    if (code) return code
  }
  return null
}

// ---------- step 2: who declares ----------

export interface IdentityDraft {
  idNumber: string
  name: string
}

export interface FieldProblem<F extends string> {
  field: F
  message: string
}

export type IdentityField = 'idNumber' | 'name'

export function validateIdentity(draft: IdentityDraft, today?: string): FieldProblem<IdentityField>[] {
  const problems: FieldProblem<IdentityField>[] = []
  const id = validateIdNumber(draft.idNumber, today)
  if (!id.ok) problems.push({ field: 'idNumber', message: id.message })
  const name = draft.name.trim()
  if (name === '') problems.push({ field: 'name', message: '请填写姓名' })
  else if (name.length > MAX_NAME_LENGTH) problems.push({ field: 'name', message: `姓名不能超过 ${MAX_NAME_LENGTH} 个字` })
  return problems
}

/** The body of POST /residence/prefill; call only on a valid identity. */
export function prefillBody(houseCode: string, identity: IdentityDraft): { houseCode: string; idNumber: string; name: string } {
  return { houseCode, idNumber: normalizeIdNumber(identity.idNumber), name: identity.name.trim() }
}

// ---------- step 3: the prefilled details ----------

export interface DetailsDraft {
  sex: Sex | null
  birthDate: string
  /** '' keeps the number on file. */
  phone: string
  moveInDate: string
  moveOutPrevious: boolean
}

export type DetailsField = 'sex' | 'birthDate' | 'phone' | 'moveInDate'

/** A masked number (138****5678) is only shown: the person types a new one to change it. */
export function isMaskedPhone(phone: string | null | undefined): boolean {
  return typeof phone === 'string' && phone.includes('*')
}

/** The details to show for correction; a masked phone stays out of the field and is shown as the number on file. */
export function detailsFromPrefill(prefill: Prefill, today: string): { draft: DetailsDraft; phoneOnFile: string | null } {
  const masked = isMaskedPhone(prefill.phone)
  return {
    draft: {
      sex: prefill.sex,
      birthDate: prefill.birthDate ?? '',
      phone: masked ? '' : prefill.phone ?? '',
      moveInDate: prefill.moveInDate ?? today,
      // Moving out of the other address is the person's own decision: off until they turn it on.
      moveOutPrevious: false,
    },
    phoneOnFile: masked ? prefill.phone : null,
  }
}

export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  return match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))
}

export function validateDetails(draft: DetailsDraft, today: string): FieldProblem<DetailsField>[] {
  const problems: FieldProblem<DetailsField>[] = []
  if (!draft.sex) problems.push({ field: 'sex', message: '请选择性别' })
  let birthDate: string | null = null
  if (!isIsoDate(draft.birthDate)) problems.push({ field: 'birthDate', message: '请选择出生日期' })
  else if (draft.birthDate > today) problems.push({ field: 'birthDate', message: '出生日期不能晚于今天' })
  else birthDate = draft.birthDate
  const phone = normalizePhone(draft.phone)
  if (phone !== '' && !isMobileNumber(phone)) problems.push({ field: 'phone', message: PHONE_INVALID_MESSAGE })
  if (!isIsoDate(draft.moveInDate)) problems.push({ field: 'moveInDate', message: '请选择入住日期' })
  else if (draft.moveInDate > today) problems.push({ field: 'moveInDate', message: '入住日期不能晚于今天' })
  else if (birthDate !== null && draft.moveInDate < birthDate) problems.push({ field: 'moveInDate', message: '入住日期不能早于出生日期' })
  return problems
}

export interface DeclarationBody {
  houseCode: string
  idNumber: string
  name: string
  sex?: Sex
  birthDate?: string
  phone?: string
  moveInDate?: string
  moveOutPrevious?: boolean
}

/**
 * POST /residence/declarations for a valid form. The phone goes only when typed (a masked number on file is not sent
 * back); moveOutPrevious only when the API said the person is declared elsewhere.
 */
export function declarationBody(houseCode: string, identity: IdentityDraft, details: DetailsDraft, prefill: Prefill | null): DeclarationBody {
  const body: DeclarationBody = prefillBody(houseCode, identity)
  if (details.sex) body.sex = details.sex
  if (isIsoDate(details.birthDate)) body.birthDate = details.birthDate
  const phone = normalizePhone(details.phone)
  if (phone !== '' && !isMaskedPhone(phone)) body.phone = phone
  if (isIsoDate(details.moveInDate)) body.moveInDate = details.moveInDate
  if (prefill?.declaredElsewhere) body.moveOutPrevious = details.moveOutPrevious
  return body
}

/** JSON with the keys sorted: two bodies with the same fields give the same text. */
export function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${fingerprint(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * One Idempotency-Key per attempt: retrying the same body (after a lost network or a 5xx) sends the same key, so the API
 * answers the first result instead of declaring twice; a changed body is a new attempt with a new key (the API would
 * refuse an old key with a different body). Held in memory only: the body carries an identity number.
 */
export class AttemptKeys {
  private current: { fingerprint: string; key: string } | null = null

  constructor(private readonly mint: () => string) {}

  keyFor(body: unknown): string {
    const print = fingerprint(body)
    if (this.current?.fingerprint === print) return this.current.key
    this.current = { fingerprint: print, key: this.mint() }
    return this.current.key
  }

  /** The attempt is over (the API confirmed it, or refused the key): the next one starts fresh. */
  settle(): void {
    this.current = null
  }
}
