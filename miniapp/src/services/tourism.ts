// Island tourist services (docs/api.md "Island tourist services"): islands, nearby places, a help call's progress, and
// complaints and help calls submitted through the outbox. Pages call these, never Taro.request; the rules and the
// answers' shapes live in tourism-form.ts and tourism-view.ts.

import Taro from '@tarojs/taro'
import { ApiError, newIdempotencyKey, request, taroStorage } from './http'
import { keepPhotos } from './media'
import { submitThroughOutbox, type QueuedOutcome, type SendProgress } from './outbox'
import type { CoordSystem } from './report-form'
import { complaintFields, complaintLabel, helpBody, helpLabel, normalizeContactPhone, type ComplaintDraft, type HelpDraft } from './tourism-form'
import { dialNumber, parseHelp, parseIslands, parsePlace, parsePlaces, type HelpCall, type Island, type Place } from './tourism-view'

function badResponse(): ApiError {
  return new ApiError({ status: 502, type: 'bad-response', title: '服务返回的内容无法识别，请稍后重试' })
}

export async function fetchIslands(): Promise<Island[]> {
  return parseIslands(await request<unknown>('GET', '/islands'))
}

export interface NearbyQuery {
  lat: number
  lng: number
  coordSystem: CoordSystem
  /** Metres, 50–20000. */
  radius: number
  /** One kind, or undefined for all. */
  kind?: string
  limit?: number
}

export async function fetchNearbyPlaces(query: NearbyQuery): Promise<Place[]> {
  return parsePlaces(await request<unknown>('GET', '/places/nearby', { data: { limit: 50, ...query } }))
}

export async function fetchPlace(code: string): Promise<Place> {
  const place = parsePlace(await request<unknown>('GET', `/places/${encodeURIComponent(code)}`))
  if (!place) throw badResponse()
  return place
}

export async function fetchHelp(code: string): Promise<HelpCall> {
  const help = parseHelp(await request<unknown>('GET', `/tourism/help/${encodeURIComponent(code)}`, { auth: true }))
  if (!help) throw badResponse()
  return help
}

/** Submits a valid complaint: its photos kept where they survive a restart, the outbox first, then one attempt now. */
export async function submitComplaint(draft: ComplaintDraft, island: Island | null, placeName: string | null, onProgress?: SendProgress): Promise<QueuedOutcome> {
  const key = newIdempotencyKey()
  const fields = complaintFields(draft, island)
  const photos = await keepPhotos(key, draft.photos)
  rememberContactPhone(draft.phone)
  return submitThroughOutbox({ key, kind: 'complaint', fields, photos, label: complaintLabel(draft.category!, placeName) }, onProgress)
}

/** Submits a valid help call (JSON, no photos): the outbox first, then one attempt now. */
export async function submitHelp(draft: HelpDraft, island: Island | null): Promise<QueuedOutcome> {
  const key = newIdempotencyKey()
  const json = { ...helpBody(draft, island) }
  rememberContactPhone(draft.phone)
  return submitThroughOutbox({ key, kind: 'help', json, label: helpLabel(draft.type!) })
}

// ---------- what this device remembers for the next time ----------

const PHONE_KEY = 'weave.tourism.phone'
const ISLAND_KEY = 'weave.tourism.island'

/**
 * The number typed last time: the account only has a masked number (GET /me), and an SOS should not make anyone type
 * theirs twice. Kept on this device only.
 */
export function rememberedContactPhone(): string {
  try {
    return taroStorage.get(PHONE_KEY) ?? ''
  } catch {
    return ''
  }
}

function rememberContactPhone(phone: string): void {
  const normal = normalizeContactPhone(phone)
  try {
    if (normal) taroStorage.set(PHONE_KEY, normal)
  } catch {
    // Only a convenience.
  }
}

/** The island chosen by hand last time (location refused), offered first the next time. */
export function rememberedIsland(): string | null {
  try {
    return taroStorage.get(ISLAND_KEY) ?? null
  } catch {
    return null
  }
}

export function rememberIsland(code: string): void {
  try {
    taroStorage.set(ISLAND_KEY, code)
  } catch {
    // Only a convenience.
  }
}

/** Dials a number (a place, the on-duty room); a person who cancels the dialog is not an error. */
export function callPhone(phone: string): void {
  void Taro.makePhoneCall({ phoneNumber: dialNumber(phone) }).catch(() => undefined)
}

export const TOURISM_PAGES = {
  index: '/packages/tourism/pages/index/index',
  help: '/packages/tourism/pages/help/index',
  complain: '/packages/tourism/pages/complain/index',
  status: '/packages/tourism/pages/status/index',
}

/** A page path with its query (empty values left out). */
export function pageUrl(path: string, query: Record<string, string | null | undefined> = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v as string)}`)
  return parts.length ? `${path}?${parts.join('&')}` : path
}
