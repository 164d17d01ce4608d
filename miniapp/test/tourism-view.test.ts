import { expect } from 'chai'
import {
  dialNumber,
  distanceBetween,
  dutyUnit,
  helpProgress,
  nearestIsland,
  openingHoursText,
  openNowText,
  parseCreatedComplaint,
  parseHelp,
  parseIslands,
  parsePlaces,
  type HelpCall,
} from '../src/services/tourism-view'

const islandsBody = {
  items: [
    {
      code: 'GS',
      name: '桂山岛',
      regionName: '万山区',
      centre: { lat: 22.1389, lng: 113.8218 },
      gcj02: { lat: 22.136, lng: 113.8268 },
      units: [
        { id: 31, name: '桂山镇市场监督管理所', type: 'market_regulation', typeName: '市场监管', phone: '0756-8850001' },
        { id: 33, name: '桂山岛应急值班室', type: 'emergency', typeName: '应急值班', phone: '0756-8850110' },
      ],
    },
    {
      code: 'DW',
      name: '东澳岛',
      regionName: '万山区',
      centre: { lat: 22.0072, lng: 113.7069 },
      gcj02: { lat: 22.0044, lng: 113.7119 },
      units: [{ id: 41, name: '东澳岛旅游服务中心', type: 'tourism', typeName: '文化旅游', phone: null }],
    },
    { code: 'XX', name: '无坐标岛' },
    null,
  ],
}

describe('tourist services view', () => {
  it('reads GET /islands, leaving out islands without a position', () => {
    const islands = parseIslands(islandsBody)
    expect(islands.map((i) => i.code)).to.deep.equal(['GS', 'DW'])
    expect(islands[0].units[1]).to.deep.equal({ id: 33, name: '桂山岛应急值班室', type: 'emergency', typeName: '应急值班', phone: '0756-8850110' })
  })

  it('finds the nearest island, comparing in the coordinate system of the point', () => {
    const islands = parseIslands(islandsBody)
    const atPier = nearestIsland(islands, { lat: 22.1362, lng: 113.8271 }, 'gcj02')!
    expect(atPier.island.code).to.equal('GS')
    expect(atPier.distanceM).to.be.lessThan(50)
    // The same spot in WGS-84 is ~0.55 km from the GCJ-02 point: compared with the WGS-84 centre it is near again.
    expect(nearestIsland(islands, { lat: 22.1391, lng: 113.8221 }, 'wgs84')!.distanceM).to.be.lessThan(50)
    expect(nearestIsland(islands, { lat: 22.0, lng: 113.71 }, 'gcj02')!.island.code).to.equal('DW')
    expect(nearestIsland([], { lat: 22, lng: 113 }, 'gcj02')).to.equal(null)
  })

  it('measures great-circle distances', () => {
    // One degree of latitude is about 111.2 km.
    expect(distanceBetween({ lat: 22, lng: 113 }, { lat: 23, lng: 113 })).to.be.within(111_000, 111_400)
    expect(distanceBetween({ lat: 22, lng: 113 }, { lat: 22, lng: 113 })).to.equal(0)
  })

  it('picks the on-duty emergency room for the help page, else any unit with a phone', () => {
    const [gs, dw] = parseIslands(islandsBody)
    expect(dutyUnit(gs)?.name).to.equal('桂山岛应急值班室')
    expect(dutyUnit(dw)).to.equal(null)
    expect(dutyUnit({ ...gs, units: gs.units.filter((u) => u.type !== 'emergency') })?.name).to.equal('桂山镇市场监督管理所')
    expect(dialNumber('0756-8850110')).to.equal('07568850110')
    expect(dialNumber(' +86 138 1234 5678')).to.equal('+8613812345678')
  })

  it('reads nearby places with their distance, opening state and complaint count', () => {
    const [place, other] = parsePlaces({
      items: [
        {
          code: 'GS-R-001',
          name: '桂山海鲜大排档',
          kind: 'restaurant',
          kindName: '餐饮',
          island: { code: 'GS', name: '桂山岛' },
          lat: 22.1391,
          lng: 113.8221,
          gcj02: { lat: 22.1362, lng: 113.8271 },
          address: '桂山镇海滨路 8 号',
          phone: '0756-8851234',
          openingHours: '10:00-14:00,17:00-22:00',
          openNow: false,
          complaintCount: 3,
          active: true,
          distanceM: 412.4,
        },
        { code: 'GS-S-002', name: '便利店', kind: 'shop', openNow: null, complaintCount: 'x' },
        { name: '无编号' },
      ],
    })
    expect(place).to.include({ code: 'GS-R-001', kindName: '餐饮', openNow: false, complaintCount: 3, distanceM: 412.4, phone: '0756-8851234' })
    expect(other).to.include({ kindName: '商店', openNow: null, complaintCount: 0, distanceM: null, phone: null, openingHours: null })
  })

  it('says whether a place is open, and its hours in words', () => {
    expect(openNowText(true)).to.equal('营业中')
    expect(openNowText(false)).to.equal('已打烊')
    expect(openNowText(null)).to.equal(null)
    expect(openingHoursText('08:00-14:00,17:00-22:00')).to.equal('08:00-14:00、17:00-22:00')
    expect(openingHoursText('00:00-24:00')).to.equal('全天营业')
    expect(openingHoursText('18:00-02:00')).to.equal('18:00-次日02:00')
    expect(openingHoursText(null)).to.equal('营业时间未知')
  })

  it('reads a created complaint with its unit and deadlines', () => {
    const complaint = parseCreatedComplaint({
      code: 'BA-20261123-000042',
      status: 'dispatched',
      statusName: '已派遣',
      category: 'overcharging',
      categoryName: '价格欺诈',
      place: { code: 'GS-R-001', name: '桂山海鲜大排档' },
      island: { code: 'GS', name: '桂山岛' },
      unit: { id: 31, name: '桂山镇市场监督管理所', phone: '0756-8850001' },
      deadlines: { responseDueAt: '2026-11-23T14:00:00.000Z', resolutionDueAt: '2026-11-26T12:00:00.000Z' },
    })!
    expect(complaint).to.deep.include({ code: 'BA-20261123-000042', categoryName: '价格欺诈', responseDueAt: '2026-11-23T14:00:00.000Z' })
    expect(complaint.unit).to.deep.equal({ name: '桂山镇市场监督管理所', phone: '0756-8850001' })
    expect(parseCreatedComplaint({ status: 'x' })).to.equal(null)
  })

  describe('a help call in words', () => {
    const base = parseHelp({
      code: 'BA-20261123-000043',
      type: 'medical',
      typeName: '医疗急救',
      status: 'dispatched',
      statusName: '已派遣',
      island: { code: 'GS', name: '桂山岛' },
      unit: { name: '桂山岛应急值班室', phone: '0756-8850110' },
      responder: null,
      receivedAt: '2026-11-23T12:00:00.000Z',
      respondedAt: null,
      responseDueAt: '2026-11-23T12:15:00.000Z',
      overdue: false,
      escalated: false,
    }) as HelpCall

    const table: [string, Partial<HelpCall>, string, string][] = [
      ['waiting for someone to accept', {}, 'waiting', '已送达值班室，等待值班人员接单'],
      ['accepted', { status: 'in_progress', responder: { name: '王强' } }, 'coming', '王强 已接单，正在赶来'],
      ['overdue', { overdue: true }, 'late', '已超过 15 分钟响应时限，尚无人接单'],
      ['overdue and escalated', { overdue: true, escalated: true }, 'late', '超过 15 分钟无人接单，已上报海岛和区级督办人员'],
      ['accepted late: the responder wins', { overdue: true, escalated: true, responder: { name: '王强' } }, 'coming', '王强 已接单，正在赶来'],
      ['closed', { status: 'closed', statusName: '已结案', responder: { name: '王强' } }, 'done', '求助已处理完毕（已结案）'],
    ]
    for (const [name, patch, tone, headline] of table) {
      it(name, () => {
        expect(helpProgress({ ...base, ...patch })).to.include({ tone, headline })
      })
    }

    it('reads the responder only when it has a name', () => {
      expect(parseHelp({ code: 'X', responder: { name: '  ' } })!.responder).to.equal(null)
      expect(parseHelp({ code: 'X', type: 'lost' })!.typeName).to.equal('走失寻人')
      expect(parseHelp({})).to.equal(null)
    })
  })
})
