// 消息订阅: the service topics a resident follows (GET /me/subscriptions, saved with PUT /me/subscriptions/topics) as
// labelled switches, and the WeChat notices left (「办理进度通知：剩余 2 次」: WeChat grants one message per 「允许」), with
// 开启更多微信通知 in WeChat. The H5 build has no WeChat: it says so, and the 消息 inbox still gets every notice.

import { useEffect, useState } from 'react'
import { Switch, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { useSession } from '../../../../hooks/use-session'
import { showApiError, userMessage } from '../../../../services/http'
import {
  chosenOf,
  mergeQuotas,
  quotaText,
  subscribeOutcomeText,
  topicsBody,
  topicsChanged,
  type SubscribeOutcome,
  type SubscriptionSettings,
} from '../../../../services/notice-view'
import { askToSubscribe, canSubscribeInWeChat, fetchSubscriptions, prefetchSubscribeTemplates, saveTopics } from '../../../../services/subscriptions'
import SignInNeeded from '../../../../pages/report/components/sign-in-needed'
import '../../../../pages/report/styles/report.scss'

export default function SubscriptionsPage() {
  const session = useSession()
  const [settings, setSettings] = useState<SubscriptionSettings | null>(null)
  const [chosen, setChosen] = useState<Record<string, boolean>>({})
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  const [asking, setAsking] = useState(false)
  const [outcome, setOutcome] = useState<SubscribeOutcome | null>(null)

  async function load() {
    if (!session) return
    setLoading(true)
    setError(null)
    try {
      const next = await fetchSubscriptions()
      setSettings(next)
      setChosen(chosenOf(next.topics))
    } catch (err) {
      setError(userMessage(err))
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    void load()
    if (session && canSubscribeInWeChat) void prefetchSubscribeTemplates('settings')
  }, [session?.user.id])

  function toggle(topic: string, on: boolean) {
    setChosen((c) => ({ ...c, [topic]: on }))
    setSaved(null)
  }

  async function save() {
    if (!settings) return
    setSaving(true)
    setSaved(null)
    try {
      const next = await saveTopics(topicsBody(settings.topics, chosen).topics)
      setSettings(next)
      setChosen(chosenOf(next.topics))
      setSaved('已保存您关注的服务信息。')
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (err) {
      showApiError(err)
    } finally {
      setSaving(false)
    }
  }

  function askMore() {
    setAsking(true)
    // Straight from the tap: WeChat opens its dialog only then.
    void askToSubscribe('settings').then((next) => {
      setOutcome(next)
      setAsking(false)
      if (next.kind === 'answered' && next.quotas.length) {
        setSettings((s) => (s ? { ...s, quotas: mergeQuotas(s.quotas, next.quotas) } : s))
      }
    })
  }

  const changed = settings ? topicsChanged(settings.topics, chosen) : false

  return (
    <View className='page report-subscriptions' role='main'>
      <View className='rp-title' role='heading' aria-level='1'>
        消息订阅
      </View>
      {!session ? (
        <SignInNeeded reason='登录后可选择希望收到的服务信息，并开启微信通知。' />
      ) : (
        <>
          {error && (
            <View className='alert rp-block-notice' role='alert'>
              {error}
              <View className='rp-actions'>
                <ActionButton className='btn btn--secondary' loading={loading} onTap={() => void load()}>
                  重新加载
                </ActionButton>
              </View>
            </View>
          )}
          {!settings ? (
            !error && (
              <View className='rp-empty' role='status'>
                正在加载…
              </View>
            )
          ) : (
            <>
              <View className='rp-card' role='group' aria-labelledby='topics-heading'>
                <View className='rp-heading' role='heading' aria-level='2' id='topics-heading'>
                  关注的服务信息
                </View>
                <Text className='rp-hint'>打开后，与您相关的服务信息会发送到「消息」。办理进度的通知无需订阅，总会发送。</Text>
                {settings.topics.length === 0 ? (
                  <View className='rp-empty'>暂无可订阅的服务信息</View>
                ) : (
                  settings.topics.map((topic) => {
                    const on = chosen[topic.topic] ?? topic.subscribed
                    return (
                      <View key={topic.topic} className='rp-field rp-switch-row'>
                        <View className='rp-topic-text'>
                          <Text className='rp-label' id={`topic-${topic.topic}-label`}>
                            {topic.name}
                          </Text>
                          {topic.description && (
                            <Text className='rp-hint' id={`topic-${topic.topic}-desc`}>
                              {topic.description}
                            </Text>
                          )}
                        </View>
                        <Switch
                          id={`topic-${topic.topic}`}
                          className='rp-switch'
                          checked={on}
                          color='#0b6e4f'
                          disabled={saving}
                          aria-label={topic.name}
                          nativeProps={{
                            'aria-label': topic.name,
                            role: 'switch',
                            'aria-labelledby': `topic-${topic.topic}-label`,
                            'aria-describedby': topic.description ? `topic-${topic.topic}-desc` : undefined,
                          }}
                          onChange={(e) => toggle(topic.topic, Boolean(e.detail.value))}
                        />
                      </View>
                    )
                  })
                )}
                <View className='rp-actions'>
                  <ActionButton id='subscriptions-save' className='btn btn--primary' loading={saving} onTap={() => void save()}>
                    保存
                  </ActionButton>
                </View>
                <View role='status' id='subscriptions-saved'>
                  {changed ? <Text className='rp-hint'>有未保存的更改。</Text> : saved ? <View className='rp-notice'>{saved}</View> : null}
                </View>
              </View>

              <View className='rp-card' role='group' aria-labelledby='wechat-heading'>
                <View className='rp-heading' role='heading' aria-level='2' id='wechat-heading'>
                  微信通知
                </View>
                <Text className='rp-hint'>微信每次「允许」可发送一条通知，用完后可以再次开启。</Text>
                {settings.quotas.length === 0 ? (
                  <Text className='rp-text' id='wechat-quotas'>
                    尚未开启微信通知
                  </Text>
                ) : (
                  <View role='list' aria-label='剩余的微信通知次数' id='wechat-quotas'>
                    {settings.quotas.map((q) => (
                      <View key={q.templateId || q.key} className='rp-row' role='listitem'>
                        <Text className='rp-text'>{quotaText(q)}</Text>
                      </View>
                    ))}
                  </View>
                )}
                {canSubscribeInWeChat ? (
                  <View className='rp-actions'>
                    <ActionButton id='subscriptions-more' className='btn btn--secondary' loading={asking} onTap={askMore}>
                      开启更多微信通知
                    </ActionButton>
                  </View>
                ) : (
                  <View className='rp-warning' id='wechat-only'>
                    订阅消息需要在微信中使用：请在微信小程序中开启微信通知。H5 版的通知会发送到「消息」。
                  </View>
                )}
                <View role='status'>{outcome && <View className='rp-notice'>{subscribeOutcomeText(outcome)}</View>}</View>
              </View>

            </>
          )}
        </>
      )}
    </View>
  )
}
