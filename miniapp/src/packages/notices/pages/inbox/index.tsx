// 消息: GET /me/inbox 20 at a time, 「加载更多」 (or reaching the bottom) for older ones with `before`; unread messages
// carry a written 「未读」 tag; 全部已读 (POST /me/inbox/read-all); tapping a message opens it in 消息详情, which marks it
// read. 消息订阅 leads to the topics and WeChat notices.

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { useSession } from '../../../../hooks/use-session'
import { formatDateTime } from '../../../../services/events'
import { showApiError, userMessage } from '../../../../services/http'
import { fetchInbox, INBOX_PAGES, markAllRead, rememberOpened } from '../../../../services/inbox'
import { markAllItemsRead, markItemRead, mergeInboxPages, type InboxItem, type InboxPage } from '../../../../services/notice-view'
import SignInNeeded from '../../../../pages/report/components/sign-in-needed'
import '../../../../pages/report/styles/report.scss'

export default function InboxPage() {
  const session = useSession()
  const [inbox, setInbox] = useState<InboxPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [markingAll, setMarkingAll] = useState(false)
  // A reload started while an older page was on its way wins: the older page is dropped.
  const generation = useRef(0)

  async function load() {
    if (!session) return
    const mine = ++generation.current
    setLoading(true)
    setError(null)
    try {
      const first = await fetchInbox()
      if (mine === generation.current) setInbox(first)
    } catch (err) {
      if (mine === generation.current) setError(userMessage(err))
    } finally {
      if (mine === generation.current) {
        setLoading(false)
        setLoadingMore(false)
      }
      Taro.stopPullDownRefresh()
    }
  }

  async function loadMore() {
    if (!inbox || inbox.nextBefore === null || loadingMore || loading) return
    const mine = generation.current
    setLoadingMore(true)
    setError(null)
    try {
      const older = await fetchInbox({ before: inbox.nextBefore })
      if (mine !== generation.current) return
      setInbox((current) =>
        current ? { items: mergeInboxPages(current.items, older.items), unreadCount: older.unreadCount, nextBefore: older.nextBefore } : current,
      )
    } catch (err) {
      if (mine === generation.current) setError(userMessage(err))
    } finally {
      if (mine === generation.current) setLoadingMore(false)
    }
  }

  useEffect(() => {
    void load()
  }, [session?.user.id])

  usePullDownRefresh(() => {
    void load()
  })

  useReachBottom(() => {
    void loadMore()
  })

  function open(message: InboxItem) {
    rememberOpened(message)
    if (message.readAt === null) {
      // Shown as read at once; 消息详情 tells the API.
      const at = new Date().toISOString()
      setInbox((current) => (current ? { ...current, ...markItemRead(current, message.id, at) } : current))
    }
    void Taro.navigateTo({ url: `${INBOX_PAGES.detail}?id=${encodeURIComponent(String(message.id))}` })
  }

  async function readAll() {
    setMarkingAll(true)
    try {
      await markAllRead()
      const at = new Date().toISOString()
      setInbox((current) => (current ? { ...current, items: markAllItemsRead(current.items, at), unreadCount: 0 } : current))
      void Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch (err) {
      showApiError(err)
    } finally {
      setMarkingAll(false)
    }
  }

  const openSubscriptions = () => void Taro.navigateTo({ url: INBOX_PAGES.subscriptions })

  return (
    <View className='page report-inbox' role='main'>
      <View className='rp-switch-row'>
        <View className='rp-title' role='heading' aria-level='1'>
          消息
        </View>
        {session && (
          <ActionButton className='btn btn--secondary btn--small' loading={loading} onTap={() => void load()}>
            刷新
          </ActionButton>
        )}
      </View>
      {!session ? (
        <SignInNeeded reason='登录后可查看办理进度的通知。' />
      ) : (
        <>
          <View className='rp-inbox-bar'>
            {inbox && (
              <Text className='rp-steps rp-inbox-bar__count' id='unread-count'>
                {inbox.unreadCount ? `${inbox.unreadCount} 条未读` : '没有未读消息'}
              </Text>
            )}
            <View className='rp-inbox-bar__actions'>
              {inbox && inbox.unreadCount > 0 && (
                <ActionButton id='inbox-read-all' className='rp-link' loading={markingAll} onTap={() => void readAll()}>
                  全部已读
                </ActionButton>
              )}
              <ActionButton id='inbox-subscriptions' className='rp-link' onTap={openSubscriptions}>
                消息订阅
              </ActionButton>
            </View>
          </View>
          {error && (
            <View className='alert' role='alert'>
              {error}
            </View>
          )}
          {!inbox ? (
            !error && (
              <View className='rp-empty' role='status'>
                正在加载…
              </View>
            )
          ) : inbox.items.length === 0 ? (
            <View className='rp-empty'>暂无消息</View>
          ) : (
            <>
              <View role='list' aria-label='消息列表'>
                {inbox.items.map((message) => {
                  const unread = message.readAt === null
                  return (
                    <View key={String(message.id)} role='listitem'>
                      <ActionButton id={`inbox-item-${message.id}`} className={`rp-item${unread ? ' rp-item--unread' : ''}`} onTap={() => open(message)}>
                        <View className='rp-item__body'>
                          <View>
                            {unread && <Text className='rp-unread'>未读</Text>}
                            <Text className={unread ? 'rp-item__title' : 'rp-item__title rp-item__title--read'} style={{ display: 'inline' }}>
                              {message.title}
                            </Text>
                          </View>
                          <Text className='rp-item__preview'>{message.body}</Text>
                          <Text className='rp-item__meta'>{[message.topicName, formatDateTime(message.createdAt)].filter(Boolean).join(' · ')}</Text>
                        </View>
                      </ActionButton>
                    </View>
                  )
                })}
              </View>
              {inbox.nextBefore !== null ? (
                <ActionButton id='inbox-more' className='btn btn--secondary' loading={loadingMore} onTap={() => void loadMore()}>
                  加载更多
                </ActionButton>
              ) : (
                <View className='rp-empty rp-inbox-end'>没有更早的消息了</View>
              )}
            </>
          )}
        </>
      )}
    </View>
  )
}
