// 消息详情 (?id=): GET /me/inbox/{id}, the whole message with its topic and time, marked read (POST /me/inbox/{id}/read);
// 查看详情 opens the page the message links to (an event, a declaration, a help call), or the event it is about.

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { useSession } from '../../../../hooks/use-session'
import { formatDateTime } from '../../../../services/events'
import { isApiError, userMessage } from '../../../../services/http'
import { fetchInboxItem, INBOX_PAGES, markRead, openedMessage, openMessageLink, TAB_PAGES } from '../../../../services/inbox'
import { linkTarget, type InboxItem } from '../../../../services/notice-view'
import SignInNeeded from '../../../../pages/report/components/sign-in-needed'
import '../../../../pages/report/styles/report.scss'

export default function InboxDetailPage() {
  const router = useRouter()
  const id = decodeURIComponent(router.params.id ?? '')
  const session = useSession()
  // Opened from the list: shown at once, then read again from the API.
  const [message, setMessage] = useState<InboxItem | null>(() => (id ? openedMessage(id) : null))
  const [error, setError] = useState<string | null>(null)
  const [notFound, setNotFound] = useState(!id)
  const [opening, setOpening] = useState(false)
  const marked = useRef(false)

  function markOnce(current: InboxItem | null) {
    if (marked.current || !current || current.readAt !== null) return
    marked.current = true
    // A failed mark is harmless: the message stays unread and is marked the next time it is opened.
    markRead(current.id).catch(() => {
      marked.current = false
    })
    setMessage((m) => (m && m.readAt === null ? { ...m, readAt: new Date().toISOString() } : m))
  }

  async function load() {
    if (!session || !id) return
    setError(null)
    let known = message
    try {
      const found = await fetchInboxItem(id)
      if (found) {
        known = found
        setMessage(found)
        setNotFound(false)
      } else if (!known) {
        setNotFound(true)
      }
    } catch (err) {
      if (isApiError(err) && err.status === 404) {
        known = null
        setMessage(null)
        setNotFound(true)
      } else if (!known) {
        setError(userMessage(err))
      }
    }
    markOnce(known)
  }

  useEffect(() => {
    void load()
  }, [id, session?.user.id])

  async function openLink() {
    if (!message) return
    setOpening(true)
    const opened = await openMessageLink(message)
    setOpening(false)
    if (!opened) void Taro.showToast({ title: '无法打开该页面，请更新小程序后重试', icon: 'none', duration: 3000 })
  }

  function backToList() {
    const pages = Taro.getCurrentPages()
    const below = pages.length > 1 ? pages[pages.length - 2] : null
    if (below && `/${String(below.route ?? '').replace(/^\/+/, '')}` === INBOX_PAGES.list) void Taro.navigateBack()
    else void Taro.redirectTo({ url: INBOX_PAGES.list })
  }

  const target = message ? linkTarget(message, TAB_PAGES) : null

  return (
    <View className='page report-inbox-detail' role='main'>
      {!session ? (
        <>
          <View className='rp-title' role='heading' aria-level='1'>
            消息详情
          </View>
          <SignInNeeded reason='登录后可查看您的消息。' />
        </>
      ) : notFound ? (
        <>
          <View className='rp-title' role='heading' aria-level='1'>
            消息详情
          </View>
          <View className='alert' role='alert' id='inbox-not-found'>
            未找到这条消息，它可能已被删除。
          </View>
        </>
      ) : !message ? (
        <>
          <View className='rp-title' role='heading' aria-level='1'>
            消息详情
          </View>
          {error ? (
            <>
              <View className='alert' role='alert'>
                {error}
              </View>
              <View className='rp-actions'>
                <ActionButton className='btn btn--secondary' onTap={() => void load()}>
                  重新加载
                </ActionButton>
              </View>
            </>
          ) : (
            <View className='rp-empty' role='status'>
              正在加载…
            </View>
          )}
        </>
      ) : (
        <View className='rp-card' id='inbox-message'>
          <View className='rp-heading' role='heading' aria-level='1' id='inbox-message-title'>
            {message.title}
          </View>
          <View className='rp-message__meta'>
            {message.topicName && (
              <Text className='rp-topic' id='inbox-message-topic'>
                {message.topicName}
              </Text>
            )}
            <Text>{formatDateTime(message.createdAt)}</Text>
          </View>
          <Text className='rp-message__body' id='inbox-message-body' userSelect>
            {message.body}
          </Text>
          <View className='rp-actions'>
            {target && (
              <ActionButton id='inbox-open-link' className='btn btn--primary' loading={opening} onTap={() => void openLink()}>
                查看详情
              </ActionButton>
            )}
            <ActionButton id='inbox-back' className='btn btn--secondary' onTap={backToList}>
              全部消息
            </ActionButton>
          </View>
        </View>
      )}
    </View>
  )
}
