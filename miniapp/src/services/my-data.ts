// The resident's data rights (docs/api.md "My data"): 我的数据 (GET /me/data), its export (a JSON file in H5, the
// clipboard in the mini-program) and 注销账号 (DELETE /me). The shapes and words live in my-data-view.ts (Taro-free).

import Taro from '@tarojs/taro'
import { ApiError, request, sessions } from './http'
import { DELETE_CONFIRM_WORD, exportFileName, exportText, parseMyData, type MyData } from './my-data-view'
import { privacyGate } from './privacy'

const isH5 = process.env.TARO_ENV === 'h5'

function badResponse(): ApiError {
  return new ApiError({ status: 502, type: 'bad-response', title: '服务返回的内容无法识别，请稍后重试' })
}

/** GET /me/data: the signed-in resident's own records. */
export async function fetchMyData(): Promise<MyData> {
  const body = await request<unknown>('GET', '/me/data', { auth: true })
  if (typeof body !== 'object' || body === null) throw badResponse()
  return parseMyData(body)
}

export type ExportOutcome = 'downloaded' | 'copied'

/** H5: the JSON downloads as a file; the mini-program cannot open a JSON file, so it goes to the clipboard. */
export async function saveExport(data: MyData, now = new Date()): Promise<ExportOutcome> {
  const text = exportText(data.raw)
  if (isH5) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = exportFileName(data.exportedAt, now)
    link.rel = 'noopener'
    link.style.display = 'none'
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
    return 'downloaded'
  }
  await Taro.setClipboardData({ data: text })
  return 'copied'
}

/** DELETE /me {confirm: '注销'}: the account is erased; this device forgets the session and the consent. */
export async function deleteAccount(): Promise<void> {
  await request<void>('DELETE', '/me', { auth: true, data: { confirm: DELETE_CONFIRM_WORD } })
  sessions.clear()
  privacyGate.reset()
}
