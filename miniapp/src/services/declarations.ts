// Self-declaration of residence as the resident sees it (docs/api.md "Self-declaration of residence"): the shapes the
// API answers, read leniently; status names and tones; the declaration's commands; risks in plain words; dates in the
// city's time zone. Taro-free (unit-tested).

import type { Sex } from './id-number'

export type { Sex } from './id-number'

/** GET /residence/houses/{code}: what a resident may see of a house before declaring there. */
export interface ResidenceHouse {
  code: string
  address: string
  building: string | null
  floor: string | null
  room: string | null
  gridName: string | null
  communityName: string | null
}

export interface DeclaredElsewhere {
  id: number | string
  houseCode: string
  address: string
}

/** POST /residence/prefill: what the city already knows, for the person to check and correct. */
export interface Prefill {
  sex: Sex | null
  birthDate: string | null
  /** May come masked (138****5678); a masked number is never sent back. */
  phone: string | null
  moveInDate: string | null
  declaredElsewhere: DeclaredElsewhere | null
}

export interface Risk {
  code: string
  label: string
}

export interface Verification {
  status: string
  statusName: string
  note: string | null
  at: string | null
}

export interface Declaration {
  id: number | string
  house: { code: string; address: string; gridName: string | null; communityName: string | null }
  name: string
  idNumberMasked: string
  sex: Sex | null
  birthDate: string | null
  phone: string | null
  moveInDate: string | null
  moveOutDate: string | null
  status: string
  statusName: string
  validUntil: string | null
  risks: Risk[]
  landlordConfirmedAt: string | null
  verification: Verification | null
  createdAt: string
  allowedActions: string[]
}

/** A tenant as the landlord sees them in GET /me/houses: masked name and number. */
export interface Tenant {
  declarationId: number | string
  name: string
  idNumberMasked: string
  moveInDate: string | null
  status: string
  statusName: string
  landlordConfirmedAt: string | null
}

export interface LandlordHouse {
  code: string
  address: string
  capacity: number | null
  colour: string
  colourName: string
  tenants: Tenant[]
}

// ---------- statuses, actions and risks ----------

export const DECLARATION_STATUS_NAMES: Record<string, string> = {
  accepted: '已登记',
  pending_verification: '待核查',
  rejected: '核查未通过',
  moved_out: '已搬离',
  expired: '已过期',
}

export function declarationStatusName(status: string | null | undefined, given?: unknown): string {
  if (typeof given === 'string' && given.trim() !== '') return given
  if (!status) return ''
  return DECLARATION_STATUS_NAMES[status] ?? status
}

/** A colour family for a status; the badge always writes the status name too. */
export type DeclarationTone = 'done' | 'checking' | 'stopped' | 'ended' | 'again'

const TONES: Record<string, DeclarationTone> = {
  accepted: 'done',
  pending_verification: 'checking',
  rejected: 'stopped',
  moved_out: 'ended',
  expired: 'again',
}

export function declarationTone(status: string): DeclarationTone {
  return TONES[status] ?? 'checking'
}

/** Statuses that are over for good: such declarations go to 「历史记录」. Expired ones stay current (they can be renewed). */
const ENDED = new Set(['moved_out', 'rejected'])

export function splitDeclarations(list: readonly Declaration[]): { current: Declaration[]; past: Declaration[] } {
  return { current: list.filter((d) => !ENDED.has(d.status)), past: list.filter((d) => ENDED.has(d.status)) }
}

/** The resident's commands on a declaration, in the order the buttons appear. */
export const DECLARATION_ACTIONS = ['renew', 'move_out'] as const
export type DeclarationAction = (typeof DECLARATION_ACTIONS)[number]

export const DECLARATION_ACTION_NAMES: Record<DeclarationAction, string> = {
  renew: '续期',
  move_out: '搬离',
}

/** The buttons are exactly the API's allowedActions that the app knows: no workflow rule is re-derived here. */
export function declarationActions(allowed: readonly string[]): DeclarationAction[] {
  return DECLARATION_ACTIONS.filter((a) => allowed.includes(a))
}

/**
 * What a grid worker will check, said to the person it concerns: a risk is a reason to visit, not an accusation.
 * Unknown codes fall back to the API's label.
 */
const RISK_TEXTS: Record<string, string> = {
  not_in_base: '人口信息库中暂未查到您的信息',
  name_mismatch: '填写的姓名与人口信息库中的记录不一致',
  over_capacity: '该房屋登记的人数已超过核定人数',
  many_new: '该房屋近 30 天新申报的人数较多',
  declared_elsewhere: '您在其他住址还有有效的居住登记',
  house_flagged: '该房屋近期需要网格员例行核实',
}

export function riskText(risk: Risk): string {
  return RISK_TEXTS[risk.code] ?? risk.label ?? risk.code
}

export function sexName(sex: Sex | null | undefined): string {
  return sex === 'male' ? '男' : sex === 'female' ? '女' : ''
}

// ---------- dates ----------

const CITY_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** A declaration this close to its end is 「即将到期」 (the API sends its reminder then too). */
export const RENEWAL_WINDOW_DAYS = 30

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** Today in the city (UTC+8, no daylight saving) as YYYY-MM-DD, whatever the phone's zone. */
export function cityToday(now: Date): string {
  const d = new Date(now.getTime() + CITY_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

function dayNumber(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return null
  const t = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return Number.isNaN(t) ? null : Math.round(t / DAY_MS)
}

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative once past; null for a missing or malformed date. */
export function daysUntil(date: string | null | undefined, today: string): number | null {
  if (!date) return null
  const a = dayNumber(today)
  const b = dayNumber(date)
  return a === null || b === null ? null : b - a
}

/** 「有效期至 2027-11-23（还剩 12 天）」 near the end, 「已于 … 到期」 after it. */
export function validityText(validUntil: string | null, today: string): string {
  if (!validUntil) return ''
  const days = daysUntil(validUntil, today)
  if (days === null) return `有效期至 ${validUntil}`
  if (days < 0) return `已于 ${validUntil} 到期`
  if (days === 0) return `今天（${validUntil}）到期`
  if (days <= RENEWAL_WINDOW_DAYS) return `有效期至 ${validUntil}（还剩 ${days} 天）`
  return `有效期至 ${validUntil}`
}

// ---------- reading the API's answers ----------

type Obj = Record<string, unknown>

function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : null
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback
}

function optStr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null
}

function optNum(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return null
}

function id(value: unknown): number | string | null {
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : null
}

function sex(value: unknown): Sex | null {
  return value === 'male' || value === 'female' ? value : null
}

/** A date-only field: the first 10 characters of YYYY-MM-DD (an API that sends an instant still reads right). */
function optDate(value: unknown): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null
}

function items(body: unknown): unknown[] {
  if (Array.isArray(body)) return body
  const o = obj(body)
  return o && Array.isArray(o.items) ? o.items : []
}

export function parseResidenceHouse(body: unknown): ResidenceHouse | null {
  const h = obj(body)
  if (!h || typeof h.code !== 'string') return null
  return {
    code: h.code,
    address: str(h.address),
    building: optStr(h.building),
    floor: optStr(h.floor),
    room: optStr(h.room),
    gridName: optStr(h.gridName),
    communityName: optStr(h.communityName),
  }
}

export function parsePrefill(body: unknown): Prefill | null {
  const p = obj(body)
  if (!p) return null
  const elsewhere = obj(p.declaredElsewhere)
  const elsewhereId = elsewhere ? id(elsewhere.id) : null
  return {
    sex: sex(p.sex),
    birthDate: optDate(p.birthDate),
    phone: optStr(p.phone),
    moveInDate: optDate(p.moveInDate),
    declaredElsewhere:
      elsewhere && elsewhereId !== null ? { id: elsewhereId, houseCode: str(elsewhere.houseCode), address: str(elsewhere.address) } : null,
  }
}

function parseRisks(value: unknown): Risk[] {
  if (!Array.isArray(value)) return []
  return value
    .map((r): Risk | null => {
      if (typeof r === 'string') return { code: r, label: RISK_TEXTS[r] ?? r }
      const o = obj(r)
      return o && typeof o.code === 'string' ? { code: o.code, label: str(o.label) || o.code } : null
    })
    .filter((r): r is Risk => r !== null)
}

function parseVerification(value: unknown): Verification | null {
  const v = obj(value)
  if (!v || typeof v.status !== 'string') return null
  return { status: v.status, statusName: str(v.statusName) || v.status, note: optStr(v.note), at: optStr(v.at) }
}

export function parseDeclaration(body: unknown): Declaration | null {
  const d = obj(body)
  const declarationId = d ? id(d.id) : null
  if (!d || declarationId === null || typeof d.status !== 'string') return null
  const house = obj(d.house)
  return {
    id: declarationId,
    house: {
      code: str(house?.code ?? d.houseCode),
      address: str(house?.address ?? d.address),
      gridName: optStr(house?.gridName ?? d.gridName),
      communityName: optStr(house?.communityName),
    },
    name: str(d.name),
    idNumberMasked: str(d.idNumberMasked),
    sex: sex(d.sex),
    birthDate: optDate(d.birthDate),
    phone: optStr(d.phone),
    moveInDate: optDate(d.moveInDate),
    moveOutDate: optDate(d.moveOutDate),
    status: d.status,
    statusName: declarationStatusName(d.status, d.statusName),
    validUntil: optDate(d.validUntil),
    risks: parseRisks(d.risks),
    landlordConfirmedAt: optStr(d.landlordConfirmedAt),
    verification: parseVerification(d.verification),
    createdAt: str(d.createdAt),
    allowedActions: Array.isArray(d.allowedActions) ? d.allowedActions.filter((a): a is string => typeof a === 'string') : [],
  }
}

/** GET /me/declarations: newest first, as the API orders them. */
export function parseDeclarations(body: unknown): Declaration[] {
  return items(body)
    .map(parseDeclaration)
    .filter((d): d is Declaration => d !== null)
}

export function parseTenant(body: unknown): Tenant | null {
  const t = obj(body)
  const declarationId = t ? id(t.declarationId ?? t.id) : null
  if (!t || declarationId === null) return null
  const status = str(t.status)
  return {
    declarationId,
    name: str(t.name),
    idNumberMasked: str(t.idNumberMasked),
    moveInDate: optDate(t.moveInDate),
    status,
    statusName: declarationStatusName(status, t.statusName),
    landlordConfirmedAt: optStr(t.landlordConfirmedAt),
  }
}

export const HOUSE_COLOUR_NAMES: Record<string, string> = {
  red: '红（有未申报人员）',
  yellow: '黄（待核查或申报将到期）',
  green: '绿（均已申报并核实）',
  none: '灰（无在住人员）',
}

/** GET /me/houses: the landlord's houses with their tenants; anyone else gets an empty list. */
export function parseLandlordHouses(body: unknown): LandlordHouse[] {
  return items(body)
    .map((value): LandlordHouse | null => {
      const h = obj(value)
      if (!h || typeof h.code !== 'string') return null
      const colour = str(h.colour, 'none')
      return {
        code: h.code,
        address: str(h.address),
        capacity: optNum(h.capacity),
        colour,
        colourName: str(h.colourName) || HOUSE_COLOUR_NAMES[colour] || colour,
        tenants: (Array.isArray(h.tenants) ? h.tenants : []).map(parseTenant).filter((t): t is Tenant => t !== null),
      }
    })
    .filter((h): h is LandlordHouse => h !== null)
}
