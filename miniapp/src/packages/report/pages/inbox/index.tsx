// 消息: GET /me/inbox; tapping a message marks it read (POST /me/inbox/{id}/read) and opens its event.

import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { useSession } from '../../../../hooks/use-session'
import { eventCodeOf, formatDateTime, type Inbox, type InboxMessage } from '../../../../services/events'
import { userMessage } from '../../../../services/http'
import { fetchInbox, markRead } from '../../../../services/inbox'
import SignInNeeded from '../../components/sign-in-needed'
import '../../styles/report.scss'

export default function InboxPage() {
  const session = useSession()
  const [inbox, setInbox] = useState<Inbox | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)

  async function load() {
    if (!session) return
    setLoading(true)
    setError(null)
    try {
      setInbox(await fetchInbox())
    } catch (err) {
      setError(userMessage(err))
    } finally {
      setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }

  useEffect(() => {
    void load()
  }, [session?.user.id])

  usePullDownRefresh(() => {
    void load()
  })

  async function open(message: InboxMessage) {
    if (message.readAt === null) {
      // Shown as read at once; a failed mark is harmless (it is read again next time).
      const readAt = new Date().toISOString()
      setInbox((current) =>
        current
          ? { items: current.items.map((m) => (m.id === message.id ? { ...m, readAt } : m)), unreadCount: Math.max(0, current.unreadCount - 1) }
          : current,
      )
      markRead(message.id).catch(() => undefined)
    }
    const code = eventCodeOf(message)
    if (code) void Taro.navigateTo({ url: `/packages/report/pages/detail/index?code=${encodeURIComponent(code)}` })
  }

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
          {inbox && (
            <Text className='rp-steps' id='unread-count'>
              {inbox.unreadCount ? `${inbox.unreadCount} 条未读` : '没有未读消息'}
            </Text>
          )}
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
            <View role='list' aria-label='消息列表'>
              {inbox.items.map((message) => {
                const unread = message.readAt === null
                return (
                  <View key={String(message.id)} role='listitem'>
                    <ActionButton className='rp-item' onTap={() => void open(message)}>
                      <View className='rp-item__body'>
                        <View>
                          {unread && <Text className='rp-unread'>未读</Text>}
                          <Text className='rp-item__title' style={{ display: 'inline' }}>
                            {message.title}
                          </Text>
                        </View>
                        <Text className='rp-text'>{message.body}</Text>
                        <Text className='rp-item__meta'>{formatDateTime(message.createdAt)}</Text>
                      </View>
                    </ActionButton>
                  </View>
                )
              })}
            </View>
          )}
        </>
      )}
    </View>
  )
}
