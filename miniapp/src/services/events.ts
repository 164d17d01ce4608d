// Events as the resident sees them (docs/api.md "Snap-and-report and events"): the shapes the API answers, read
// leniently; status names and tones; the reporter's commands; times and distances in Chinese. Taro-free (unit-tested).

export interface Category {
  code: string
  name: string
  level: number
  levelName: string
  unitType: string | null
  unitTypeName: string | null
  responseHours: number | null
  resolutionHours: number | null
  autoDispatch: boolean
  active: boolean
}

export interface Photo {
  id: number | string
  kind: 'report' | 'resolution'
  url: string
  thumbnailUrl: string
  width: number | null
  height: number | null
}

export interface EventSummary {
  code: string
  status: string
  statusName: string
  categoryCode: string
  categoryName: string
  level: number | null
  levelName: string
  description: string
  address: string | null
  gridCode: string | null
  gridName: string | null
  communityName: string | null
  unitId: number | null
  unitName: string | null
  overdue: boolean
  createdAt: string
  responseDueAt: string | null
  resolutionDueAt: string | null
  thumbnailUrl: string | null
}

export interface TimelineEntry {
  seq: number
  action: string
  actionName: string
  actorRole: string | null
  actorRoleName: string
  fromStatus: string | null
  toStatus: string | null
  note: string | null
  at: string
  photos: Photo[]
}

export interface EventDetail extends EventSummary {
  source: string | null
  lat: number | null
  lng: number | null
  anonymous: boolean
  isReporter: boolean
  photos: Photo[]
  timeline: TimelineEntry[]
  rating: number | null
  ratingComment: string | null
  mergedInto: string | null
  allowedActions: string[]
  evidenceVerified: boolean | null
}

export interface Duplicate {
  code: string
  categoryName: string
  description: string
  distanceM: number | null
  status: string
  statusName: string
  createdAt: string
  thumbnailUrl: string | null
}

export interface CreatedReport {
  code: string
  status: string
  statusName: string
  grid: { code: string; name: string; communityName: string | null; streetName: string | null } | null
  unit: { id: number; name: string } | null
  deadlines: { responseDueAt: string | null; resolutionDueAt: string | null } | null
  duplicates: Duplicate[]
}

export const STATUS_NAMES: Record<string, string> = {
  reported: '已上报',
  filed: '已立案',
  dispatched: '已派遣',
  in_progress: '处置中',
  resolved: '已处置待核查',
  closed: '已结案',
  rejected: '不予立案',
  returned: '已退回',
  reopened: '重新办理',
  merged: '已合并',
}

export const LEVEL_NAMES: Record<number, string> = {
  1: '特急（安全隐患）',
  2: '紧急',
  3: '较急',
  4: '一般',
  5: '轻微',
}

/** A colour family for a status; the page always writes the status name beside the colour. */
export type StatusTone = 'waiting' | 'working' | 'checking' | 'done' | 'stopped' | 'again'

const TONES: Record<string, StatusTone> = {
  reported: 'waiting',
  filed: 'waiting',
  dispatched: 'working',
  in_progress: 'working',
  resolved: 'checking',
  closed: 'done',
  rejected: 'stopped',
  merged: 'stopped',
  returned: 'again',
  reopened: 'again',
}

export function statusTone(status: string): StatusTone {
  return TONES[status] ?? 'waiting'
}

export function statusName(status: string | null | undefined, given?: unknown): string {
  if (typeof given === 'string' && given.trim() !== '') return given
  if (!status) return ''
  return STATUS_NAMES[status] ?? status
}

/** The commands a reporter can give, in the order the buttons appear; staff commands never show in the mini-program. */
export const REPORTER_ACTIONS = ['confirm', 'dispute', 'rate', 'merge'] as const
export type ReporterAction = (typeof REPORTER_ACTIONS)[number]

export const ACTION_NAMES: Record<ReporterAction, string> = {
  confirm: '确认解决',
  dispute: '有异议',
  rate: '评价',
  merge: '合并',
}

/** The reporter's buttons are exactly the API's allowedActions that are reporter commands: no rule is re-derived here. */
export function reporterActions(allowed: readonly string[]): ReporterAction[] {
  return REPORTER_ACTIONS.filter((a) => allowed.includes(a))
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
  return typeof value === 'string' && value !== '' ? value : null
}

function optNum(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return null
}

function items(body: unknown): unknown[] {
  if (Array.isArray(body)) return body
  const o = obj(body)
  return o && Array.isArray(o.items) ? o.items : []
}

export function parseCategory(value: unknown): Category | null {
  const c = obj(value)
  if (!c || typeof c.code !== 'string' || typeof c.name !== 'string') return null
  const level = optNum(c.level) ?? 4
  return {
    code: c.code,
    name: c.name,
    level,
    levelName: str(c.levelName) || LEVEL_NAMES[level] || `${level} 级`,
    unitType: optStr(c.unitType),
    unitTypeName: optStr(c.unitTypeName),
    responseHours: optNum(c.responseHours),
    resolutionHours: optNum(c.resolutionHours),
    autoDispatch: c.autoDispatch === true,
    active: c.active !== false,
  }
}

export function parseCategories(body: unknown): Category[] {
  return items(body)
    .map(parseCategory)
    .filter((c): c is Category => c !== null)
}

function parsePhoto(value: unknown): Photo | null {
  const p = obj(value)
  if (!p || typeof p.url !== 'string') return null
  return {
    id: typeof p.id === 'number' || typeof p.id === 'string' ? p.id : p.url,
    kind: p.kind === 'resolution' ? 'resolution' : 'report',
    url: p.url,
    thumbnailUrl: str(p.thumbnailUrl) || p.url,
    width: optNum(p.width),
    height: optNum(p.height),
  }
}

function parsePhotos(value: unknown): Photo[] {
  return Array.isArray(value) ? value.map(parsePhoto).filter((p): p is Photo => p !== null) : []
}

export function parseEventSummary(value: unknown): EventSummary | null {
  const e = obj(value)
  if (!e || typeof e.code !== 'string' || typeof e.status !== 'string') return null
  const level = optNum(e.level)
  return {
    code: e.code,
    status: e.status,
    statusName: statusName(e.status, e.statusName),
    categoryCode: str(e.categoryCode),
    categoryName: str(e.categoryName),
    level,
    levelName: str(e.levelName) || (level !== null ? LEVEL_NAMES[level] ?? '' : ''),
    description: str(e.description),
    address: optStr(e.address),
    gridCode: optStr(e.gridCode),
    gridName: optStr(e.gridName),
    communityName: optStr(e.communityName),
    unitId: optNum(e.unitId),
    unitName: optStr(e.unitName),
    overdue: e.overdue === true,
    createdAt: str(e.createdAt),
    responseDueAt: optStr(e.responseDueAt),
    resolutionDueAt: optStr(e.resolutionDueAt),
    thumbnailUrl: optStr(e.thumbnailUrl),
  }
}

export function parseEventPage(body: unknown): { items: EventSummary[]; total: number } {
  const list = items(body)
    .map(parseEventSummary)
    .filter((e): e is EventSummary => e !== null)
  const total = optNum(obj(body)?.total)
  return { items: list, total: total ?? list.length }
}

function parseTimelineEntry(value: unknown, index: number): TimelineEntry | null {
  const t = obj(value)
  if (!t) return null
  return {
    seq: optNum(t.seq) ?? index + 1,
    action: str(t.action),
    actionName: str(t.actionName) || str(t.action),
    actorRole: optStr(t.actorRole),
    actorRoleName: str(t.actorRoleName),
    fromStatus: optStr(t.fromStatus),
    toStatus: optStr(t.toStatus),
    note: optStr(t.note),
    at: str(t.at),
    photos: parsePhotos(t.photos),
  }
}

export function parseEventDetail(body: unknown): EventDetail | null {
  const summary = parseEventSummary(body)
  const e = obj(body)
  if (!summary || !e) return null
  const rating = optNum(e.rating)
  return {
    ...summary,
    source: optStr(e.source),
    lat: optNum(e.lat),
    lng: optNum(e.lng),
    anonymous: e.anonymous === true,
    isReporter: e.isReporter === true,
    photos: parsePhotos(e.photos),
    timeline: (Array.isArray(e.timeline) ? e.timeline : [])
      .map(parseTimelineEntry)
      .filter((t): t is TimelineEntry => t !== null)
      .sort((a, b) => a.seq - b.seq),
    rating: rating !== null && rating >= 1 && rating <= 5 ? rating : null,
    ratingComment: optStr(e.ratingComment),
    mergedInto: optStr(e.mergedInto),
    allowedActions: Array.isArray(e.allowedActions) ? e.allowedActions.filter((a): a is string => typeof a === 'string') : [],
    evidenceVerified: typeof obj(e.evidence)?.verified === 'boolean' ? (obj(e.evidence)!.verified as boolean) : null,
  }
}

function parseDuplicate(value: unknown): Duplicate | null {
  const d = obj(value)
  if (!d || typeof d.code !== 'string') return null
  const status = str(d.status)
  return {
    code: d.code,
    categoryName: str(d.categoryName),
    description: str(d.description),
    distanceM: optNum(d.distanceM),
    status,
    statusName: statusName(status, d.statusName),
    createdAt: str(d.createdAt),
    thumbnailUrl: optStr(d.thumbnailUrl),
  }
}

export function parseCreatedReport(body: unknown): CreatedReport | null {
  const r = obj(body)
  if (!r || typeof r.code !== 'string') return null
  const grid = obj(r.grid)
  const unit = obj(r.unit)
  const deadlines = obj(r.deadlines)
  const status = str(r.status)
  return {
    code: r.code,
    status,
    statusName: statusName(status, r.statusName),
    grid: grid
      ? { code: str(grid.code), name: str(grid.name), communityName: optStr(grid.communityName), streetName: optStr(grid.streetName) }
      : null,
    unit: unit && optNum(unit.id) !== null ? { id: optNum(unit.id)!, name: str(unit.name) } : null,
    deadlines: deadlines ? { responseDueAt: optStr(deadlines.responseDueAt), resolutionDueAt: optStr(deadlines.resolutionDueAt) } : null,
    duplicates: (Array.isArray(r.duplicates) ? r.duplicates : []).map(parseDuplicate).filter((d): d is Duplicate => d !== null),
  }
}

// ---------- words and numbers for people ----------

const CHINA_OFFSET_MS = 8 * 3_600_000

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** 2026-11-23 20:15 in China time (UTC+8, no daylight saving), whatever the phone's zone; '' for a missing time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const d = new Date(t + CHINA_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** 约 23 米 / 约 1.2 公里. */
export function formatDistance(meters: number | null): string {
  if (meters === null || !Number.isFinite(meters) || meters < 0) return ''
  if (meters < 1000) return `约 ${Math.round(meters)} 米`
  return `约 ${(meters / 1000).toFixed(1)} 公里`
}

/** Photo and thumbnail URLs come as /media/… paths: the mini-program needs the API's origin in front. */
export function mediaUrl(base: string, url: string | null | undefined): string {
  if (!url) return ''
  if (/^(https?:|blob:|data:|wxfile:)/i.test(url)) return url
  return base.replace(/\/+$/, '') + (url.startsWith('/') ? url : `/${url}`)
}

