import { expect } from 'chai'
import {
  formatDateTime,
  formatDistance,
  mediaUrl,
  parseCategories,
  parseCreatedReport,
  parseEventDetail,
  parseEventPage,
  reporterActions,
  statusName,
  statusTone,
} from '../src/services/events'

const summary = {
  code: 'BA-20261123-000001',
  status: 'dispatched',
  statusName: '已派遣',
  categoryCode: 'road-damage',
  categoryName: '道路破损',
  level: 4,
  levelName: '一般',
  description: '人行道地砖破损',
  address: '河东社区 12 号',
  gridCode: 'BA0304',
  gridName: '河东社区第4网格',
  communityName: '河东社区',
  unitId: 14,
  unitName: '西乡街道城市管理办公室',
  overdue: false,
  createdAt: '2026-11-23T04:00:00.000Z',
  responseDueAt: '2026-11-23T08:00:00.000Z',
  resolutionDueAt: '2026-11-26T04:00:00.000Z',
  thumbnailUrl: '/media/p1-thumb.jpg?exp=1&sig=a',
}

describe('events', () => {
  it('reads GET /categories, filling a missing level name', () => {
    const categories = parseCategories({
      items: [
        { code: 'gas-leak', name: '燃气泄漏', level: 1, levelName: '特急（安全隐患）', unitType: 'city_management', unitTypeName: '城市管理', responseHours: 1, resolutionHours: 4, autoDispatch: true, active: true },
        { code: 'litter', name: '垃圾乱扔', level: 5 },
        { name: 'no code' },
      ],
    })
    expect(categories.map((c) => c.code)).to.deep.equal(['gas-leak', 'litter'])
    expect(categories[1]).to.include({ levelName: '轻微', active: true, autoDispatch: false })
  })

  it('reads the 201 of POST /reports with its duplicates, and null unit and deadlines when waiting for dispatch', () => {
    const report = parseCreatedReport({
      code: 'BA-20261123-000002',
      status: 'reported',
      statusName: '已上报',
      grid: { code: 'BA0304', name: '河东社区第4网格', communityName: '河东社区', streetName: '西乡街道' },
      unit: null,
      deadlines: null,
      duplicates: [{ code: 'BA-20261122-000007', categoryName: '道路破损', description: '…', distanceM: 23, status: 'dispatched', createdAt: '2026-11-22T01:00:00Z', thumbnailUrl: '/media/t.jpg' }],
    })
    expect(report).to.not.equal(null)
    expect(report!.unit).to.equal(null)
    expect(report!.deadlines).to.equal(null)
    expect(report!.grid!.name).to.equal('河东社区第4网格')
    expect(report!.duplicates).to.have.length(1)
    // statusName missing on the duplicate: the app names it from the status.
    expect(report!.duplicates[0]).to.include({ code: 'BA-20261122-000007', statusName: '已派遣', distanceM: 23 })
    expect(parseCreatedReport({ status: 'reported' })).to.equal(null)
  })

  it('reads a page of my reports', () => {
    const page = parseEventPage({ items: [summary, { code: 'broken' }], total: 41 })
    expect(page.total).to.equal(41)
    expect(page.items).to.have.length(1)
    expect(page.items[0]).to.include({ code: summary.code, statusName: '已派遣', categoryName: '道路破损', thumbnailUrl: summary.thumbnailUrl })
  })

  it('reads an event with photos before and after, the timeline in order and the allowed actions', () => {
    const detail = parseEventDetail({
      ...summary,
      status: 'closed',
      statusName: '已结案',
      lat: 22.54,
      lng: 113.88,
      isReporter: true,
      photos: [
        { id: 1, kind: 'report', url: '/media/1.jpg', thumbnailUrl: '/media/1-t.jpg', width: 1600, height: 1200 },
        { id: 2, kind: 'resolution', url: '/media/2.jpg' },
      ],
      timeline: [
        { seq: 2, action: 'dispatch', actionName: '派遣', actorRole: 'dispatcher', actorRoleName: '分拨员', fromStatus: 'reported', toStatus: 'dispatched', note: null, at: '2026-11-23T04:05:00Z', photos: [] },
        { seq: 1, action: 'report', actionName: '上报', actorRole: null, actorRoleName: '居民', fromStatus: null, toStatus: 'reported', at: '2026-11-23T04:00:00Z' },
      ],
      rating: 9,
      allowedActions: ['confirm', 'rate', 'dispute', 7],
      evidence: { verified: true },
    })
    expect(detail).to.not.equal(null)
    expect(detail!.photos.map((p) => p.kind)).to.deep.equal(['report', 'resolution'])
    expect(detail!.photos[1].thumbnailUrl).to.equal('/media/2.jpg')
    expect(detail!.timeline.map((t) => t.seq)).to.deep.equal([1, 2])
    expect(detail!.rating).to.equal(null)
    expect(detail!.allowedActions).to.deep.equal(['confirm', 'rate', 'dispute'])
    expect(detail!.evidenceVerified).to.equal(true)
  })

  it('draws only the reporter commands the API allows, in a fixed order; staff commands never show', () => {
    expect(reporterActions(['rate', 'dispatch', 'confirm', 'verify', 'dispute'])).to.deep.equal(['confirm', 'dispute', 'rate'])
    expect(reporterActions(['merge'])).to.deep.equal(['merge'])
    expect(reporterActions([])).to.deep.equal([])
  })

  it('names every status and gives each a tone, falling back to the code for an unknown one', () => {
    const table: [string, string, string][] = [
      ['reported', '已上报', 'waiting'],
      ['filed', '已立案', 'waiting'],
      ['dispatched', '已派遣', 'working'],
      ['in_progress', '处置中', 'working'],
      ['resolved', '已处置待核查', 'checking'],
      ['closed', '已结案', 'done'],
      ['rejected', '不予立案', 'stopped'],
      ['returned', '已退回', 'again'],
      ['reopened', '重新办理', 'again'],
      ['merged', '已合并', 'stopped'],
      ['archived', 'archived', 'waiting'],
    ]
    for (const [status, name, tone] of table) {
      expect(statusName(status), status).to.equal(name)
      expect(statusTone(status), status).to.equal(tone)
    }
    expect(statusName('closed', '已办结')).to.equal('已办结')
  })

  it('writes times in China time whatever the phone zone, and distances in 米 / 公里', () => {
    expect(formatDateTime('2026-11-23T04:05:00.000Z')).to.equal('2026-11-23 12:05')
    expect(formatDateTime('2026-12-31T16:30:00Z')).to.equal('2027-01-01 00:30')
    expect(formatDateTime('not a time')).to.equal('')
    expect(formatDateTime(null)).to.equal('')
    expect(formatDistance(23.4)).to.equal('约 23 米')
    expect(formatDistance(1234)).to.equal('约 1.2 公里')
    expect(formatDistance(null)).to.equal('')
  })

  it('puts the API origin before /media/ paths for the mini-program and leaves absolute ones alone', () => {
    expect(mediaUrl('http://localhost:3000/', '/media/a.jpg?exp=1&sig=x')).to.equal('http://localhost:3000/media/a.jpg?exp=1&sig=x')
    expect(mediaUrl('', '/media/a.jpg')).to.equal('/media/a.jpg')
    expect(mediaUrl('http://x', 'https://cdn/a.jpg')).to.equal('https://cdn/a.jpg')
    expect(mediaUrl('http://x', null)).to.equal('')
  })
})
