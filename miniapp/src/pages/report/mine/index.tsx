// 我的上报: reports still waiting in this phone's outbox, then GET /me/reports (status, category, time, thumbnail);
// pull down (or 「刷新」) to reload, tap one for its detail.

import { useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { useSession } from '../../../hooks/use-session'
import { formatDateTime, type EventSummary } from '../../../services/events'
import { apiMediaUrl, userMessage } from '../../../services/http'
import { attemptSubmission, outbox, queuedStateText } from '../../../services/outbox'
import type { QueuedSubmission } from '../../../services/report-queue'
import { fetchMyReports } from '../../../services/reports'
import SignInNeeded from '../components/sign-in-needed'
import StatusBadge from '../components/status-badge'
import '../styles/report.scss'

const PAGE_SIZE = 20

export default function MyReports() {
  const session = useSession()
  const [items, setItems] = useState<EventSummary[] | null>(null)
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(1)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [queued, setQueued] = useState<QueuedSubmission[]>(() => outbox.list())

  async function load(nextPage = 1) {
    if (!session) return
    setLoading(true)
    setError(null)
    try {
      const result = await fetchMyReports(nextPage, PAGE_SIZE)
      setItems((current) => (nextPage === 1 || !current ? result.items : [...current, ...result.items]))
      setTotal(result.total)
      setPage(nextPage)
    } catch (err) {
      setError(userMessage(err))
    } finally {
      setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }

  useEffect(() => {
    void load(1)
  }, [session?.user.id])

  // The outbox changes under this page (a retry succeeds): show it, and reload the list when a report went out.
  const queuedCount = useRef(queued.length)
  useEffect(
    () =>
      outbox.subscribe((entries) => {
        const wentOut = entries.length < queuedCount.current
        queuedCount.current = entries.length
        setQueued(entries)
        if (wentOut) void load(1)
      }),
    [session?.user.id],
  )

  usePullDownRefresh(() => {
    void load(1)
  })

  useReachBottom(() => {
    if (!loading && items && items.length < total) void load(page + 1)
  })

  const open = (code: string) => void Taro.navigateTo({ url: `/pages/report/detail/index?code=${encodeURIComponent(code)}` })

  return (
    <View className='page report-mine' role='main'>
      <View className='rp-switch-row'>
        <View className='rp-title' role='heading' aria-level='1'>
          我的上报
        </View>
        {session && (
          <ActionButton className='btn btn--secondary btn--small' loading={loading} onTap={() => void load(1)}>
            刷新
          </ActionButton>
        )}
      </View>

      {!session ? (
        <SignInNeeded reason='登录后可查看您上报的问题和办理进度。' />
      ) : (
        <>
          {queued.length > 0 && (
            <View className='rp-card' role='region' aria-labelledby='queued-heading' id='queued-reports'>
              <View className='rp-heading' role='heading' aria-level='2' id='queued-heading'>
                {`待发送（${queued.length}）`}
              </View>
              <Text className='rp-hint'>网络恢复后会自动发送，也可以立即重试。</Text>
              {queued.map((entry) => (
                <View key={entry.key} className='rp-row'>
                  <View className='rp-item__body'>
                    <Text className='rp-item__title'>{entry.label || '随手拍'}</Text>
                    <Text className='rp-item__meta'>{`保存于 ${formatDateTime(new Date(entry.createdAt).toISOString())}`}</Text>
                    <Text className='rp-item__meta'>{queuedStateText(entry)}</Text>
                  </View>
                  <View className='rp-queue-actions'>
                    <ActionButton
                      className='btn btn--secondary btn--small'
                      label={`立即重试：${entry.label || '随手拍'}`}
                      loading={outbox.isInFlight(entry.key)}
                      onTap={() => void attemptSubmission(entry.key, undefined, { quiet: false })}
                    >
                      立即重试
                    </ActionButton>
                    <ActionButton
                      className='rp-link'
                      label={`放弃发送：${entry.label || '随手拍'}`}
                      onTap={() =>
                        void Taro.showModal({ title: '放弃发送', content: '放弃后这条上报和照片将从本机删除。', confirmText: '放弃', cancelText: '保留' }).then(
                          (res) => {
                            if (res.confirm) void outbox.remove(entry.key)
                          },
                        )
                      }
                    >
                      放弃
                    </ActionButton>
                  </View>
                </View>
              ))}
            </View>
          )}

          {error && (
            <View className='alert' role='alert'>
              {error}
            </View>
          )}

          {items === null ? (
            !error && (
              <View className='rp-empty' role='status'>
                正在加载…
              </View>
            )
          ) : items.length === 0 ? (
            <View className='rp-empty'>
              <Text>还没有上报过问题。</Text>
              <View className='rp-actions'>
                <ActionButton className='btn btn--primary' onTap={() => void Taro.redirectTo({ url: '/pages/report/new/index' })}>
                  去随手拍
                </ActionButton>
              </View>
            </View>
          ) : (
            <View className='rp-list' role='list' aria-label='我的上报列表'>
              {items.map((item) => (
                <View key={item.code} role='listitem'>
                  <ActionButton className='rp-item' onTap={() => open(item.code)}>
                    {item.thumbnailUrl ? (
                      <Image className='rp-item__thumb' src={apiMediaUrl(item.thumbnailUrl)} mode='aspectFill' aria-hidden='true' nativeProps={{ alt: '' }} />
                    ) : (
                      <View className='rp-item__thumb' aria-hidden='true' />
                    )}
                    <View className='rp-item__body'>
                      <Text className='rp-item__title'>{item.categoryName || '随手拍'}</Text>
                      <View style={{ margin: '6px 0' }}>
                        <StatusBadge status={item.status} name={item.statusName} />
                        {item.overdue && <Text className='rp-flag'>已超时</Text>}
                      </View>
                      <Text className='rp-item__meta'>{formatDateTime(item.createdAt)}</Text>
                      {(item.address || item.description) && <Text className='rp-item__desc'>{item.address || item.description}</Text>}
                    </View>
                  </ActionButton>
                </View>
              ))}
              {items.length < total && (
                <ActionButton className='btn btn--secondary' loading={loading} onTap={() => void load(page + 1)}>
                  加载更多
                </ActionButton>
              )}
            </View>
          )}
        </>
      )}
    </View>
  )
}
