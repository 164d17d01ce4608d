// Self-declaration of residence for the resident and the landlord (docs/api.md "Declaring"): the house behind a code,
// the prefill, declaring (one Idempotency-Key per attempt), my declarations and their commands, my rented houses.
// Pages call these, never Taro.request; the shapes and the form's rules live in declarations.ts and residence-form.ts.

import Taro from '@tarojs/taro'
import {
  parseDeclaration,
  parseDeclarations,
  parseLandlordHouses,
  parsePrefill,
  parseResidenceHouse,
  parseTenant,
  type Declaration,
  type DeclarationAction,
  type LandlordHouse,
  type Prefill,
  type ResidenceHouse,
  type Tenant,
} from './declarations'
import { ApiError, isApiError, newIdempotencyKey, request } from './http'
import { requirePrivacy } from './privacy'
import { isPrivacyRefusal } from './privacy-consent'
import { AttemptKeys, houseCodeFromScan, type DeclarationBody, type IdentityDraft, prefillBody } from './residence-form'

function badResponse(): ApiError {
  return new ApiError({ status: 502, type: 'bad-response', title: '服务返回的内容无法识别，请稍后重试' })
}

function path(...segments: (string | number)[]): string {
  return segments.map((s) => `/${encodeURIComponent(String(s))}`).join('')
}

/** WeChat's scanner is the only one; in H5 (no scanCode) the page offers typing the code instead. */
export const canScan = process.env.TARO_ENV !== 'h5'

/** `refused`: the resident did not agree to the privacy guide; the page offers typing the code (fallbackFor). */
export type ScanResult = { kind: 'code'; code: string } | { kind: 'cancelled' } | { kind: 'refused' } | { kind: 'unreadable'; text: string }

/**
 * Opens WeChat's scanner, once the privacy guide is agreed to (the prompt asks if needed), and reads a house code from
 * the QR's URL, a mini-program code's path or a bare code.
 */
export async function scanHouseCode(): Promise<ScanResult> {
  if (!(await requirePrivacy('scan'))) return { kind: 'refused' }
  let res: Taro.scanCode.SuccessCallbackResult
  try {
    res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
  } catch (error) {
    const message = typeof error === 'object' && error !== null ? String((error as { errMsg?: unknown }).errMsg ?? '') : ''
    if (isPrivacyRefusal(message)) return { kind: 'refused' }
    if (/cancel/i.test(message)) return { kind: 'cancelled' }
    throw new ApiError({ status: 0, type: 'scan', title: '无法打开扫码，请手动输入房屋编码' })
  }
  const code = houseCodeFromScan(res.result) ?? houseCodeFromScan(res.path)
  return code ? { kind: 'code', code } : { kind: 'unreadable', text: res.result ?? '' }
}

/** GET /residence/houses/{code}; null for an unknown code (404). */
export async function fetchHouse(code: string): Promise<ResidenceHouse | null> {
  try {
    const house = parseResidenceHouse(await request<unknown>('GET', `/residence/houses${path(code)}`, { auth: true }))
    if (!house) throw badResponse()
    return house
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null
    throw error
  }
}

/** POST /residence/prefill: nothing is stored; a 422 names `idNumber` or `name` when the API disagrees. */
export async function fetchPrefill(houseCode: string, identity: IdentityDraft): Promise<Prefill> {
  const prefill = parsePrefill(await request<unknown>('POST', '/residence/prefill', { auth: true, data: prefillBody(houseCode, identity) }))
  if (!prefill) throw badResponse()
  return prefill
}

const declarationKeys = new AttemptKeys(() => newIdempotencyKey())

/**
 * POST /residence/declarations. Retrying the same body reuses its Idempotency-Key, so a lost answer never declares
 * twice; a confirmed declaration (or a key the API refuses) ends the attempt.
 */
export async function submitDeclaration(body: DeclarationBody): Promise<Declaration> {
  const key = declarationKeys.keyFor(body)
  try {
    const declaration = parseDeclaration(await request<unknown>('POST', '/residence/declarations', { auth: true, data: body, idempotencyKey: key }))
    declarationKeys.settle()
    if (!declaration) throw badResponse()
    return declaration
  } catch (error) {
    if (isApiError(error) && error.code === 'idempotency-key-reused') declarationKeys.settle()
    throw error
  }
}

/** GET /me/declarations: current and past, newest first. */
export async function fetchMyDeclarations(): Promise<Declaration[]> {
  return parseDeclarations(await request<unknown>('GET', '/me/declarations', { auth: true }))
}

export type DeclarationCommand = { action: 'move_out'; date?: string } | { action: 'renew' }

const COMMAND_PATHS: Record<DeclarationAction, string> = { move_out: 'move-out', renew: 'renew' }

/** POST /me/declarations/{id}/move-out or /renew: answers the declaration as it is now; 409 means it moved on. */
export async function runDeclarationCommand(id: number | string, command: DeclarationCommand): Promise<Declaration> {
  const data = command.action === 'move_out' && command.date ? { date: command.date } : {}
  const declaration = parseDeclaration(await request<unknown>('POST', `/me/declarations${path(id)}/${COMMAND_PATHS[command.action]}`, { auth: true, data }))
  if (!declaration) throw badResponse()
  return declaration
}

/** GET /me/houses: the houses the caller lets; [] for someone who lets none (also when the API answers 403 or 404). */
export async function fetchMyHouses(): Promise<LandlordHouse[]> {
  try {
    return parseLandlordHouses(await request<unknown>('GET', '/me/houses', { auth: true }))
  } catch (error) {
    if (isApiError(error) && (error.status === 403 || error.status === 404)) return []
    throw error
  }
}

/** POST /me/houses/{code}/tenants/{declarationId}/confirm: the landlord confirms a tenant; answers the tenant entry. */
export async function confirmTenant(houseCode: string, declarationId: number | string): Promise<Tenant> {
  const tenant = parseTenant(await request<unknown>('POST', `/me/houses${path(houseCode)}/tenants${path(declarationId)}/confirm`, { auth: true, data: {} }))
  if (!tenant) throw badResponse()
  return tenant
}
