// 我的数据 as the resident reads it (docs/api.md "My data"): GET /me/data read leniently and laid out as readable
// sections, the exported file's name and text, and the 注销 confirmation. Taro-free (unit-tested).

import { declarationStatusName } from './declarations'
import { formatDateTime, statusName } from './events'
import { maskIdNumber } from './id-number'
import { HELP_TYPE_NAMES } from './tourism-view'

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

export interface DataRow {
  label: string
  value: string
}

export interface DataEntry {
  /** The entry's heading: an event code, an address, a message's title. */
  title: string
  rows: DataRow[]
}

export type DataSectionKey = 'profile' | 'declarations' | 'reports' | 'complaints' | 'helpCalls' | 'fees' | 'notices'

export interface DataSection {
  key: DataSectionKey
  title: string
  entries: DataEntry[]
  /** Shown when there are no entries. */
  empty: string
}

export interface MyData {
  exportedAt: string
  sections: DataSection[]
  /** The API's answer as it came: the export writes exactly this. */
  raw: unknown
}

const SEX_NAMES: Record<string, string> = { male: '男', female: '女', M: '男', F: '女', '1': '男', '2': '女' }

const SOURCE_NAMES: Record<string, string> = {
  resident: '随手拍',
  resident_report: '随手拍',
  citizen: '随手拍',
  report: '随手拍',
  grid_worker: '网格员上报',
  tourist_complaint: '游客投诉',
  tourist_help: '游客求助',
  open311: 'Open311',
  collision: '数据碰撞',
}

const COMPLAINT_CATEGORY_NAMES: Record<string, string> = {
  overcharging: '价格欺诈',
  hygiene: '食品卫生',
  safety: '安全隐患',
  service: '服务质量',
  other: '其他',
}

function when(value: unknown): string {
  const text = str(value)
  return formatDateTime(text) || text
}

/** Rows without a value are left out: the page shows what is on record, not empty labels. */
function rows(...pairs: [string, string][]): DataRow[] {
  return pairs.filter(([, value]) => value.trim() !== '').map(([label, value]) => ({ label, value }))
}

function named(value: unknown, names: Record<string, string>): string {
  const text = str(value)
  return names[text] ?? text
}

function textOrName(value: unknown): string {
  const o = obj(value)
  return o ? str(o.name) || str(o.title) || str(o.code) || str(o.topic) : str(value)
}

function idNumberShown(value: unknown): string {
  const id = str(value)
  return id ? `${maskIdNumber(id)}（完整号码见导出文件）` : ''
}

function profileSection(profile: Obj | null, consents: unknown[]): DataSection {
  const entries: DataEntry[] = []
  if (profile) {
    entries.push({
      title: '账号',
      rows: rows(
        ['账号 ID', str(profile.id)],
        ['昵称', str(profile.nickname) || '未设置'],
        ['手机号', str(profile.phone) || '未验证'],
        ['注册时间', when(profile.createdAt)],
        ['最近登录', when(profile.lastSignInAt)],
      ),
    })
  }
  for (const value of consents) {
    const c = obj(value)
    if (!c) continue
    entries.push({
      title: `隐私保护指引同意记录（版本 ${str(c.version) || '未知'}）`,
      rows: rows(['同意时间', when(c.agreedAt)], ['撤回时间', when(c.withdrawnAt)]),
    })
  }
  return { key: 'profile', title: '个人资料', entries, empty: '暂无个人资料' }
}

function declarationsSection(declarations: unknown[], houses: unknown[]): DataSection {
  const entries: DataEntry[] = []
  for (const value of declarations) {
    const d = obj(value)
    if (!d) continue
    entries.push({
      title: str(d.address) || str(d.houseCode) || '居住申报',
      rows: rows(
        ['房屋编码', str(d.houseCode)],
        ['姓名', str(d.name)],
        ['身份证号', idNumberShown(d.idNumber)],
        ['性别', named(d.sex, SEX_NAMES)],
        ['出生日期', str(d.birthDate)],
        ['手机号', str(d.phone)],
        ['入住日期', str(d.moveInDate)],
        ['搬离日期', str(d.moveOutDate)],
        ['状态', declarationStatusName(str(d.status), d.statusName)],
        ['有效期至', str(d.validUntil)],
        ['申报时间', when(d.createdAt)],
      ),
    })
  }
  for (const value of houses) {
    const h = obj(value)
    if (!h) continue
    entries.push({ title: `出租房屋：${str(h.address) || str(h.code)}`, rows: rows(['房屋编码', str(h.code)], ['地址', str(h.address)]) })
  }
  return { key: 'declarations', title: '居住申报', entries, empty: '暂无居住申报记录' }
}

function reportsSection(reports: unknown[]): DataSection {
  const entries: DataEntry[] = []
  for (const value of reports) {
    const r = obj(value)
    if (!r) continue
    const rating = typeof r.rating === 'number' && r.rating > 0 ? `${r.rating} 星` : ''
    entries.push({
      title: str(r.code) || '上报',
      rows: rows(
        ['来源', named(r.source, SOURCE_NAMES)],
        ['分类', textOrName(r.categoryName) || textOrName(r.category)],
        ['问题描述', str(r.description)],
        ['地址', str(r.address)],
        ['状态', statusName(str(r.status), r.statusName)],
        ['上报时间', when(r.createdAt)],
        ['结案时间', when(r.closedAt)],
        ['评价', rating],
        ['评价意见', str(r.ratingComment)],
      ),
    })
  }
  return { key: 'reports', title: '上报', entries, empty: '暂无上报记录' }
}

function complaintsSection(complaints: unknown[]): DataSection {
  const entries: DataEntry[] = []
  for (const value of complaints) {
    const c = obj(value)
    if (!c) continue
    entries.push({
      title: str(c.code) || '投诉',
      rows: rows(
        ['投诉类型', named(c.category, COMPLAINT_CATEGORY_NAMES)],
        ['投诉对象', textOrName(c.place)],
        ['问题描述', str(c.description)],
        ['联系电话', str(c.phone)],
        ['投诉时间', when(c.createdAt)],
      ),
    })
  }
  return { key: 'complaints', title: '投诉', entries, empty: '暂无投诉记录' }
}

function helpSection(helpCalls: unknown[]): DataSection {
  const entries: DataEntry[] = []
  for (const value of helpCalls) {
    const h = obj(value)
    if (!h) continue
    entries.push({
      title: str(h.code) || '求助',
      rows: rows(['求助类型', named(h.type, HELP_TYPE_NAMES)], ['联系电话', str(h.phone)], ['说明', str(h.text)], ['求助时间', when(h.createdAt)]),
    })
  }
  return { key: 'helpCalls', title: '求助', entries, empty: '暂无求助记录' }
}

function feesSection(fees: Obj | null): DataSection {
  const entries: DataEntry[] = []
  const binding = obj(fees?.binding)
  if (binding) {
    entries.push({
      title: '社保查询绑定',
      rows: rows(['姓名', str(binding.name)], ['身份证号', idNumberShown(binding.idNumber)], ['绑定时间', when(binding.boundAt)]),
    })
  }
  for (const value of list(fees?.certificates)) {
    const c = obj(value)
    if (!c) continue
    const from = str(c.periodFrom)
    const to = str(c.periodTo)
    entries.push({
      title: `缴费证明 ${str(c.code)}`.trim(),
      rows: rows(['缴费期间', from && to ? `${from} 至 ${to}` : from || to], ['开具时间', when(c.issuedAt)]),
    })
  }
  return { key: 'fees', title: '社保', entries, empty: '暂无社保绑定和缴费证明' }
}

function noticesSection(notices: Obj | null): DataSection {
  const entries: DataEntry[] = []
  const topics = list(notices?.topics).map(textOrName).filter((t) => t !== '')
  if (topics.length) entries.push({ title: '订阅的主题', rows: [{ label: '主题', value: topics.join('、') }] })
  for (const value of list(notices?.inbox)) {
    const m = obj(value)
    if (!m) continue
    entries.push({
      title: str(m.title) || '消息',
      rows: rows(['内容', str(m.body)], ['收到时间', when(m.createdAt)], ['阅读时间', m.readAt ? when(m.readAt) : '未读']),
    })
  }
  return { key: 'notices', title: '消息', entries, empty: '暂无消息' }
}

/** GET /me/data as the page's seven sections, in the order the resident meets the services. */
export function parseMyData(body: unknown): MyData {
  const o = obj(body) ?? {}
  return {
    exportedAt: str(o.exportedAt),
    raw: body,
    sections: [
      profileSection(obj(o.profile), list(o.consents)),
      declarationsSection(list(o.declarations), list(o.houses)),
      reportsSection(list(o.reports)),
      complaintsSection(list(o.complaints)),
      helpSection(list(o.helpCalls)),
      feesSection(obj(o.fees)),
      noticesSection(obj(o.notices)),
    ],
  }
}

/** 「共 3 条」 beside a section's heading. */
export function sectionCountText(section: DataSection): string {
  return `共 ${section.entries.length} 条`
}

// ---------- the export ----------

/** The exported copy: exactly what the API answered (full identity numbers included: it is the owner's), as readable JSON. */
export function exportText(raw: unknown): string {
  return `${JSON.stringify(raw ?? {}, null, 2)}\n`
}

/** weave-my-data-20261202-1530.json, in the city's time; the export time from the API, else now. */
export function exportFileName(exportedAt: string | null | undefined, now: Date): string {
  const at = exportedAt && !Number.isNaN(Date.parse(exportedAt)) ? exportedAt : now.toISOString()
  const stamp = (formatDateTime(at) || formatDateTime(now.toISOString())).replace(/[-:]/g, '').replace(' ', '-')
  return `weave-my-data-${stamp}.json`
}

// ---------- 注销账号 ----------

/** What the resident types to confirm, and what DELETE /me takes as `confirm`. */
export const DELETE_CONFIRM_WORD = '注销'

/** True once the typed text is the word (spaces around it forgiven). */
export function deletionConfirmed(typed: string): boolean {
  return typed.trim() === DELETE_CONFIRM_WORD
}

export const DELETE_EXPLANATION =
  '注销后，您的个人资料和个人信息（手机号、身份证号、居住申报中的个人字段、社保绑定、消息和订阅）将被删除，登录状态随即结束。已上报的事件会作为匿名的城市事件档案保留。此操作无法撤销。'
