// The tourist's two forms, 投诉 and 紧急求助: limits from docs/api.md "Complaints" and "Help", checks with Chinese
// messages, the position each sends (the phone's, the merchant's, or a typed address with the island's centre) and the
// exact fields or JSON body the API expects. Taro-free (unit-tested).

import { formatCoordinate, type CoordSystem, type DraftPhoto } from './report-form'
import type { Island } from './tourism-view'

export type ComplaintCategory = 'overcharging' | 'hygiene' | 'safety' | 'service' | 'other'
export type HelpType = 'medical' | 'lost' | 'weather' | 'safety' | 'other'

export const COMPLAINT_CATEGORIES: readonly { value: ComplaintCategory; name: string }[] = [
  { value: 'overcharging', name: '价格欺诈' },
  { value: 'hygiene', name: '食品卫生' },
  { value: 'safety', name: '安全隐患' },
  { value: 'service', name: '服务质量' },
  { value: 'other', name: '其他' },
]

export const HELP_TYPES: readonly { value: HelpType; name: string }[] = [
  { value: 'medical', name: '医疗急救' },
  { value: 'lost', name: '走失寻人' },
  { value: 'weather', name: '因天气滞留' },
  { value: 'safety', name: '人身安全' },
  { value: 'other', name: '其他' },
]

export const COMPLAINT_MIN_LENGTH = 5
export const COMPLAINT_MAX_LENGTH = 500
export const MAX_COMPLAINT_PHOTOS = 9
export const HELP_TEXT_MAX_LENGTH = 200
export const ADDRESS_MAX_LENGTH = 200
/** A help call placed by a typed address is sent at the island's centre, this uncertain (docs/api.md "Help"). */
export const ISLAND_CENTRE_ACCURACY_M = 5000

/** The phone's own position, as getLocation gave it. */
export interface Located {
  lat: number
  lng: number
  coordSystem: CoordSystem
  accuracyM: number | null
}

export interface ComplaintDraft {
  category: ComplaintCategory | null
  description: string
  photos: DraftPhoto[]
  phone: string
  /** The merchant complained about, or null for 「不针对具体商家」. */
  placeCode: string | null
  /** The phone's position; null when refused or unavailable (then island and address). */
  located: Located | null
  islandCode: string | null
  address: string
}

export interface HelpDraft {
  type: HelpType | null
  phone: string
  text: string
  located: Located | null
  islandCode: string | null
  address: string
}

export type ComplaintField = 'category' | 'description' | 'photos' | 'phone' | 'place' | 'island' | 'address' | 'position'
export type HelpField = 'type' | 'phone' | 'text' | 'island' | 'address' | 'position'

export interface FormProblem<F extends string> {
  field: F
  message: string
}

/** The message for one field, if it has a problem. */
export function problemOf<F extends string>(problems: readonly FormProblem<F>[], field: F): string | undefined {
  return problems.find((p) => p.field === field)?.message
}

export function emptyComplaint(placeCode: string | null = null, islandCode: string | null = null): ComplaintDraft {
  return { category: null, description: '', photos: [], phone: '', placeCode, located: null, islandCode, address: '' }
}

export function emptyHelp(phone = '', islandCode: string | null = null): HelpDraft {
  return { type: null, phone, text: '', located: null, islandCode, address: '' }
}

// ---------- phone numbers ----------

const MOBILE = /^1[3-9]\d{9}$/
/** The API also takes a landline without its dash (07561234567), as people type it. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/

export const CONTACT_PHONE_REQUIRED = '请填写手机号，以便值班人员回电'
export const CONTACT_PHONE_INVALID = '请填写 11 位手机号（如 13812345678）或带区号的固定电话（如 0756-1234567）'

/**
 * A number as the API expects it: a mainland mobile (11 digits) or a landline with its area code (0756-1234567, the
 * dash optional). Full-width digits and spaces are tidied; a mobile loses its dashes, a landline keeps the one after
 * its area code.
 */
export function normalizeContactPhone(text: string): string {
  const ascii = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–]/g, '-')
    .replace(/\s/g, '')
  const digits = ascii.replace(/-/g, '')
  if (MOBILE.test(digits)) return digits
  const bracketed = /^\((0\d{2,3})\)(\d{7,8})$/.exec(ascii)
  if (bracketed) return `${bracketed[1]}-${bracketed[2]}`
  return ascii
}

export function isContactPhone(text: string): boolean {
  const phone = normalizeContactPhone(text)
  return MOBILE.test(phone) || LANDLINE.test(phone)
}

/** The message for a phone field, or null when it is fine; an empty optional field is fine. */
export function contactPhoneProblem(text: string, required: boolean): string | null {
  if (normalizeContactPhone(text) === '') return required ? CONTACT_PHONE_REQUIRED : null
  return isContactPhone(text) ? null : CONTACT_PHONE_INVALID
}

// ---------- checks ----------

function positionProblems<F extends string>(
  located: Located | null,
  island: Island | null,
  address: string,
  fields: { island: F; address: F },
  place: string,
): FormProblem<F>[] {
  if (located) return []
  const problems: FormProblem<F>[] = []
  if (!island) problems.push({ field: fields.island, message: '无法获取您的位置，请选择所在海岛' })
  if (address.trim() === '') problems.push({ field: fields.address, message: `无法获取您的位置，请填写${place}（如码头、景点、酒店名称）` })
  return problems
}

/** Everything that stops a complaint from being sent, in the order the form shows its fields. */
export function validateComplaint(draft: ComplaintDraft, island: Island | null): FormProblem<ComplaintField>[] {
  const problems: FormProblem<ComplaintField>[] = []
  if (!draft.category) problems.push({ field: 'category', message: '请选择投诉类型' })
  const length = draft.description.trim().length
  if (length === 0) problems.push({ field: 'description', message: '请描述遇到的问题' })
  else if (length < COMPLAINT_MIN_LENGTH) problems.push({ field: 'description', message: `请至少写 ${COMPLAINT_MIN_LENGTH} 个字，说明发生了什么` })
  else if (length > COMPLAINT_MAX_LENGTH) problems.push({ field: 'description', message: `问题描述不能超过 ${COMPLAINT_MAX_LENGTH} 个字` })
  if (draft.photos.length > MAX_COMPLAINT_PHOTOS) problems.push({ field: 'photos', message: `最多 ${MAX_COMPLAINT_PHOTOS} 张照片` })
  const phone = contactPhoneProblem(draft.phone, false)
  if (phone) problems.push({ field: 'phone', message: phone })
  // A complaint about a merchant is placed at the merchant: no position of its own is needed.
  if (!draft.placeCode) problems.push(...positionProblems<ComplaintField>(draft.located, island, draft.address, { island: 'island', address: 'address' }, '事发地点'))
  return problems
}

/** Everything that stops a help call from being sent. */
export function validateHelp(draft: HelpDraft, island: Island | null): FormProblem<HelpField>[] {
  const problems: FormProblem<HelpField>[] = []
  if (!draft.type) problems.push({ field: 'type', message: '请选择求助类型' })
  const phone = contactPhoneProblem(draft.phone, true)
  if (phone) problems.push({ field: 'phone', message: phone })
  if (draft.text.length > HELP_TEXT_MAX_LENGTH) problems.push({ field: 'text', message: `补充说明不能超过 ${HELP_TEXT_MAX_LENGTH} 个字` })
  problems.push(...positionProblems<HelpField>(draft.located, island, draft.address, { island: 'island', address: 'address' }, '所在地点'))
  return problems
}

// ---------- what is sent ----------

/** The multipart text fields of POST /tourism/complaints, as strings. Call only on a valid draft. */
export function complaintFields(draft: ComplaintDraft, island: Island | null): Record<string, string> {
  if (!draft.category) throw new Error('complaintFields needs a valid draft')
  const fields: Record<string, string> = { category: draft.category, description: draft.description.trim() }
  if (draft.placeCode) {
    fields.placeCode = draft.placeCode
  } else if (draft.located) {
    fields.lat = formatCoordinate(draft.located.lat)
    fields.lng = formatCoordinate(draft.located.lng)
    fields.coordSystem = draft.located.coordSystem
  } else if (island) {
    fields.lat = formatCoordinate(island.gcj02.lat)
    fields.lng = formatCoordinate(island.gcj02.lng)
    fields.coordSystem = 'gcj02'
  } else {
    throw new Error('complaintFields needs a position')
  }
  const address = draft.address.trim()
  if (address !== '') fields.address = address.slice(0, ADDRESS_MAX_LENGTH)
  const phone = normalizeContactPhone(draft.phone)
  if (phone !== '') fields.phone = phone
  return fields
}

/** The order docs/api.md lists a complaint's fields in; multipart keeps it. */
export const COMPLAINT_FIELD_ORDER: readonly string[] = ['category', 'description', 'placeCode', 'lat', 'lng', 'coordSystem', 'address', 'phone']

/** The API takes whole metres up to 100 km. */
function clampAccuracy(metres: number): number {
  return Math.min(100_000, Math.max(0, Math.round(metres)))
}

export interface HelpBody {
  type: HelpType
  lat: number
  lng: number
  coordSystem: CoordSystem
  accuracyM?: number
  phone: string
  text?: string
  address?: string
}

/**
 * The JSON body of POST /tourism/help. Call only on a valid draft. Without the phone's position it is the island's
 * GCJ-02 centre, 5 km uncertain, with the typed address: the on-duty room calls back and asks.
 */
export function helpBody(draft: HelpDraft, island: Island | null): HelpBody {
  if (!draft.type) throw new Error('helpBody needs a valid draft')
  let position: Pick<HelpBody, 'lat' | 'lng' | 'coordSystem' | 'accuracyM'>
  if (draft.located) {
    position = {
      lat: Number(formatCoordinate(draft.located.lat)),
      lng: Number(formatCoordinate(draft.located.lng)),
      coordSystem: draft.located.coordSystem,
      ...(draft.located.accuracyM !== null && Number.isFinite(draft.located.accuracyM) ? { accuracyM: clampAccuracy(draft.located.accuracyM) } : {}),
    }
  } else if (island) {
    position = { lat: island.gcj02.lat, lng: island.gcj02.lng, coordSystem: 'gcj02', accuracyM: ISLAND_CENTRE_ACCURACY_M }
  } else {
    throw new Error('helpBody needs a position')
  }
  const body: HelpBody = { type: draft.type, ...position, phone: normalizeContactPhone(draft.phone) }
  const text = draft.text.trim()
  if (text !== '') body.text = text
  const address = draft.address.trim()
  if (address !== '') body.address = address.slice(0, ADDRESS_MAX_LENGTH)
  return body
}

/** 「求助：医疗急救」 / 「投诉：价格欺诈」: how a queued submission is named in the queue. */
export function helpLabel(type: HelpType): string {
  return `求助：${HELP_TYPES.find((t) => t.value === type)?.name ?? '其他'}`
}

export function complaintLabel(category: ComplaintCategory, placeName?: string | null): string {
  const name = COMPLAINT_CATEGORIES.find((c) => c.value === category)?.name ?? '其他'
  return placeName ? `投诉：${name}（${placeName}）` : `投诉：${name}`
}

/** The API's field names (in a 422's `errors`), mapped onto the form fields whose messages show them. */
export const COMPLAINT_API_FIELDS: Record<string, ComplaintField> = {
  category: 'category',
  description: 'description',
  placeCode: 'place',
  lat: 'position',
  lng: 'position',
  coordSystem: 'position',
  address: 'address',
  phone: 'phone',
  photos: 'photos',
}

export const HELP_API_FIELDS: Record<string, HelpField> = {
  type: 'type',
  phone: 'phone',
  text: 'text',
  lat: 'position',
  lng: 'position',
  coordSystem: 'position',
  accuracyM: 'position',
  address: 'address',
}
