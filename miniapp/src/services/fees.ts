// Social-security fees for the insured person (docs/api.md "Social-security fees" and "certificates"): the binding of
// the account, the fees of a range of months, and payment certificates. The only module calling these endpoints, always
// through the one client (http.ts); shapes, names and the view's rules live in fee-view.ts.

import { bindBody, parseBinding, parseCertificate, parseFees, type BindDraft, type Binding, type Certificate, type Fees } from './fee-view'
import { API_BASE, ApiError, isApiError, newIdempotencyKey, request } from './http'
import { AttemptKeys } from './residence-form'

function badResponse(): ApiError {
  return new ApiError({ status: 502, type: 'bad-response', title: '服务返回的内容无法识别，请稍后重试' })
}

/** GET /me/insured: the person this account is bound to, or null when it is not bound yet (404). */
export async function fetchBinding(): Promise<Binding | null> {
  try {
    const binding = parseBinding(await request<unknown>('GET', '/me/insured', { auth: true }))
    if (!binding) throw badResponse()
    return binding
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null
    throw error
  }
}

/**
 * POST /me/insured: binds the account once, after the city's real-name check. A 422 names `idNumber` or `name` (one
 * answer for an unknown number and a wrong name); 409 when either side is already bound elsewhere.
 */
export async function bindInsured(draft: BindDraft): Promise<Binding> {
  const binding = parseBinding(await request<unknown>('POST', '/me/insured', { auth: true, data: bindBody(draft) }))
  if (!binding) throw badResponse()
  return binding
}

/** GET /me/fees?from=&to=: months with data and the totals; null when the account is not (or no longer) bound (404). */
export async function fetchFees(range: { from: string; to: string }): Promise<Fees | null> {
  try {
    const fees = parseFees(await request<unknown>('GET', '/me/fees', { auth: true, data: range }))
    if (!fees) throw badResponse()
    return fees
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null
    throw error
  }
}

const certificateKeys = new AttemptKeys(() => newIdempotencyKey())

/**
 * POST /me/fees/certificate {from, to}. A retry of the same range after a lost answer reuses its Idempotency-Key, so it
 * returns the first certificate instead of issuing a second; a confirmed certificate ends the attempt.
 */
export async function issueCertificate(range: { from: string; to: string }): Promise<Certificate> {
  const body = { from: range.from, to: range.to }
  const key = certificateKeys.keyFor(body)
  try {
    const certificate = parseCertificate(await request<unknown>('POST', '/me/fees/certificate', { auth: true, data: body, idempotencyKey: key }))
    certificateKeys.settle()
    if (!certificate) throw badResponse()
    return certificate
  } catch (error) {
    if (isApiError(error) && error.code === 'idempotency-key-reused') certificateKeys.settle()
    throw error
  }
}

/** The API's origin for the copied address: the configured one in the mini-program, the page's own in H5. */
export function apiOrigin(): string {
  if (API_BASE !== '') return API_BASE
  return typeof location !== 'undefined' && location.origin ? location.origin : ''
}
