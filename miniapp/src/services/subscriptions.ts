// Subscriptions (docs/api.md "Subscriptions"): WeChat subscribe messages asked for at the moments that matter, and the
// topics a resident follows in 消息订阅. The flow of asking lives in subscriber.ts (Taro-free); WeChat and the API are
// wired here. In H5 there is no WeChat: asking fetches the templates and returns { kind: 'unsupported' }.

import Taro from '@tarojs/taro'
import { request } from './http'
import { parseSubscriptionSettings, type SubscribeMoment, type SubscribeOutcome, type SubscriptionSettings } from './notice-view'
import { createSubscriber } from './subscriber'

export type { SubscribeMoment, SubscribeOutcome, SubscriptionSettings } from './notice-view'

/** Whether this build can ask WeChat at all (false in H5, where the pages explain it instead). */
export const canSubscribeInWeChat = process.env.TARO_ENV === 'weapp'

function canAsk(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  // An old WeChat without the API: nothing to ask with.
  return typeof Taro.requestSubscribeMessage === 'function' && Taro.canIUse('requestSubscribeMessage')
}

const subscriber = createSubscriber({
  canAsk,
  fetchTemplates: (moment) => request<unknown>('GET', '/notices/subscribe-templates', { data: { moment }, auth: true }),
  requestSubscribe: (tmplIds) => {
    if (process.env.TARO_ENV !== 'weapp') return Promise.reject(new Error('not WeChat'))
    // entityIds is Alipay's; Taro's type wants one of the two.
    return Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0])
  },
  postResults: (results) => request<unknown>('POST', '/me/subscriptions/wechat', { data: { results }, auth: true }),
})

/** Fetch the moment's templates when the screen with the 「接收进度通知」 button shows; never rejects. */
export function prefetchSubscribeTemplates(moment: SubscribeMoment): Promise<void> {
  return subscriber.prefetch(moment)
}

/**
 * Asks for WeChat subscribe messages; call it straight from a tap handler (WeChat's rule). Never rejects and never
 * blocks a submission: a person who declines, an old WeChat or a lost network only change the outcome it answers.
 */
export function askToSubscribe(moment: SubscribeMoment): Promise<SubscribeOutcome> {
  return subscriber.ask(moment).catch((): SubscribeOutcome => ({ kind: 'failed', errCode: null }))
}

export async function fetchSubscriptions(): Promise<SubscriptionSettings> {
  return parseSubscriptionSettings(await request<unknown>('GET', '/me/subscriptions', { auth: true }))
}

export async function saveTopics(topics: string[]): Promise<SubscriptionSettings> {
  return parseSubscriptionSettings(await request<unknown>('PUT', '/me/subscriptions/topics', { data: { topics }, auth: true }))
}
