// 已保存，等待发送: a report the outbox holds on the phone, why it is waiting, when it retries, and 「立即重试」.

import { Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { formatDateTime } from '../../../services/events'
import { queuedStateText } from '../../../services/outbox'
import type { QueuedSubmission } from '../../../services/report-queue'

export interface QueuedReportProps {
  entry: QueuedSubmission
  /** Why the send failed, when the entry has no lastError of its own. */
  message: string
  retrying: boolean
  onRetry: () => void
}

export default function QueuedReportCard({ entry, message, retrying, onRetry }: QueuedReportProps) {
  return (
    <View className='rp-card' id='queued'>
      <View className='rp-heading' role='heading' aria-level='1'>
        已保存，等待发送
      </View>
      <View className='rp-warning' role='status'>
        {`暂时无法提交（${entry.lastError ?? message}）。上报已保存在本机，会自动重试；关闭小程序后再打开也会继续发送。`}
      </View>
      <View className='rp-row'>
        <Text className='rp-row__label'>发送状态</Text>
        <Text className='rp-row__value' id='queue-state'>
          {queuedStateText(entry)}
        </Text>
      </View>
      <View className='rp-row'>
        <Text className='rp-row__label'>下次自动重试</Text>
        <Text className='rp-row__value'>{formatDateTime(new Date(entry.nextAttemptAt).toISOString())}</Text>
      </View>
      <View className='rp-actions'>
        <ActionButton id='retry-now' className='btn btn--primary' loading={retrying} onTap={onRetry}>
          立即重试
        </ActionButton>
      </View>
    </View>
  )
}
