// The one API client of the mini-program: base URL, bearer token, refresh, errors → a toast in Chinese.
// Pages never call Taro.request; domain modules (auth.ts, reports.ts, inbox.ts) call `request` from here.

import Taro from '@tarojs/taro'
import { createHttpClient, type Transport } from './client'
import { mediaUrl } from './events'
import { userMessage } from './problem'
import { SessionStore, type KeyValueStorage } from './session'

export { ApiError, isApiError, userMessage } from './problem'
export { newIdempotencyKey, type Method, type RawBody, type RequestOptions } from './client'

/** '' in H5 (served by the API at /h5/), an absolute origin in the mini-program; set in config/index.ts. */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? ''

const REQUEST_TIMEOUT_MS = 15_000

/** Taro's synchronous storage (localStorage in H5), shared by the session and the report queue. */
export const taroStorage: KeyValueStorage = {
  get: (key) => {
    const value: unknown = Taro.getStorageSync(key)
    return typeof value === 'string' && value !== '' ? value : null
  },
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
}

// An ArrayBuffer `data` (a multipart report) goes out untouched in both targets: wx.request sends it as the body,
// and Taro's H5 request hands it to fetch because it is neither an object nor an array.
const taroTransport: Transport = async ({ url, method, header, data, timeout }) => {
  const response = await Taro.request({ url, method, header, data, dataType: 'json', timeout: timeout ?? REQUEST_TIMEOUT_MS })
  return { statusCode: response.statusCode, header: response.header as Record<string, string>, data: response.data }
}

export const sessions = new SessionStore(taroStorage)

const client = createHttpClient({ baseUrl: API_BASE, transport: taroTransport, sessions })

/** `request('GET', '/me', { auth: true })`: paths are relative to /api/v1 (docs/api.md). */
export const request = client.request

/** A /media/… path from the API as an address an <Image> can load (the mini-program needs the origin). */
export function apiMediaUrl(url: string | null | undefined): string {
  return mediaUrl(API_BASE, url)
}

/** Page-level error display: a toast with the API's Chinese detail (or title); returns the same text for an inline alert. */
export function showApiError(error: unknown): string {
  const message = userMessage(error)
  void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
  return message
}
