// Island tourist services as the tourist sees them (docs/api.md "Island tourist services"): islands, places, help calls
// and complaints as the API answers them, read leniently; the nearest island; opening hours, distances and the words of
// a help call's progress. Taro-free (unit-tested).

import type { CoordSystem } from './report-form'

export interface LatLng {
  lat: number
  lng: number
}

export interface IslandUnit {
  id: number | null
  name: string
  type: string
  typeName: string
  phone: string | null
}

export interface Island {
  code: string
  name: string
  regionName: string
  /** WGS-84. */
  centre: LatLng
  gcj02: LatLng
  units: IslandUnit[]
}

export type PlaceKind = 'restaurant' | 'hotel' | 'ferry' | 'scenic' | 'clinic' | 'police' | 'shop'

/** The kind chips of 周边服务, in the contract's order. */
export const PLACE_KINDS: readonly { value: PlaceKind; name: string }[] = [
  { value: 'restaurant', name: '餐饮' },
  { value: 'hotel', name: '住宿' },
  { value: 'ferry', name: '船运码头' },
  { value: 'scenic', name: '景点' },
  { value: 'clinic', name: '医疗点' },
  { value: 'police', name: '警务站' },
  { value: 'shop', name: '商店' },
]

export interface Place {
  code: string
  name: string
  kind: string
  kindName: string
  island: { code: string; name: string } | null
  /** WGS-84. */
  lat: number | null
  lng: number | null
  gcj02: LatLng | null
  address: string
  phone: string | null
  openingHours: string | null
  /** Judged by the API in the city's time; null when no hours are known. */
  openNow: boolean | null
  complaintCount: number
  active: boolean
  /** Only in GET /places/nearby. */
  distanceM: number | null
}

export interface HelpCall {
  code: string
  type: string
  typeName: string
  status: string
  statusName: string
  island: { code: string; name: string } | null
  unit: { name: string; phone: string | null } | null
  responder: { name: string } | null
  receivedAt: string | null
  respondedAt: string | null
  responseDueAt: string | null
  overdue: boolean
  escalated: boolean
}

export interface CreatedComplaint {
  code: string
  status: string
  statusName: string
  category: string
  categoryName: string
  place: { code: string; name: string } | null
  island: { code: string; name: string } | null
  unit: { name: string; phone: string | null } | null
  responseDueAt: string | null
  resolutionDueAt: string | null
}

// ---------- reading the API's answers ----------

type Obj = Record<string, unknown>

function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : null
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

function optStr(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

function optNum(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return null
}

function items(body: unknown): unknown[] {
  if (Array.isArray(body)) return body
  const list = obj(body)?.items
  return Array.isArray(list) ? list : []
}

function latLng(value: unknown): LatLng | null {
  const p = obj(value)
  const lat = optNum(p?.lat)
  const lng = optNum(p?.lng)
  return lat !== null && lng !== null ? { lat, lng } : null
}

function codeName(value: unknown): { code: string; name: string } | null {
  const v = obj(value)
  if (!v || (typeof v.code !== 'string' && typeof v.name !== 'string')) return null
  return { code: str(v.code), name: str(v.name) }
}

function unitOf(value: unknown): { name: string; phone: string | null } | null {
  const u = obj(value)
  if (!u || typeof u.name !== 'string') return null
  return { name: u.name, phone: optStr(u.phone) }
}

export function parseIsland(value: unknown): Island | null {
  const i = obj(value)
  if (!i || typeof i.code !== 'string' || i.code === '') return null
  const centre = latLng(i.centre)
  const gcj02 = latLng(i.gcj02) ?? centre
  if (!centre || !gcj02) return null
  const units = (Array.isArray(i.units) ? i.units : [])
    .map((value): IslandUnit | null => {
      const u = obj(value)
      if (!u || typeof u.name !== 'string') return null
      return { id: optNum(u.id), name: u.name, type: str(u.type), typeName: str(u.typeName), phone: optStr(u.phone) }
    })
    .filter((u): u is IslandUnit => u !== null)
  return { code: i.code, name: str(i.name) || i.code, regionName: str(i.regionName), centre, gcj02, units }
}

/** GET /islands → `{items:[Island]}`. */
export function parseIslands(body: unknown): Island[] {
  return items(body)
    .map(parseIsland)
    .filter((i): i is Island => i !== null)
}

export function parsePlace(value: unknown): Place | null {
  const p = obj(value)
  if (!p || typeof p.code !== 'string' || p.code === '') return null
  const count = optNum(p.complaintCount)
  return {
    code: p.code,
    name: str(p.name) || p.code,
    kind: str(p.kind),
    kindName: str(p.kindName) || PLACE_KINDS.find((k) => k.value === p.kind)?.name || '',
    island: codeName(p.island),
    lat: optNum(p.lat),
    lng: optNum(p.lng),
    gcj02: latLng(p.gcj02),
    address: str(p.address),
    phone: optStr(p.phone),
    openingHours: optStr(p.openingHours),
    openNow: typeof p.openNow === 'boolean' ? p.openNow : null,
    complaintCount: count !== null && count > 0 ? Math.round(count) : 0,
    active: p.active !== false,
    distanceM: optNum(p.distanceM),
  }
}

/** GET /places/nearby → `{items:[Place & {distanceM}]}`, nearest first (kept in the API's order). */
export function parsePlaces(body: unknown): Place[] {
  return items(body)
    .map(parsePlace)
    .filter((p): p is Place => p !== null)
}

/** POST /tourism/help and GET /tourism/help/{code} → Help. */
export function parseHelp(body: unknown): HelpCall | null {
  const h = obj(body)
  if (!h || typeof h.code !== 'string' || h.code === '') return null
  const responder = obj(h.responder)
  const type = str(h.type)
  return {
    code: h.code,
    type,
    typeName: str(h.typeName) || HELP_TYPE_NAMES[type] || '求助',
    status: str(h.status),
    statusName: str(h.statusName),
    island: codeName(h.island),
    unit: unitOf(h.unit),
    responder: responder && typeof responder.name === 'string' && responder.name.trim() !== '' ? { name: responder.name.trim() } : null,
    receivedAt: optStr(h.receivedAt),
    respondedAt: optStr(h.respondedAt),
    responseDueAt: optStr(h.responseDueAt),
    overdue: h.overdue === true,
    escalated: h.escalated === true,
  }
}

/** POST /tourism/complaints → 201 body. */
export function parseCreatedComplaint(body: unknown): CreatedComplaint | null {
  const c = obj(body)
  if (!c || typeof c.code !== 'string' || c.code === '') return null
  const deadlines = obj(c.deadlines)
  return {
    code: c.code,
    status: str(c.status),
    statusName: str(c.statusName),
    category: str(c.category),
    categoryName: str(c.categoryName),
    place: codeName(c.place),
    island: codeName(c.island),
    unit: unitOf(c.unit),
    responseDueAt: optStr(deadlines?.responseDueAt),
    resolutionDueAt: optStr(deadlines?.resolutionDueAt),
  }
}

// ---------- islands and distances ----------

/** A help call at sea is served by the nearest island within this distance (docs/api.md "Help"). */
export const ISLAND_REACH_M = 30_000

const EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres (haversine); plenty for "which island is nearest". */
export function distanceBetween(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** The island whose centre is nearest to a point given in `coordSystem` (each is compared in the same system). */
export function nearestIsland(islands: readonly Island[], point: LatLng, coordSystem: CoordSystem): { island: Island; distanceM: number } | null {
  let best: { island: Island; distanceM: number } | null = null
  for (const island of islands) {
    const distanceM = distanceBetween(point, coordSystem === 'gcj02' ? island.gcj02 : island.centre)
    if (!best || distanceM < best.distanceM) best = { island, distanceM }
  }
  return best
}

/** The island's on-duty emergency room (unit type `emergency`), else any of its units that has a phone. */
export function dutyUnit(island: Island | null | undefined): IslandUnit | null {
  if (!island) return null
  return island.units.find((u) => u.type === 'emergency' && u.phone) ?? island.units.find((u) => u.phone) ?? null
}

/** What makePhoneCall dials: digits only (and a leading +), so 0756-8850110 dials 07568850110. */
export function dialNumber(phone: string): string {
  const trimmed = phone.trim()
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '')
}

// ---------- words for people ----------

export const HELP_TYPE_NAMES: Record<string, string> = {
  medical: '医疗急救',
  lost: '走失寻人',
  weather: '因天气滞留',
  safety: '人身安全',
  other: '其他',
}

/** 「营业中」 / 「已打烊」, or null when the API does not know (no hours on record). */
export function openNowText(openNow: boolean | null): string | null {
  if (openNow === null) return null
  return openNow ? '营业中' : '已打烊'
}

/** 08:00-14:00,17:00-22:00 → 「08:00-14:00、17:00-22:00」; 00:00-24:00 → 「全天营业」; unknown → 「营业时间未知」. */
export function openingHoursText(hours: string | null): string {
  if (!hours) return '营业时间未知'
  const ranges = hours
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
  if (ranges.length === 1 && /^00:00-24:00$/.test(ranges[0])) return '全天营业'
  return ranges.map((r) => r.replace(/^(\d\d:\d\d)-(\d\d:\d\d)$/, (_, from: string, to: string) => (to < from ? `${from}-次日${to}` : `${from}-${to}`))).join('、')
}

export type HelpTone = 'waiting' | 'coming' | 'late' | 'done'

export interface HelpProgress {
  tone: HelpTone
  /** The one sentence that says where the help call stands. */
  headline: string
  /** What the tourist should do or know now; null when nothing more. */
  advice: string | null
}

const CLOSED_STATUSES = ['resolved', 'closed']

/** Where a help call stands, in words: accepted (「王强 已接单，正在赶来」), waiting, overdue and escalated, or finished. */
export function helpProgress(help: HelpCall): HelpProgress {
  if (CLOSED_STATUSES.includes(help.status)) {
    return { tone: 'done', headline: `求助已处理完毕（${help.statusName || '已办结'}）`, advice: null }
  }
  if (help.responder) {
    return { tone: 'coming', headline: `${help.responder.name} 已接单，正在赶来`, advice: '请保持电话畅通，留在安全的地方等候。' }
  }
  if (help.escalated) {
    return {
      tone: 'late',
      headline: '超过 15 分钟无人接单，已上报海岛和区级督办人员',
      advice: '督办人员正在催办。情况紧急请直接拨打值班电话，或拨打 120 / 110。',
    }
  }
  if (help.overdue) {
    return { tone: 'late', headline: '已超过 15 分钟响应时限，尚无人接单', advice: '正在催办。情况紧急请直接拨打值班电话，或拨打 120 / 110。' }
  }
  return { tone: 'waiting', headline: '已送达值班室，等待值班人员接单', advice: '值班人员会按您留下的手机号回电，请保持电话畅通。' }
}
