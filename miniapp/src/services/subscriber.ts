// Asking for WeChat subscribe messages at a moment that matters (after a report, a declaration, a help call, or from
// 消息订阅): the templates of the moment from the API, WeChat's own dialog, and the person's choices back to the API.
// Taro-free: WeChat's call and the API are injected, so the flow is unit-tested in Node (subscriptions.ts wires them).
//
// WeChat opens its dialog only from a tap: nothing may be awaited between the tap and requestSubscribeMessage. So the
// templates are fetched ahead (prefetch, when the success screen shows), and ask() then reaches WeChat synchronously.

import {
  acceptedCount,
  parseQuotas,
  parseSubscribeTemplates,
  subscribeResults,
  type SubscribeMoment,
  type SubscribeOutcome,
  type SubscribeTemplate,
} from './notice-view'

export interface SubscriberDeps {
  /** true only in WeChat, and only when this WeChat has requestSubscribeMessage. */
  canAsk: () => boolean
  /** GET /notices/subscribe-templates?moment=… */
  fetchTemplates: (moment: SubscribeMoment) => Promise<unknown>
  /** Taro.requestSubscribeMessage({ tmplIds }); resolves with WeChat's answer, rejects with {errCode, errMsg}. */
  requestSubscribe: (tmplIds: string[]) => Promise<unknown>
  /** POST /me/subscriptions/wechat {results}; resolves with {quotas}. */
  postResults: (results: Record<string, string>) => Promise<unknown>
}

export interface Subscriber {
  /** Fetches the moment's templates ahead of the tap; never rejects. */
  prefetch(moment: SubscribeMoment): Promise<void>
  /** Call straight from a tap handler. Never rejects: a refusal, an old WeChat or a lost network only shape the outcome. */
  ask(moment: SubscribeMoment): Promise<SubscribeOutcome>
}

function errCodeOf(error: unknown): number | null {
  const code = typeof error === 'object' && error !== null ? (error as { errCode?: unknown }).errCode : undefined
  return typeof code === 'number' ? code : null
}

export function createSubscriber(deps: SubscriberDeps): Subscriber {
  const cache = new Map<SubscribeMoment, SubscribeTemplate[]>()
  const loading = new Map<SubscribeMoment, Promise<SubscribeTemplate[]>>()

  function load(moment: SubscribeMoment): Promise<SubscribeTemplate[]> {
    const running = loading.get(moment)
    if (running) return running
    const next = deps
      .fetchTemplates(moment)
      .then((body) => {
        const templates = parseSubscribeTemplates(body)
        cache.set(moment, templates)
        return templates
      })
      .finally(() => loading.delete(moment))
    loading.set(moment, next)
    return next
  }

  async function prefetch(moment: SubscribeMoment): Promise<void> {
    try {
      if (!cache.has(moment)) await load(moment)
    } catch {
      // Tried again at the tap.
    }
  }

  async function ask(moment: SubscribeMoment): Promise<SubscribeOutcome> {
    let templates: SubscribeTemplate[]
    try {
      // Cached: no await before WeChat's dialog below, so it still counts as the tap's.
      templates = cache.get(moment) ?? (await load(moment))
    } catch {
      return deps.canAsk() ? { kind: 'failed', errCode: null } : { kind: 'unsupported' }
    }
    let canAsk = false
    try {
      canAsk = deps.canAsk()
    } catch {
      canAsk = false
    }
    if (!canAsk) return { kind: 'unsupported' }
    if (!templates.length) return { kind: 'none' }

    const tmplIds = templates.map((t) => t.templateId)
    let answer: unknown
    try {
      answer = await deps.requestSubscribe(tmplIds)
    } catch (error) {
      return { kind: 'failed', errCode: errCodeOf(error) }
    }
    const results = subscribeResults(tmplIds, answer)
    const accepted = acceptedCount(results)
    if (!Object.keys(results).length) return { kind: 'answered', results, accepted, quotas: [] }
    try {
      const body = await deps.postResults(results)
      return { kind: 'answered', results, accepted, quotas: parseQuotas((body as { quotas?: unknown } | null)?.quotas) }
    } catch {
      // WeChat has the choice; the API will learn of the next one. The person is not bothered with it.
      return { kind: 'answered', results, accepted, quotas: [] }
    }
  }

  return { prefetch, ask }
}
