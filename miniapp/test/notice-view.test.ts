import { expect } from 'chai'
import {
  acceptedCount,
  chosenOf,
  eventCodeOf,
  linkTarget,
  markAllItemsRead,
  markItemRead,
  mergeInboxPages,
  mergeQuotas,
  parseInboxPage,
  parseQuotas,
  parseSubscribeTemplates,
  parseSubscriptionSettings,
  parseUnreadCount,
  quotaText,
  subscribeOutcomeText,
  subscribeResults,
  tabBadgeText,
  topicsBody,
  topicsChanged,
  unreadBadgeLabel,
  unreadBadgeText,
  type InboxItem,
  type Quota,
} from '../src/services/notice-view'

const TABS = ['pages/index/index', 'pages/mine/index']

function message(id: number, readAt: string | null = null): InboxItem {
  return {
    id,
    title: `消息 ${id}`,
    body: '…',
    link: null,
    eventCode: null,
    topic: 'event_progress',
    topicName: '办理进度',
    createdAt: '2026-11-23T04:05:00.000Z',
    readAt,
  }
}

describe('notice-view', () => {
  describe('the inbox', () => {
    it('reads a page of GET /me/inbox with its topic, unread count and next cursor', () => {
      const page = parseInboxPage({
        items: [
          { id: 41, title: '事件已派遣', body: '您上报的问题已派给西乡街道城管办', link: '/pages/report/detail/index?code=BA-1', eventCode: 'BA-1', topic: 'event_progress', topicName: '办理进度', createdAt: '2026-11-23T04:05:00Z', readAt: null },
          { id: 40, title: '台风预警', body: '…', link: null, eventCode: null, topic: 'weather_alert', topicName: '台风与天气预警', createdAt: '2026-11-23T03:00:00Z', readAt: '2026-11-23T03:10:00Z' },
          { title: 'no id' },
          'junk',
        ],
        unreadCount: 7,
        nextBefore: 40,
      })
      expect(page.items.map((m) => m.id)).to.deep.equal([41, 40])
      expect(page.items[0]).to.include({ topic: 'event_progress', topicName: '办理进度', eventCode: 'BA-1', readAt: null })
      expect(page.items[1].link).to.equal(null)
      expect(page.unreadCount).to.equal(7)
      expect(page.nextBefore).to.equal(40)
    })

    it('counts the unread messages when the API leaves the count out, and ends paging without nextBefore', () => {
      const page = parseInboxPage({ items: [{ id: 1, readAt: null }, { id: 2, readAt: '2026-11-23T06:00:00Z' }] })
      expect(page.unreadCount).to.equal(1)
      expect(page.nextBefore).to.equal(null)
      expect(parseInboxPage({ items: [], unreadCount: 4, nextBefore: null })).to.deep.equal({ items: [], unreadCount: 4, nextBefore: null })
      expect(parseInboxPage(undefined)).to.deep.equal({ items: [], unreadCount: 0, nextBefore: null })
    })

    it('reads GET /me/inbox/unread-count, refusing what is not a count', () => {
      const cases: [unknown, number | null][] = [
        [{ unreadCount: 3 }, 3],
        [{ unreadCount: 0 }, 0],
        [{ unreadCount: '12' }, 12],
        [{ unreadCount: -1 }, null],
        [{}, null],
        [null, null],
      ]
      for (const [body, count] of cases) expect(parseUnreadCount(body), JSON.stringify(body)).to.equal(count)
    })

    it('appends an older page after 加载更多, keeping a message that moved between pages once', () => {
      const shown = [message(30), message(29), message(28)]
      const older = [message(28), message(27), message(26)]
      expect(mergeInboxPages(shown, older).map((m) => m.id)).to.deep.equal([30, 29, 28, 27, 26])
      expect(mergeInboxPages([], older).map((m) => m.id)).to.deep.equal([28, 27, 26])
      expect(mergeInboxPages(shown, []).map((m) => m.id)).to.deep.equal([30, 29, 28])
      // The same id as text (an API that answers strings) is the same message.
      expect(mergeInboxPages([{ ...message(5), id: '5' }], [message(5), message(4)]).map((m) => String(m.id))).to.deep.equal(['5', '4'])
    })

    it('marks one message read locally and lowers the count once', () => {
      const page = { items: [message(2), message(1, '2026-11-23T05:00:00Z')], unreadCount: 3 }
      const once = markItemRead(page, 2, '2026-11-23T06:00:00Z')
      expect(once.items[0].readAt).to.equal('2026-11-23T06:00:00Z')
      expect(once.unreadCount).to.equal(2)
      // Already read, or not in the list: nothing changes.
      expect(markItemRead(once, 2, 'later').unreadCount).to.equal(2)
      expect(markItemRead(once, 1, 'later').items[1].readAt).to.equal('2026-11-23T05:00:00Z')
      expect(markItemRead(page, 99, 'later').unreadCount).to.equal(3)
      expect(markItemRead({ items: [message(1)], unreadCount: 0 }, 1, 'now').unreadCount).to.equal(0)
    })

    it('marks all read, keeping when each was read', () => {
      const all = markAllItemsRead([message(2), message(1, '2026-11-23T05:00:00Z')], '2026-11-23T06:00:00Z')
      expect(all.map((m) => m.readAt)).to.deep.equal(['2026-11-23T06:00:00Z', '2026-11-23T05:00:00Z'])
    })
  })

  describe('the unread badge', () => {
    it('writes the count for 我的, for screen readers and for the tab bar', () => {
      const cases: [number | null, string, string, string | null][] = [
        [null, '', '没有未读消息', null],
        [0, '', '没有未读消息', null],
        [1, '1 条未读', '1 条未读消息', '1'],
        [3, '3 条未读', '3 条未读消息', '3'],
        [99, '99 条未读', '99 条未读消息', '99'],
        [100, '99+ 条未读', '超过 99 条未读消息', '99+'],
        [12345, '99+ 条未读', '超过 99 条未读消息', '99+'],
      ]
      for (const [count, text, label, tab] of cases) {
        expect(unreadBadgeText(count), String(count)).to.equal(text)
        expect(unreadBadgeLabel(count), String(count)).to.equal(label)
        expect(tabBadgeText(count), String(count)).to.equal(tab)
      }
    })
  })

  describe('where a message leads', () => {
    it('finds the event of a message from its eventCode or its link', () => {
      expect(eventCodeOf({ eventCode: 'BA-2', link: null })).to.equal('BA-2')
      expect(eventCodeOf({ eventCode: null, link: '/events/BA-1' })).to.equal('BA-1')
      expect(eventCodeOf({ eventCode: null, link: '/pages/report/detail/index?code=BA-9' })).to.equal('BA-9')
      expect(eventCodeOf({ eventCode: null, link: '/packages/residence/pages/mine/index' })).to.equal(null)
    })

    it('opens pages with navigateTo, tab pages with switchTab, and nothing that is not a page of the app', () => {
      const cases: [string | null, string | null, ReturnType<typeof linkTarget>][] = [
        ['/pages/report/detail/index?code=BA-20261123-000001', null, { kind: 'page', url: '/pages/report/detail/index?code=BA-20261123-000001' }],
        ['packages/residence/pages/mine/index', null, { kind: 'page', url: '/packages/residence/pages/mine/index' }],
        ['/packages/tourism/pages/status/index?code=TH-1&sent=1', null, { kind: 'page', url: '/packages/tourism/pages/status/index?code=TH-1&sent=1' }],
        ['/pages/mine/index', null, { kind: 'tab', url: '/pages/mine/index' }],
        // switchTab takes no query.
        ['/pages/index/index?from=notice', null, { kind: 'tab', url: '/pages/index/index' }],
        // No link: the event it is about.
        [null, 'BA-7', { kind: 'page', url: '/pages/report/detail/index?code=BA-7' }],
        // Not a page of the app: a web address, a script, something else; the event is the fallback.
        ['https://example.com/phish', null, null],
        ['javascript:alert(1)', 'BA-8', { kind: 'page', url: '/pages/report/detail/index?code=BA-8' }],
        ['/admin/events/BA-1', null, null],
        [null, null, null],
      ]
      for (const [link, eventCode, target] of cases) expect(linkTarget({ link, eventCode }, TABS), `${link} ${eventCode}`).to.deep.equal(target)
    })
  })

  describe('WeChat subscribe messages', () => {
    it('reads the templates of a moment: at most three, each template id once', () => {
      const templates = parseSubscribeTemplates({
        templates: [
          { key: 'event_progress', templateId: 'T-1', title: '办理进度通知' },
          { key: 'dup', templateId: 'T-1', title: '重复' },
          { key: 'no_id', title: '缺少模板' },
          { key: 'safety_alert', templateId: 'T-2', title: '安全预警通知' },
          { key: 'service_notice', templateId: 'T-3', title: '服务提醒' },
          { key: 'fee_arrears', templateId: 'T-4', title: '社保缴费提醒' },
        ],
      })
      expect(templates.map((t) => t.templateId)).to.deep.equal(['T-1', 'T-2', 'T-3'])
      expect(templates[0]).to.deep.equal({ key: 'event_progress', templateId: 'T-1', title: '办理进度通知' })
      expect(parseSubscribeTemplates({})).to.deep.equal([])
      expect(parseSubscribeTemplates(null)).to.deep.equal([])
    })

    it('turns requestSubscribeMessage\'s answer into the result map for POST /me/subscriptions/wechat', () => {
      const answer = { errMsg: 'requestSubscribeMessage:ok', 'T-1': 'accept', 'T-2': 'reject', 'T-3': 'ban', 'T-9': 'accept' }
      const results = subscribeResults(['T-1', 'T-2', 'T-3'], answer)
      // Only the templates asked for; errMsg stays out.
      expect(results).to.deep.equal({ 'T-1': 'accept', 'T-2': 'reject', 'T-3': 'ban' })
      expect(acceptedCount(results)).to.equal(1)
      expect(subscribeResults(['T-1', 'T-2'], { 'T-1': 'filter', 'T-2': 'maybe' })).to.deep.equal({ 'T-1': 'filter' })
      expect(subscribeResults(['T-1'], { errMsg: 'requestSubscribeMessage:ok' })).to.deep.equal({})
      expect(subscribeResults(['T-1'], undefined)).to.deep.equal({})
      expect(acceptedCount({})).to.equal(0)
    })

    it('reads the quotas and writes them as 「办理进度通知：剩余 2 次」', () => {
      const quotas = parseQuotas([
        { key: 'event_progress', templateId: 'T-1', title: '办理进度通知', remaining: 2 },
        { key: 'safety_alert', templateId: 'T-2', title: '安全预警通知', remaining: -3 },
        { key: 'service_notice', templateId: 'T-3', title: '', remaining: '1' },
        { title: 'no key' },
      ])
      expect(quotas.map(quotaText)).to.deep.equal(['办理进度通知：剩余 2 次', '安全预警通知：剩余 0 次', '服务通知：剩余 1 次'])
    })

    it('merges the quotas of a new grant into those shown', () => {
      const q = (templateId: string, remaining: number): Quota => ({ key: templateId, templateId, title: templateId, remaining })
      expect(mergeQuotas([q('T-1', 0), q('T-2', 1)], [q('T-1', 1), q('T-3', 1)])).to.deep.equal([q('T-1', 1), q('T-2', 1), q('T-3', 1)])
      expect(mergeQuotas([], [q('T-1', 1)])).to.deep.equal([q('T-1', 1)])
    })

    it('reads the topics of 消息订阅 and writes the body of PUT /me/subscriptions/topics', () => {
      const settings = parseSubscriptionSettings({
        topics: [
          { topic: 'weather_alert', name: '台风与天气预警', description: '台风、暴雨等预警及海岛停航信息', subscribed: true },
          { topic: 'elderly_services', name: '敬老助老服务', description: '', subscribed: false },
          { topic: 'community_activities', name: '社区活动', description: '所在社区的便民服务与活动', subscribed: false },
          { name: 'no topic' },
        ],
        quotas: [{ key: 'event_progress', templateId: 'T-1', title: '办理进度通知', remaining: 2 }],
      })
      expect(settings.topics.map((t) => t.topic)).to.deep.equal(['weather_alert', 'elderly_services', 'community_activities'])
      expect(settings.quotas).to.have.length(1)
      const chosen = chosenOf(settings.topics)
      expect(chosen).to.deep.equal({ weather_alert: true, elderly_services: false, community_activities: false })
      expect(topicsChanged(settings.topics, chosen)).to.equal(false)
      const next = { ...chosen, weather_alert: false, community_activities: true }
      expect(topicsChanged(settings.topics, next)).to.equal(true)
      // In the API's order, whatever order they were switched in.
      expect(topicsBody(settings.topics, { ...next, elderly_services: true })).to.deep.equal({ topics: ['elderly_services', 'community_activities'] })
      expect(topicsBody(settings.topics, {})).to.deep.equal({ topics: ['weather_alert'] })
      expect(parseSubscriptionSettings(undefined)).to.deep.equal({ topics: [], quotas: [] })
    })

    it('says what came of 接收进度通知, always pointing to 消息 when WeChat will not notify', () => {
      expect(subscribeOutcomeText({ kind: 'answered', results: { 'T-1': 'accept' }, accepted: 1, quotas: [] })).to.contain('已开启微信通知')
      for (const text of [
        subscribeOutcomeText({ kind: 'answered', results: { 'T-1': 'reject' }, accepted: 0, quotas: [] }),
        subscribeOutcomeText({ kind: 'unsupported' }),
        subscribeOutcomeText({ kind: 'none' }),
        subscribeOutcomeText({ kind: 'failed', errCode: null }),
        subscribeOutcomeText({ kind: 'failed', errCode: 20004 }),
      ]) {
        expect(text).to.contain('「消息」')
      }
      expect(subscribeOutcomeText({ kind: 'failed', errCode: 20004 })).to.contain('设置')
    })
  })
})

describe('links of messages sent before the report flow moved', () => {
  it('open the pages where they are now', () => {
    expect(linkTarget({ eventCode: null, link: '/packages/report/pages/detail/index?code=BA-20261123-000001' }, ['pages/index/index'])).to.deep.equal({ kind: 'page', url: '/pages/report/detail/index?code=BA-20261123-000001' })
    expect(linkTarget({ eventCode: null, link: '/packages/report/pages/inbox/index' }, [])).to.deep.equal({ kind: 'page', url: '/packages/notices/pages/inbox/index' })
  })
})
