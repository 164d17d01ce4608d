// The snap-and-report form's rules: limits from docs/api.md "Intake", checks with Chinese messages, the multipart fields
// the API expects, photo sizing and categories grouped by level. Taro-free (unit-tested).

import type { Category } from './events'

export const MIN_PHOTOS = 1
export const MAX_PHOTOS = 9
export const MAX_DESCRIPTION_LENGTH = 500
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
/** Photos are shrunk on the phone to this longest side before upload: enough for a pothole, light on island signal. */
export const MAX_IMAGE_SIDE = 1600
export const JPEG_QUALITY = 0.8

export type CoordSystem = 'gcj02' | 'wgs84'

export interface DraftPhoto {
  /** A path the page can show and the uploader can read (a temp file in weapp, a blob: URL in H5). */
  path: string
  contentType: string
  size?: number
}

export interface ReportDraft {
  categoryCode: string | null
  photos: DraftPhoto[]
  lat: string
  lng: string
  address: string
  description: string
  anonymous: boolean
}

export interface DraftProblem {
  field: 'category' | 'photos' | 'lat' | 'lng' | 'description' | 'address'
  message: string
}

export function emptyDraft(): ReportDraft {
  return { categoryCode: null, photos: [], lat: '', lng: '', address: '', description: '', anonymous: false }
}

/** The API counts characters as JavaScript does (UTF-16 units), so the counter does too. */
export function descriptionLength(text: string): number {
  return text.length
}

/** A typed latitude or longitude; full-width digits and a Chinese full stop are accepted, as phones type them. */
export function parseCoordinate(text: string, axis: 'lat' | 'lng'): number | null {
  const normalized = text
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[。．]/g, '.')
    .replace(/[－—]/g, '-')
  if (!/^-?\d{1,3}(\.\d+)?$/.test(normalized)) return null
  const value = Number(normalized)
  const limit = axis === 'lat' ? 90 : 180
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : null
}

/** Six decimals is about 0.1 m: more is noise from the sensor. */
export function formatCoordinate(value: number): string {
  return String(Math.round(value * 1e6) / 1e6)
}

/** Everything that stops the draft from being sent, in the order the form shows its fields. */
export function validateDraft(draft: ReportDraft): DraftProblem[] {
  const problems: DraftProblem[] = []
  if (!draft.categoryCode) problems.push({ field: 'category', message: '请选择问题分类' })
  if (draft.photos.length < MIN_PHOTOS) problems.push({ field: 'photos', message: '请至少添加 1 张照片' })
  else if (draft.photos.length > MAX_PHOTOS) problems.push({ field: 'photos', message: `最多 ${MAX_PHOTOS} 张照片` })
  else if (draft.photos.some((p) => (p.size ?? 0) > MAX_PHOTO_BYTES)) problems.push({ field: 'photos', message: '单张照片不能超过 10 MB' })
  const lat = draft.lat.trim()
  const lng = draft.lng.trim()
  if (lat === '' && lng === '') {
    problems.push({ field: 'lat', message: '请获取当前位置，或手动填写纬度和经度' })
  } else {
    if (parseCoordinate(lat, 'lat') === null) problems.push({ field: 'lat', message: '纬度应为 -90 到 90 之间的数字，如 22.5431' })
    if (parseCoordinate(lng, 'lng') === null) problems.push({ field: 'lng', message: '经度应为 -180 到 180 之间的数字，如 113.8829' })
  }
  const description = draft.description.trim()
  if (description === '') problems.push({ field: 'description', message: '请描述一下问题' })
  else if (descriptionLength(draft.description) > MAX_DESCRIPTION_LENGTH) problems.push({ field: 'description', message: `问题描述不能超过 ${MAX_DESCRIPTION_LENGTH} 个字` })
  return problems
}

/** The text fields of POST /reports, as strings (multipart has no other type). Call only on a valid draft. */
export function reportFields(draft: ReportDraft, coordSystem: CoordSystem): Record<string, string> {
  const lat = parseCoordinate(draft.lat, 'lat')
  const lng = parseCoordinate(draft.lng, 'lng')
  if (!draft.categoryCode || lat === null || lng === null) throw new Error('reportFields needs a valid draft')
  const fields: Record<string, string> = {
    category: draft.categoryCode,
    description: draft.description.trim(),
    lat: formatCoordinate(lat),
    lng: formatCoordinate(lng),
    coordSystem,
  }
  const address = draft.address.trim()
  if (address !== '') fields.address = address
  fields.anonymous = draft.anonymous ? 'true' : 'false'
  return fields
}

/** The field order the API documents; multipart keeps it. */
export function orderedFields(fields: Record<string, string>): { name: string; value: string }[] {
  const order = ['category', 'description', 'lat', 'lng', 'coordSystem', 'address', 'anonymous']
  const names = [...order.filter((n) => n in fields), ...Object.keys(fields).filter((n) => !order.includes(n))]
  return names.map((name) => ({ name, value: fields[name] }))
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
}

/** A photo's type from its path (weapp temp files keep their extension); JPEG when unknown, as cameras produce. */
export function contentTypeForPath(path: string): string {
  const match = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(path)
  return (match && TYPES_BY_EXTENSION[match[1].toLowerCase()]) || 'image/jpeg'
}

const EXTENSIONS_BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
}

/** photo-1.jpg, photo-2.png …: the name the file carries in the multipart body. */
export function photoFilename(index: number, contentType: string): string {
  return `photo-${index + 1}.${EXTENSIONS_BY_TYPE[contentType] ?? 'jpg'}`
}

/** The size to draw a photo at so its longest side is at most `maxSide`; never enlarges. */
export function fitWithin(width: number, height: number, maxSide = MAX_IMAGE_SIDE): { width: number; height: number; scaled: boolean } {
  if (!(width > 0) || !(height > 0)) return { width: 0, height: 0, scaled: false }
  const longest = Math.max(width, height)
  if (longest <= maxSide) return { width: Math.round(width), height: Math.round(height), scaled: false }
  const ratio = maxSide / longest
  return { width: Math.max(1, Math.round(width * ratio)), height: Math.max(1, Math.round(height * ratio)), scaled: true }
}

/** How many more photos the person may add. */
export function photoSlotsLeft(draft: ReportDraft): number {
  return Math.max(0, MAX_PHOTOS - draft.photos.length)
}

export interface CategoryGroup {
  level: number
  levelName: string
  items: Category[]
}

/** Active categories grouped by urgency level (1 特急 first), each group in the API's order. */
export function groupCategories(categories: readonly Category[]): CategoryGroup[] {
  const groups = new Map<number, CategoryGroup>()
  for (const category of categories) {
    if (!category.active) continue
    let group = groups.get(category.level)
    if (!group) {
      group = { level: category.level, levelName: category.levelName, items: [] }
      groups.set(category.level, group)
    }
    group.items.push(category)
  }
  return [...groups.values()].sort((a, b) => a.level - b.level)
}

/** What the page says when the phone would not give a location; the manual fields are shown with it. */
export function locationFailureMessage(errMsg: string | undefined): string {
  const text = (errMsg ?? '').toLowerCase()
  if (/auth|deny|denied|permission|not allowed/.test(text)) {
    return '未获得定位权限。请在下方手动填写纬度、经度和地址，或在设置中允许使用位置信息后重试。'
  }
  if (/timeout|timed out|expired/.test(text)) return '定位超时。请在下方手动填写纬度、经度和地址，或稍后重试。'
  return '暂时无法获取当前位置。请在下方手动填写纬度、经度和地址。'
}
