// 接收进度通知: shown on a success screen (a report, a complaint, a help call, a declaration). Its button asks WeChat for
// subscribe messages straight from the tap, as WeChat requires; the templates are fetched when the card shows. Whatever
// happens (declined, an old WeChat, no network, the H5 build) the card only says so: the submission is already done,
// and the in-app 消息 gets every notice anyway.

import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import ActionButton from '../action-button'
import { quotaText, subscribeOutcomeText } from '../../services/notice-view'
import { askToSubscribe, canSubscribeInWeChat, prefetchSubscribeTemplates, type SubscribeMoment, type SubscribeOutcome } from '../../services/subscriptions'

export interface SubscribeCardProps {
  /** The subpackage's class prefix (随手拍 rp, 居住 rs, 游客 tr). */
  prefix: 'rp' | 'rs' | 'tr'
  moment: SubscribeMoment
  /** What the notices will be about, e.g. 「事件有新进度时」. */
  about: string
}

export default function SubscribeCard({ prefix, moment, about }: SubscribeCardProps) {
  const [asking, setAsking] = useState(false)
  const [outcome, setOutcome] = useState<SubscribeOutcome | null>(null)

  useEffect(() => {
    // Only WeChat needs them ahead of the tap; in H5 the tap alone fetches them.
    if (canSubscribeInWeChat) void prefetchSubscribeTemplates(moment)
  }, [moment])

  function ask() {
    setAsking(true)
    // Called in the tap itself: with the templates already fetched, WeChat's dialog opens before anything is awaited.
    void askToSubscribe(moment).then((next) => {
      setOutcome(next)
      setAsking(false)
    })
  }

  const quotas = outcome?.kind === 'answered' ? outcome.quotas.filter((q) => q.remaining > 0) : []
  return (
    <View className={`${prefix}-card`} id='subscribe-card' role='region' aria-labelledby={`subscribe-heading-${moment}`}>
      <View className={`${prefix}-heading`} role='heading' aria-level='2' id={`subscribe-heading-${moment}`}>
        微信通知
      </View>
      <Text className={`${prefix}-hint`} id={`subscribe-hint-${moment}`}>
        {canSubscribeInWeChat
          ? `开启后，${about}会通过微信服务通知提醒您；不开启也可以在「消息」中查看。`
          : `${about}的通知会发送到「消息」。微信服务通知需在微信小程序中开启。`}
      </Text>
      <View className={`${prefix}-actions`}>
        <ActionButton id='subscribe-progress' className='btn btn--secondary' loading={asking} describedBy={`subscribe-hint-${moment}`} onTap={ask}>
          接收进度通知
        </ActionButton>
      </View>
      <View role='status' id='subscribe-outcome'>
        {outcome && (
          <View className={`${prefix}-notice`}>
            <Text>{subscribeOutcomeText(outcome)}</Text>
            {quotas.map((q) => (
              <Text key={q.templateId || q.key} style={{ display: 'block' }}>
                {quotaText(q)}
              </Text>
            ))}
          </View>
        )}
      </View>
    </View>
  )
}
