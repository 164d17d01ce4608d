// Targeted service notices as the resident sees them (docs/api.md "Targeted service notices (精准推送) and the inbox"):
// inbox pages read leniently and merged as 「加载更多」 brings older ones, the unread badge's words, where a message's
// link leads, and WeChat subscribe messages (templates, the result map of requestSubscribeMessage, quotas, topics).
// Taro-free (unit-tested).

// ---------- reading the API leniently ----------

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

function id(value: unknown): number | string | null {
  return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value !== '') ? value : null
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

// ---------- the inbox ----------

export interface InboxItem {
  id: number | string
  title: string
  body: string
  /** A mini-program page path (/pages/report/detail/index?code=…), or null. */
  link: string | null
  eventCode: string | null
  topic: string | null
  topicName: string | null
  createdAt: string
  readAt: string | null
}

export interface InboxPage {
  items: InboxItem[]
  unreadCount: number
  /** The `before` of the next (older) page; null when this page was the last. */
  nextBefore: number | string | null
}

export function parseInboxItem(value: unknown): InboxItem | null {
  const m = obj(value)
  const key = m ? id(m.id) : null
  if (!m || key === null) return null
  return {
    id: key,
    title: str(m.title),
    body: str(m.body),
    link: optStr(m.link),
    eventCode: optStr(m.eventCode),
    topic: optStr(m.topic),
    topicName: optStr(m.topicName),
    createdAt: str(m.createdAt),
    readAt: optStr(m.readAt),
  }
}

/** GET /me/inbox; an answer without unreadCount counts the unread messages it holds. */
export function parseInboxPage(body: unknown): InboxPage {
  const o = obj(body)
  const raw = Array.isArray(body) ? body : list(o?.items)
  const items = raw.map(parseInboxItem).filter((m): m is InboxItem => m !== null)
  const unread = optNum(o?.unreadCount)
  return {
    items,
    unreadCount: unread !== null && unread >= 0 ? Math.floor(unread) : items.filter((m) => m.readAt === null).length,
    nextBefore: o ? id(o.nextBefore) : null,
  }
}

/** GET /me/inbox/unread-count → the count, or null when the answer cannot be read. */
export function parseUnreadCount(body: unknown): number | null {
  const count = optNum(obj(body)?.unreadCount)
  return count !== null && count >= 0 ? Math.floor(count) : null
}

/**
 * The list after 「加载更多」: the older page appended, newest first. A message already shown (the inbox moved while the
 * person read) is kept once, as it was shown.
 */
export function mergeInboxPages(shown: readonly InboxItem[], older: readonly InboxItem[]): InboxItem[] {
  const seen = new Set(shown.map((m) => String(m.id)))
  const merged = [...shown]
  for (const message of older) {
    const key = String(message.id)
    if (seen.has(key)) continue
    seen.add(key)
    merged.push(message)
  }
  return merged
}

/** The list with one message read (at `at`), and the unread count that follows; unchanged when it was read already. */
export function markItemRead(page: Pick<InboxPage, 'items' | 'unreadCount'>, messageId: number | string, at: string): { items: InboxItem[]; unreadCount: number } {
  let changed = false
  const items = page.items.map((m) => {
    if (String(m.id) !== String(messageId) || m.readAt !== null) return m
    changed = true
    return { ...m, readAt: at }
  })
  return { items, unreadCount: changed ? Math.max(0, page.unreadCount - 1) : page.unreadCount }
}

/** The list after 全部已读. */
export function markAllItemsRead(items: readonly InboxItem[], at: string): InboxItem[] {
  return items.map((m) => (m.readAt === null ? { ...m, readAt: at } : m))
}

// ---------- the unread badge ----------

/** 「3 条未读」 beside 消息; '' when nothing is unread (no badge is drawn). */
export function unreadBadgeText(count: number | null | undefined): string {
  if (!count || count <= 0) return ''
  return count > 99 ? '99+ 条未读' : `${count} 条未读`
}

/** What a screen reader says for the badge: 「3 条未读消息」. */
export function unreadBadgeLabel(count: number | null | undefined): string {
  if (!count || count <= 0) return '没有未读消息'
  return count > 99 ? '超过 99 条未读消息' : `${count} 条未读消息`
}

/** The text of the tab bar's badge (WeChat shows at most 4 characters); null to remove it. */
export function tabBadgeText(count: number | null | undefined): string | null {
  if (!count || count <= 0) return null
  return count > 99 ? '99+' : String(count)
}

// ---------- where a message leads ----------

/** The event a message is about: its eventCode, or the code in its link. */
export function eventCodeOf(message: Pick<InboxItem, 'eventCode' | 'link'>): string | null {
  if (message.eventCode) return message.eventCode
  const match = message.link ? /(?:events\/|[?&]code=)([A-Za-z0-9-]+)/.exec(message.link) : null
  return match ? decodeURIComponent(match[1]) : null
}

export const EVENT_DETAIL_PAGE = '/pages/report/detail/index'

export type LinkTarget = { kind: 'tab'; url: string } | { kind: 'page'; url: string }

/** Pages that moved when the report flow joined the main package: links in messages sent before still open. */
const MOVED_PAGES: Record<string, string> = {
  '/packages/report/pages/new/index': '/pages/report/new/index',
  '/packages/report/pages/mine/index': '/pages/report/mine/index',
  '/packages/report/pages/detail/index': '/pages/report/detail/index',
  '/packages/report/pages/inbox/index': '/packages/notices/pages/inbox/index',
  '/packages/report/pages/inbox-detail/index': '/packages/notices/pages/inbox-detail/index',
  '/packages/report/pages/subscriptions/index': '/packages/notices/pages/subscriptions/index',
}

// Only the mini-program's own pages: a link is data from the server, never a web address or a script.
const PAGE_PATH = /^\/?((?:pages|packages)\/[A-Za-z0-9_\-/]+)(\?[^#\s]*)?$/

/**
 * How to open a message's link: a tab page (首页, 我的) with switchTab, which takes no query; any other page with
 * navigateTo. A message without a link but about an event opens that event. null: nothing to open.
 */
export function linkTarget(message: Pick<InboxItem, 'eventCode' | 'link'>, tabPages: readonly string[]): LinkTarget | null {
  const match = message.link ? PAGE_PATH.exec(message.link.trim()) : null
  if (match) {
    const written = `/${match[1].replace(/\/+$/, '')}`
    const path = MOVED_PAGES[written] ?? written
    const tabs = tabPages.map((p) => `/${p.replace(/^\/+/, '')}`)
    if (tabs.includes(path)) return { kind: 'tab', url: path }
    return { kind: 'page', url: `${path}${match[2] ?? ''}` }
  }
  const code = message.eventCode
  return code ? { kind: 'page', url: `${EVENT_DETAIL_PAGE}?code=${encodeURIComponent(code)}` } : null
}

// ---------- WeChat subscribe messages ----------

/** When the mini-program asks for subscribe messages; the API answers the templates that fit each moment. */
export type SubscribeMoment = 'after_report' | 'after_declaration' | 'after_help' | 'settings'

export interface SubscribeTemplate {
  key: string
  templateId: string
  title: string
}

export type SubscribeChoice = 'accept' | 'reject' | 'ban' | 'filter'

const CHOICES: readonly string[] = ['accept', 'reject', 'ban', 'filter']

/** WeChat asks for at most three templates at a time. */
export const MAX_TEMPLATES_PER_REQUEST = 3

/** GET /notices/subscribe-templates: at most three, each template id once. */
export function parseSubscribeTemplates(body: unknown): SubscribeTemplate[] {
  const seen = new Set<string>()
  const templates: SubscribeTemplate[] = []
  for (const value of list(obj(body)?.templates)) {
    const t = obj(value)
    const templateId = optStr(t?.templateId)
    if (!t || !templateId || seen.has(templateId)) continue
    seen.add(templateId)
    templates.push({ key: str(t.key), templateId, title: str(t.title) })
  }
  return templates.slice(0, MAX_TEMPLATES_PER_REQUEST)
}

/**
 * requestSubscribeMessage's answer ({errMsg, [templateId]: 'accept' | …}) as the map POST /me/subscriptions/wechat
 * takes: only the templates asked for, only the four choices WeChat defines (errMsg and anything new stay out).
 */
export function subscribeResults(asked: readonly string[], answer: unknown): Record<string, SubscribeChoice> {
  const o = obj(answer)
  const results: Record<string, SubscribeChoice> = {}
  if (!o) return results
  for (const templateId of asked) {
    const choice = o[templateId]
    if (typeof choice === 'string' && CHOICES.includes(choice)) results[templateId] = choice as SubscribeChoice
  }
  return results
}

export function acceptedCount(results: Record<string, SubscribeChoice>): number {
  return Object.values(results).filter((c) => c === 'accept').length
}

export interface Quota {
  key: string
  templateId: string
  title: string
  remaining: number
}

export interface Topic {
  topic: string
  name: string
  description: string
  subscribed: boolean
}

export interface SubscriptionSettings {
  topics: Topic[]
  quotas: Quota[]
}

export function parseQuotas(value: unknown): Quota[] {
  return list(value)
    .map((v): Quota | null => {
      const q = obj(v)
      if (!q) return null
      const key = str(q.key)
      const templateId = str(q.templateId)
      if (!key && !templateId) return null
      const remaining = optNum(q.remaining)
      return { key, templateId, title: str(q.title) || '服务通知', remaining: remaining !== null && remaining > 0 ? Math.floor(remaining) : 0 }
    })
    .filter((q): q is Quota => q !== null)
}

/** GET /me/subscriptions and PUT /me/subscriptions/topics. */
export function parseSubscriptionSettings(body: unknown): SubscriptionSettings {
  const o = obj(body)
  const topics = list(o?.topics)
    .map((v): Topic | null => {
      const t = obj(v)
      const topic = optStr(t?.topic)
      if (!t || !topic) return null
      return { topic, name: str(t.name) || topic, description: str(t.description), subscribed: t.subscribed === true }
    })
    .filter((t): t is Topic => t !== null)
  return { topics, quotas: parseQuotas(o?.quotas) }
}

/** The quotas after a new grant: the API's answer replaces each template it names and adds the ones it did not list. */
export function mergeQuotas(shown: readonly Quota[], fresh: readonly Quota[]): Quota[] {
  const keyOf = (q: Quota) => q.templateId || q.key
  const byTemplate = new Map(fresh.map((q) => [keyOf(q), q]))
  const merged = shown.map((q) => byTemplate.get(keyOf(q)) ?? q)
  const known = new Set(shown.map(keyOf))
  for (const q of fresh) if (!known.has(keyOf(q))) merged.push(q)
  return merged
}

/** 「办理进度通知：剩余 2 次」. */
export function quotaText(quota: Pick<Quota, 'title' | 'remaining'>): string {
  return `${quota.title}：剩余 ${quota.remaining} 次`
}

/** The body of PUT /me/subscriptions/topics: the topics switched on, in the order the API listed them. */
export function topicsBody(topics: readonly Topic[], chosen: Readonly<Record<string, boolean>>): { topics: string[] } {
  return { topics: topics.filter((t) => chosen[t.topic] ?? t.subscribed).map((t) => t.topic) }
}

/** The switches as the API last saved them. */
export function chosenOf(topics: readonly Topic[]): Record<string, boolean> {
  const chosen: Record<string, boolean> = {}
  for (const t of topics) chosen[t.topic] = t.subscribed
  return chosen
}

/** Whether the switches differ from what was saved. */
export function topicsChanged(topics: readonly Topic[], chosen: Readonly<Record<string, boolean>>): boolean {
  return topics.some((t) => (chosen[t.topic] ?? t.subscribed) !== t.subscribed)
}

// ---------- asking for subscribe messages ----------

/** What came of one 「接收进度通知」. */
export type SubscribeOutcome =
  /** Not WeChat (H5), or a WeChat too old to ask. */
  | { kind: 'unsupported' }
  /** The API offers no template at this moment. */
  | { kind: 'none' }
  /** The person chose; quotas are the API's answer (empty when it could not be told). */
  | { kind: 'answered'; results: Record<string, SubscribeChoice>; accepted: number; quotas: Quota[] }
  /** WeChat refused to ask (subscriptions switched off, no network, …). */
  | { kind: 'failed'; errCode: number | null }

// WeChat's errCodes of requestSubscribeMessage that the person can do something about.
const SWITCHED_OFF = 20004

/** The sentence shown after 「接收进度通知」: what happened and that the in-app 消息 still has everything. */
export function subscribeOutcomeText(outcome: SubscribeOutcome): string {
  switch (outcome.kind) {
    case 'unsupported':
      return '微信订阅消息需在微信小程序中开启。办理进度会发送到「消息」，可在「我的」中查看。'
    case 'none':
      return '暂无可订阅的微信通知。办理进度会发送到「消息」，可在「我的」中查看。'
    case 'answered':
      return outcome.accepted > 0
        ? '已开启微信通知，有新进度时会通过微信服务通知提醒您。'
        : '未开启微信通知。办理进度仍会发送到「消息」，可在「我的」中查看。'
    case 'failed':
      return outcome.errCode === SWITCHED_OFF
        ? '您已关闭订阅消息，可在小程序右上角「设置」中打开。办理进度仍会发送到「消息」。'
        : '暂时无法开启微信通知。办理进度仍会发送到「消息」，可在「我的」中查看。'
  }
}
