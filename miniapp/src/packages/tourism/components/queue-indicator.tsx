// 待发送: what waits in this phone's outbox (help calls, complaints, reports), each with its state (等待发送 / 正在发送… /
// 已尝试 N 次：原因), and 「立即重试」 for all of them. The region's label 「待发送 N 条」 carries the count; a live region that
// is always on the page announces changes (a retry failing again, everything sent). Only the page in view draws it: H5
// keeps the pages below in the document, and one 「待发送」 region (with its ids) at a time is what people and tests find.

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidHide, useDidShow } from '@tarojs/taro'
import ActionButton from '../../../components/action-button'
import { useSession } from '../../../hooks/use-session'
import { flushOutbox, outbox, queuedStateText } from '../../../services/outbox'
import { KIND_NOUNS, type QueuedSubmission } from '../../../services/report-queue'

function summary(entries: QueuedSubmission[]): string {
  if (entries.length === 0) return ''
  const first = entries[0]
  return `待发送 ${entries.length} 条。${first.label || KIND_NOUNS[first.kind]}：${queuedStateText(first)}`
}

export default function QueueIndicator() {
  const session = useSession()
  const [entries, setEntries] = useState<QueuedSubmission[]>(() => outbox.list())
  const [retrying, setRetrying] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const [inView, setInView] = useState(true)
  const hadEntries = useRef(entries.length > 0)

  useEffect(
    () =>
      outbox.subscribe((next) => {
        setEntries(next)
        if (next.length > 0) {
          hadEntries.current = true
          setAnnouncement(summary(next))
        } else if (hadEntries.current) {
          hadEntries.current = false
          setAnnouncement('待发送的内容已全部处理')
        }
      }),
    [],
  )
  // Another page may have changed the outbox while this one was hidden.
  useDidShow(() => {
    setInView(true)
    setEntries(outbox.list())
  })
  useDidHide(() => setInView(false))

  async function retry() {
    setRetrying(true)
    try {
      await flushOutbox({ force: true })
    } finally {
      setRetrying(false)
      setEntries(outbox.list())
    }
  }

  const count = entries.length
  if (!inView) return null
  return (
    <View>
      <View className='tr-sr-only' role='status' id='queue-live'>
        {announcement}
      </View>
      {count > 0 && (
        <View className='tr-queue' id='queue-indicator' role='region' aria-label={`待发送 ${count} 条`}>
          <Text className='tr-queue__title' id='queue-count'>
            {`待发送 ${count} 条`}
          </Text>
          {entries.map((entry, index) => (
            <View key={entry.key} className='tr-queue__item' id={`queue-item-${index}`}>
              <Text className='tr-queue__label'>{entry.label || KIND_NOUNS[entry.kind]}</Text>
              <Text className='tr-queue__state' id={`queue-state-${index}`}>
                {queuedStateText(entry)}
              </Text>
            </View>
          ))}
          <Text className='tr-queue__note'>
            {session ? '已保存在本机，网络恢复后自动发送；关闭小程序后再打开也会继续发送。' : '已保存在本机，登录后才能发送。'}
          </Text>
          <View className='tr-actions'>
            <ActionButton id='queue-retry' className='btn btn--secondary' loading={retrying} disabled={!session} onTap={() => void retry()}>
              立即重试
            </ActionButton>
          </View>
        </View>
      )}
    </View>
  )
}
