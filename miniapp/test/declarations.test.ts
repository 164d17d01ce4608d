import { expect } from 'chai'
import {
  cityToday,
  daysUntil,
  declarationActions,
  declarationStatusName,
  declarationTone,
  parseDeclaration,
  parseDeclarations,
  parseLandlordHouses,
  parsePrefill,
  parseResidenceHouse,
  parseTenant,
  riskText,
  splitDeclarations,
  validityText,
} from '../src/services/declarations'

const declaration = {
  id: 12,
  house: { code: 'BA0304-012-0301', address: '西乡街道河东社区 12 栋 301', gridName: '河东社区第4网格', communityName: '河东社区' },
  name: '张三',
  idNumberMasked: '440306********1232',
  sex: 'male',
  birthDate: '1990-03-07',
  phone: '138****5678',
  moveInDate: '2026-11-01',
  moveOutDate: null,
  status: 'pending_verification',
  statusName: '待核查',
  validUntil: '2027-11-01',
  risks: [
    { code: 'over_capacity', label: '超出房屋核定人数' },
    { code: 'new_rule', label: '新的核查规则' },
  ],
  landlordConfirmedAt: null,
  verification: null,
  createdAt: '2026-11-23T04:00:00.000Z',
  allowedActions: ['move_out', 'approve', 3],
}

describe('declarations', () => {
  it('reads a Declaration, keeping only the actions the resident has and the risks as given', () => {
    const d = parseDeclaration(declaration)
    expect(d).to.not.equal(null)
    expect(d!).to.include({ id: 12, name: '张三', sex: 'male', status: 'pending_verification', statusName: '待核查', validUntil: '2027-11-01', moveOutDate: null })
    expect(d!.house).to.deep.equal(declaration.house)
    expect(d!.allowedActions).to.deep.equal(['move_out', 'approve'])
    expect(declarationActions(d!.allowedActions)).to.deep.equal(['move_out'])
    expect(d!.risks.map((r) => r.code)).to.deep.equal(['over_capacity', 'new_rule'])
  })

  it('names a status the API left unnamed, and refuses an answer without id or status', () => {
    const d = parseDeclaration({ ...declaration, status: 'moved_out', statusName: undefined, moveOutDate: '2026-12-01T00:00:00+08:00' })
    expect(d!.statusName).to.equal('已搬离')
    expect(d!.moveOutDate).to.equal('2026-12-01')
    expect(parseDeclaration({ ...declaration, id: undefined })).to.equal(null)
    expect(parseDeclaration({ ...declaration, status: 3 })).to.equal(null)
    expect(declarationStatusName('unknown_status')).to.equal('unknown_status')
  })

  it('reads the verification when there is one', () => {
    const d = parseDeclaration({ ...declaration, status: 'rejected', verification: { status: 'rejected', statusName: '核查未通过', note: '现场无人居住', at: '2026-11-25T02:00:00Z' } })
    expect(d!.verification).to.deep.equal({ status: 'rejected', statusName: '核查未通过', note: '现场无人居住', at: '2026-11-25T02:00:00Z' })
  })

  it('draws the buttons only from allowedActions, renew first', () => {
    const cases: [unknown[], string[]][] = [
      [[], []],
      [['renew'], ['renew']],
      [['move_out', 'renew'], ['renew', 'move_out']],
      [['verify', 'reveal'], []],
    ]
    for (const [allowed, actions] of cases) expect(declarationActions(allowed as string[]), JSON.stringify(allowed)).to.deep.equal(actions)
  })

  it('keeps current declarations (expired ones too, they can be renewed) apart from the history', () => {
    const list = parseDeclarations({
      items: ['accepted', 'pending_verification', 'expired', 'moved_out', 'rejected'].map((status, i) => ({ ...declaration, id: i + 1, status })),
    })
    const { current, past } = splitDeclarations(list)
    expect(current.map((d) => d.status)).to.deep.equal(['accepted', 'pending_verification', 'expired'])
    expect(past.map((d) => d.status)).to.deep.equal(['moved_out', 'rejected'])
  })

  it('gives every status a tone', () => {
    expect(['accepted', 'pending_verification', 'rejected', 'moved_out', 'expired'].map(declarationTone)).to.deep.equal(['done', 'checking', 'stopped', 'ended', 'again'])
  })

  it('says each known risk gently and falls back to the API\'s label', () => {
    expect(riskText({ code: 'not_in_base', label: '人口库无此人' })).to.equal('人口信息库中暂未查到您的信息')
    expect(riskText({ code: 'declared_elsewhere', label: '仍在其他房屋登记' })).to.equal('您在其他住址还有有效的居住登记')
    expect(riskText({ code: 'new_rule', label: '新的核查规则' })).to.equal('新的核查规则')
  })

  it('reads the house behind a code and the prefill', () => {
    expect(parseResidenceHouse({ code: 'BA0304-012-0301', address: '河东社区 12 栋 301', building: '12', floor: 3, room: '0301', gridName: '河东社区第4网格', communityName: '河东社区' })).to.deep.equal({
      code: 'BA0304-012-0301',
      address: '河东社区 12 栋 301',
      building: '12',
      floor: '3',
      room: '0301',
      gridName: '河东社区第4网格',
      communityName: '河东社区',
    })
    expect(parseResidenceHouse({ address: 'no code' })).to.equal(null)
    expect(parsePrefill({ sex: 'female', birthDate: '1949-12-31', phone: null, moveInDate: '2026-11-23', declaredElsewhere: { id: 41, houseCode: 'BA0304-001-0101', address: '河东社区 1 栋 101' } })).to.deep.equal({
      sex: 'female',
      birthDate: '1949-12-31',
      phone: null,
      moveInDate: '2026-11-23',
      declaredElsewhere: { id: 41, houseCode: 'BA0304-001-0101', address: '河东社区 1 栋 101' },
    })
    expect(parsePrefill({ sex: 'x', declaredElsewhere: null })).to.deep.equal({ sex: null, birthDate: null, phone: null, moveInDate: null, declaredElsewhere: null })
  })

  it('reads the landlord\'s houses with masked tenants, naming a colour the API left unnamed', () => {
    const houses = parseLandlordHouses({
      items: [
        {
          code: 'BA0304-012-0301',
          address: '河东社区 12 栋 301',
          capacity: 4,
          colour: 'yellow',
          tenants: [
            { declarationId: 12, name: '张*三', idNumberMasked: '440306********1232', moveInDate: '2026-11-01', status: 'accepted', statusName: '已登记', landlordConfirmedAt: null },
            { name: 'no id' },
          ],
        },
        { address: 'no code' },
      ],
    })
    expect(houses).to.have.length(1)
    expect(houses[0]).to.include({ code: 'BA0304-012-0301', capacity: 4, colour: 'yellow', colourName: '黄（待核查或申报将到期）' })
    expect(houses[0].tenants).to.deep.equal([
      { declarationId: 12, name: '张*三', idNumberMasked: '440306********1232', moveInDate: '2026-11-01', status: 'accepted', statusName: '已登记', landlordConfirmedAt: null },
    ])
    expect(parseLandlordHouses({ items: [] })).to.deep.equal([])
    expect(parseTenant({ declarationId: 12, status: 'accepted', landlordConfirmedAt: '2026-11-23T05:00:00Z' })!.landlordConfirmedAt).to.equal('2026-11-23T05:00:00Z')
  })

  describe('dates in the city', () => {
    it('gives today in UTC+8 whatever the phone\'s zone', () => {
      expect(cityToday(new Date('2026-11-23T15:59:59Z'))).to.equal('2026-11-23')
      expect(cityToday(new Date('2026-11-23T16:00:00Z'))).to.equal('2026-11-24')
    })

    it('counts the days left', () => {
      expect(daysUntil('2026-12-23', '2026-11-23')).to.equal(30)
      expect(daysUntil('2026-11-23', '2026-11-23')).to.equal(0)
      expect(daysUntil('2026-11-22', '2026-11-23')).to.equal(-1)
      expect(daysUntil('2028-03-01', '2028-02-28')).to.equal(2)
      expect(daysUntil(null, '2026-11-23')).to.equal(null)
      expect(daysUntil('soon', '2026-11-23')).to.equal(null)
    })

    const cases: [string | null, string][] = [
      ['2027-11-01', '有效期至 2027-11-01'],
      ['2026-12-23', '有效期至 2026-12-23（还剩 30 天）'],
      ['2026-11-24', '有效期至 2026-11-24（还剩 1 天）'],
      ['2026-11-23', '今天（2026-11-23）到期'],
      ['2026-10-01', '已于 2026-10-01 到期'],
      [null, ''],
    ]
    for (const [validUntil, text] of cases) {
      it(`says ${JSON.stringify(text)} for a declaration valid until ${validUntil}`, () => {
        expect(validityText(validUntil, '2026-11-23')).to.equal(text)
      })
    }
  })
})
