// The privacy guide as the resident reads it (docs/api.md "Privacy guide and consent"): GET /privacy/guide read
// leniently, each item as its definition list, and where the resident stands with their consent. Taro-free (unit-tested).

import { formatDateTime } from './events'

type Obj = Record<string, unknown>

function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : null
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : fallback
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

// ---------- the guide ----------

export interface GuideItem {
  key: string
  /** 收集内容 */
  item: string
  /** 目的 */
  purpose: string
  /** 保存期限 */
  retention: string
  /** 谁能看到 */
  visibleTo: string
  /** 如何撤回 */
  withdraw: string
  /** The WeChat privacy interfaces it covers (getLocation, chooseMedia, …). */
  usedBy: string[]
}

export interface PrivacyGuide {
  version: string
  effectiveOn: string
  controller: string
  items: GuideItem[]
}

/** GET /privacy/guide; null when the answer has no version (nothing to agree to). */
export function parseGuide(body: unknown): PrivacyGuide | null {
  const o = obj(body)
  const version = str(o?.version)
  if (!o || version === '') return null
  const items = list(o.items)
    .map((v): GuideItem | null => {
      const i = obj(v)
      const item = str(i?.item)
      if (!i || item === '') return null
      return {
        key: str(i.key) || item,
        item,
        purpose: str(i.purpose),
        retention: str(i.retention),
        visibleTo: str(i.visibleTo),
        withdraw: str(i.withdraw),
        usedBy: list(i.usedBy).filter((u): u is string => typeof u === 'string' && u !== ''),
      }
    })
    .filter((i): i is GuideItem => i !== null)
  return { version, effectiveOn: str(o.effectiveOn), controller: str(o.controller), items }
}

/** What the guide says of each item, in the order of the page's definition list. */
export const GUIDE_FIELDS: readonly { key: 'item' | 'purpose' | 'retention' | 'visibleTo' | 'withdraw'; label: string }[] = [
  { key: 'item', label: '收集内容' },
  { key: 'purpose', label: '目的' },
  { key: 'retention', label: '保存期限' },
  { key: 'visibleTo', label: '谁能看到' },
  { key: 'withdraw', label: '如何撤回' },
]

const GUIDE_ITEM_TITLES: Record<string, string> = {
  account: '账号',
  location: '位置',
  camera_album: '照片（相机与相册）',
  scan: '扫码',
  phone: '手机号',
  identity: '身份证号与姓名',
  declaration: '居住申报',
  reports: '上报与评价',
  fees: '社保缴费',
  tourist_phone: '游客联系电话',
  notices: '消息与订阅',
}

/** The heading of an item's section: a short name for its key, else the item itself. */
export function guideItemTitle(item: Pick<GuideItem, 'key' | 'item'>): string {
  return GUIDE_ITEM_TITLES[item.key] ?? item.item
}

/** WeChat's interface names as the resident knows them. */
const API_WORDS: Record<string, string> = {
  login: '微信登录',
  getLocation: '获取位置',
  chooseLocation: '选择位置',
  chooseMedia: '拍照或选择照片',
  chooseImage: '选择图片',
  scanCode: '扫码',
  getPhoneNumber: '获取手机号',
  requestSubscribeMessage: '订阅消息',
}

/** 「获取位置、选择位置」; '' when the item uses no WeChat interface. */
export function usedByText(usedBy: readonly string[]): string {
  return usedBy.map((u) => API_WORDS[u] ?? u).join('、')
}

/** An item as its definition list: the five things the guide says, then the WeChat interfaces it covers. */
export function guideItemRows(item: GuideItem): { label: string; value: string }[] {
  const rows = GUIDE_FIELDS.map((f) => ({ label: f.label, value: item[f.key] || '—' }))
  const apis = usedByText(item.usedBy)
  if (apis) rows.push({ label: '相关功能', value: apis })
  return rows
}

/** The line under the guide's title: 「版本 2026-12-02，2026-12-02 起施行」. */
export function guideVersionText(guide: Pick<PrivacyGuide, 'version' | 'effectiveOn'>): string {
  return guide.effectiveOn ? `版本 ${guide.version}，${guide.effectiveOn} 起施行` : `版本 ${guide.version}`
}

/** Where the resident stands: 「您已于 … 同意（版本 …）」 or what happens while they have not. */
export function consentStatusText(agreed: { version: string; agreedAt: string } | null, currentVersion: string): string {
  if (agreed && agreed.version === currentVersion) return `您已于 ${formatDateTime(agreed.agreedAt) || agreed.agreedAt} 同意本指引（版本 ${agreed.version}）。`
  if (agreed) return `您同意的是旧版本（${agreed.version}）。使用定位、拍照、扫码或手机号前，会请您阅读并同意新版本。`
  return '您尚未同意本指引。使用定位、拍照、扫码或手机号前，会先征求您的同意；拒绝后，可改用手动填写等方式继续。'
}
