// After a report is created near similar ones: 「是同一个问题吗？」 with each candidate and 「是，合并到该事件」, or 「不是」;
// once merged, the event it went into.

import { Image, Text, View } from '@tarojs/components'
import ActionButton from '../../../components/action-button'
import { formatDateTime, formatDistance, type CreatedReport, type EventDetail } from '../../../services/events'
import { apiMediaUrl } from '../../../services/http'
import StatusBadge from './status-badge'

export type DuplicateState = { state: 'ask' } | { state: 'merging'; into: string } | { state: 'merged'; into: string; event: EventDetail } | { state: 'declined' }

export interface DuplicatesPromptProps {
  duplicates: CreatedReport['duplicates']
  state: DuplicateState
  onMerge: (into: string) => void
  onDecline: () => void
  onOpen: (code: string) => void
}

export default function DuplicatesPrompt({ duplicates, state, onMerge, onDecline, onOpen }: DuplicatesPromptProps) {
  if (duplicates.length === 0 || state.state === 'declined') return null
  return (
    <View className='rp-card' role='region' aria-labelledby='duplicates-heading' id='duplicates'>
      {state.state === 'merged' ? (
        <>
          <View className='rp-heading' role='heading' aria-level='2' id='duplicates-heading'>
            已合并
          </View>
          <View className='rp-notice' role='status'>
            {`您的上报已合并到事件 ${state.into}，该事件办理的进展会通知您。`}
          </View>
          <View className='rp-actions'>
            <ActionButton className='btn btn--secondary' onTap={() => onOpen(state.into)}>
              查看该事件
            </ActionButton>
          </View>
        </>
      ) : (
        <>
          <View className='rp-heading' role='heading' aria-level='2' id='duplicates-heading'>
            是同一个问题吗？
          </View>
          <Text className='rp-hint'>附近已有相似的上报。如果是同一个问题，合并后可一起跟进办理进度。</Text>
          {duplicates.map((d) => (
            <View key={d.code} className='rp-card' style={{ marginTop: '20px', marginBottom: 0 }}>
              <View className='rp-switch-row'>
                {d.thumbnailUrl && (
                  <Image
                    className='rp-item__thumb'
                    src={apiMediaUrl(d.thumbnailUrl)}
                    mode='aspectFill'
                    aria-label={`事件 ${d.code} 的照片`}
                    nativeProps={{ alt: `事件 ${d.code} 的照片` }}
                  />
                )}
                <View className='rp-item__body'>
                  <Text className='rp-item__title'>{d.categoryName}</Text>
                  <Text className='rp-item__meta' id={`duplicate-${d.code}`}>
                    {`${d.code} · ${[formatDistance(d.distanceM), formatDateTime(d.createdAt)].filter(Boolean).join(' · ')}`}
                  </Text>
                  <View style={{ marginTop: '8px' }}>
                    <StatusBadge status={d.status} name={d.statusName} />
                  </View>
                </View>
              </View>
              {d.description && <Text className='rp-text'>{d.description}</Text>}
              <View className='rp-actions'>
                <ActionButton
                  className='btn btn--primary'
                  loading={state.state === 'merging' && state.into === d.code}
                  disabled={state.state === 'merging'}
                  describedBy={`duplicate-${d.code}`}
                  onTap={() => onMerge(d.code)}
                >
                  是，合并到该事件
                </ActionButton>
              </View>
            </View>
          ))}
          <View className='rp-actions'>
            <ActionButton className='btn btn--secondary' disabled={state.state === 'merging'} onTap={onDecline}>
              不是
            </ActionButton>
          </View>
        </>
      )}
    </View>
  )
}
