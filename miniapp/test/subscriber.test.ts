import { expect } from 'chai'
import type { SubscribeMoment } from '../src/services/notice-view'
import { createSubscriber, type SubscriberDeps } from '../src/services/subscriber'

const TEMPLATES = {
  templates: [
    { key: 'event_progress', templateId: 'T-1', title: '办理进度通知' },
    { key: 'safety_alert', templateId: 'T-2', title: '安全预警通知' },
  ],
}

/** A WeChat and an API that record what they were asked, answering as the test says. */
function fakes(overrides: Partial<SubscriberDeps> = {}) {
  const log: string[] = []
  const posted: Record<string, string>[] = []
  const deps: SubscriberDeps = {
    canAsk: () => true,
    fetchTemplates: async (moment: SubscribeMoment) => {
      log.push(`fetch ${moment}`)
      return TEMPLATES
    },
    requestSubscribe: async (tmplIds) => {
      log.push(`wechat ${tmplIds.join(',')}`)
      return { errMsg: 'requestSubscribeMessage:ok', 'T-1': 'accept', 'T-2': 'reject' }
    },
    postResults: async (results) => {
      posted.push(results)
      return { quotas: [{ key: 'event_progress', templateId: 'T-1', title: '办理进度通知', remaining: 1 }] }
    },
    ...overrides,
  }
  return { deps, log, posted }
}

describe('subscriber', () => {
  it('asks WeChat for the moment\'s templates and tells the API what the person chose', async () => {
    const { deps, log, posted } = fakes()
    const outcome = await createSubscriber(deps).ask('after_help')
    expect(log).to.deep.equal(['fetch after_help', 'wechat T-1,T-2'])
    expect(posted).to.deep.equal([{ 'T-1': 'accept', 'T-2': 'reject' }])
    expect(outcome).to.deep.equal({
      kind: 'answered',
      results: { 'T-1': 'accept', 'T-2': 'reject' },
      accepted: 1,
      quotas: [{ key: 'event_progress', templateId: 'T-1', title: '办理进度通知', remaining: 1 }],
    })
  })

  it('reaches WeChat within the tap itself once the templates were fetched ahead', async () => {
    const { deps, log } = fakes()
    const subscriber = createSubscriber(deps)
    await subscriber.prefetch('after_report')
    log.length = 0
    const pending = subscriber.ask('after_report')
    // Synchronously, before anything was awaited: WeChat only opens its dialog from a tap.
    expect(log).to.deep.equal(['wechat T-1,T-2'])
    await pending
  })

  it('fetches a moment\'s templates once, however often the card shows', async () => {
    const { deps, log } = fakes()
    const subscriber = createSubscriber(deps)
    await Promise.all([subscriber.prefetch('after_report'), subscriber.prefetch('after_report')])
    await subscriber.prefetch('after_report')
    await subscriber.ask('after_report')
    expect(log.filter((l) => l.startsWith('fetch'))).to.deep.equal(['fetch after_report'])
  })

  it('asks nothing of WeChat outside it (H5, an old WeChat)', async () => {
    const { deps, log, posted } = fakes({ canAsk: () => false })
    expect(await createSubscriber(deps).ask('after_report')).to.deep.equal({ kind: 'unsupported' })
    expect(log).to.deep.equal(['fetch after_report'])
    expect(posted).to.deep.equal([])
  })

  it('does not open an empty dialog when the API offers no template', async () => {
    const { deps, log } = fakes({ fetchTemplates: async () => ({ templates: [] }) })
    expect(await createSubscriber(deps).ask('settings')).to.deep.equal({ kind: 'none' })
    expect(log).to.deep.equal([])
  })

  it('never rejects: no network, a refusal of WeChat, a lost answer of the API', async () => {
    const offline = fakes({
      fetchTemplates: async () => {
        throw new Error('network')
      },
    })
    expect(await createSubscriber(offline.deps).ask('after_report')).to.deep.equal({ kind: 'failed', errCode: null })
    expect(offline.log).to.deep.equal([])

    const switchedOff = fakes({
      requestSubscribe: async () => {
        throw { errCode: 20004, errMsg: 'requestSubscribeMessage:fail:No permission' }
      },
    })
    expect(await createSubscriber(switchedOff.deps).ask('after_report')).to.deep.equal({ kind: 'failed', errCode: 20004 })
    expect(switchedOff.posted).to.deep.equal([])

    const throwsAtOnce = fakes({
      requestSubscribe: () => {
        throw new Error('not a function here')
      },
    })
    expect(await createSubscriber(throwsAtOnce.deps).ask('after_report')).to.deep.equal({ kind: 'failed', errCode: null })

    const apiDown = fakes({
      postResults: async () => {
        throw new Error('503')
      },
    })
    expect(await createSubscriber(apiDown.deps).ask('after_report')).to.deep.include({ kind: 'answered', accepted: 1, quotas: [] })
  })

  it('fetches again at the tap when fetching ahead failed', async () => {
    let attempts = 0
    const { deps, log } = fakes({
      fetchTemplates: async () => {
        attempts += 1
        if (attempts === 1) throw new Error('network')
        return TEMPLATES
      },
    })
    const subscriber = createSubscriber(deps)
    await subscriber.prefetch('after_declaration')
    const outcome = await subscriber.ask('after_declaration')
    expect(attempts).to.equal(2)
    expect(log).to.deep.equal(['wechat T-1,T-2'])
    expect(outcome.kind).to.equal('answered')
  })

  it('posts nothing when WeChat answered about none of the templates', async () => {
    const { deps, posted } = fakes({ requestSubscribe: async () => ({ errMsg: 'requestSubscribeMessage:ok' }) })
    expect(await createSubscriber(deps).ask('after_report')).to.deep.equal({ kind: 'answered', results: {}, accepted: 0, quotas: [] })
    expect(posted).to.deep.equal([])
  })
})
