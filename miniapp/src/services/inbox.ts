// The resident's messages (docs/api.md "Resident inbox"): every change a person should know of lands here, one page of
// 20 at a time (older ones with `before`), with the unread count for 「我的」 and the tab bar's badge.

import Taro from '@tarojs/taro'
import { request } from './http'
import { linkTarget, parseInboxItem, parseInboxPage, parseUnreadCount, tabBadgeText, type InboxItem, type InboxPage } from './notice-view'

export type { InboxItem, InboxPage } from './notice-view'

export const INBOX_PAGE_SIZE = 20

export const INBOX_PAGES = {
  list: '/packages/notices/pages/inbox/index',
  detail: '/packages/notices/pages/inbox-detail/index',
  subscriptions: '/packages/notices/pages/subscriptions/index',
}

/** The tab pages of app.config.ts: a link to one of them opens with switchTab. */
export const TAB_PAGES = ['pages/index/index', 'pages/mine/index']
/** 我的, where 消息 is: the tab whose badge shows the unread count. */
const INBOX_TAB_INDEX = 1

export async function fetchInbox(options: { before?: number | string | null; unread?: boolean; limit?: number } = {}): Promise<InboxPage> {
  const data = { limit: options.limit ?? INBOX_PAGE_SIZE, before: options.before ?? undefined, unread: options.unread ? 'true' : undefined }
  return parseInboxPage(await request<unknown>('GET', '/me/inbox', { data, auth: true }))
}

export async function fetchInboxItem(id: number | string): Promise<InboxItem | null> {
  return parseInboxItem(await request<unknown>('GET', `/me/inbox/${encodeURIComponent(String(id))}`, { auth: true }))
}

export async function fetchUnreadCount(): Promise<number> {
  return parseUnreadCount(await request<unknown>('GET', '/me/inbox/unread-count', { auth: true })) ?? 0
}

export async function markRead(id: number | string): Promise<void> {
  await request<void>('POST', `/me/inbox/${encodeURIComponent(String(id))}/read`, { auth: true })
}

export async function markAllRead(): Promise<void> {
  await request<void>('POST', '/me/inbox/read-all', { auth: true })
}

// A message opened from the list shows at once; the detail page then reads it from the API.
const opened = new Map<string, InboxItem>()

export function rememberOpened(message: InboxItem): void {
  opened.set(String(message.id), message)
}

export function openedMessage(id: string): InboxItem | null {
  return opened.get(id) ?? null
}

/**
 * The unread count on 我的's tab (WeChat only: the H5 build's tab bar draws its own badge colours, and there is no
 * badge to keep there). Never throws: the tab bar may be hidden, or the call made from a page that is not a tab.
 */
export function showUnreadOnTabBar(count: number | null): void {
  if (process.env.TARO_ENV !== 'weapp') return
  try {
    const text = tabBadgeText(count)
    const done = text ? Taro.setTabBarBadge({ index: INBOX_TAB_INDEX, text }) : Taro.removeTabBarBadge({ index: INBOX_TAB_INDEX })
    void Promise.resolve(done).catch(() => undefined)
  } catch {
    // No tab bar right now: the next page show sets it.
  }
}

/**
 * Opens a message's link (or the event it is about): navigateTo, switchTab for 首页 and 我的, and redirectTo when
 * the page stack is full. false when there is nothing to open or the page does not exist in this version.
 */
export async function openMessageLink(message: Pick<InboxItem, 'link' | 'eventCode'>): Promise<boolean> {
  const target = linkTarget(message, TAB_PAGES)
  if (!target) return false
  try {
    if (target.kind === 'tab') await Taro.switchTab({ url: target.url })
    else await Taro.navigateTo({ url: target.url })
    return true
  } catch {
    try {
      // navigateTo fails with ten pages open, and for a tab page the link did not name as one.
      if (target.kind === 'page') await Taro.redirectTo({ url: target.url })
      else return false
      return true
    } catch {
      try {
        await Taro.switchTab({ url: target.url.split('?')[0] })
        return true
      } catch {
        return false
      }
    }
  }
}
