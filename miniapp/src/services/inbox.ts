// The resident's messages (docs/api.md "Inbox"): every change a reporter should know of lands here.

import { parseInbox, type Inbox } from './events'
import { request } from './http'

export async function fetchInbox(): Promise<Inbox> {
  return parseInbox(await request<unknown>('GET', '/me/inbox', { auth: true }))
}

export async function markRead(id: number | string): Promise<void> {
  await request<void>('POST', `/me/inbox/${encodeURIComponent(String(id))}/read`, { auth: true })
}
