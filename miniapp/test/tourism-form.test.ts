import { expect } from 'chai'
import {
  complaintFields,
  complaintLabel,
  contactPhoneProblem,
  CONTACT_PHONE_INVALID,
  CONTACT_PHONE_REQUIRED,
  emptyComplaint,
  emptyHelp,
  helpBody,
  helpLabel,
  ISLAND_CENTRE_ACCURACY_M,
  normalizeContactPhone,
  validateComplaint,
  validateHelp,
  type ComplaintDraft,
  type HelpDraft,
} from '../src/services/tourism-form'
import type { Island } from '../src/services/tourism-view'

const guishan: Island = {
  code: 'GS',
  name: '桂山岛',
  regionName: '万山区',
  centre: { lat: 22.1389, lng: 113.8218 },
  gcj02: { lat: 22.136, lng: 113.8268 },
  units: [],
}

const located = { lat: 22.13641234, lng: 113.82519876, coordSystem: 'gcj02' as const, accuracyM: 35.4 }

describe('tourist forms', () => {
  describe('contact phone', () => {
    const table: [string, string, string | null, boolean][] = [
      // typed, normalised, problem when optional, valid
      ['13812345678', '13812345678', null, true],
      ['138 1234 5678', '13812345678', null, true],
      ['138-1234-5678', '13812345678', null, true],
      ['１３８１２３４５６７８', '13812345678', null, true],
      ['0756-1234567', '0756-1234567', null, true],
      ['020-12345678', '020-12345678', null, true],
      ['(0756)8850110', '0756-8850110', null, true],
      ['0756－1234567', '0756-1234567', null, true],
      ['12812345678', '12812345678', CONTACT_PHONE_INVALID, false],
      ['1381234567', '1381234567', CONTACT_PHONE_INVALID, false],
      ['07561234567', '07561234567', null, true],
      ['0756-123456', '0756-123456', CONTACT_PHONE_INVALID, false],
      ['', '', null, false],
    ]
    for (const [typed, normal, problem, valid] of table) {
      it(`${JSON.stringify(typed)} → ${JSON.stringify(normal)}${valid ? '' : ' (refused)'}`, () => {
        expect(normalizeContactPhone(typed)).to.equal(normal)
        expect(contactPhoneProblem(typed, false)).to.equal(problem)
        if (typed === '') expect(contactPhoneProblem(typed, true)).to.equal(CONTACT_PHONE_REQUIRED)
      })
    }
  })

  describe('complaint', () => {
    const valid = (patch: Partial<ComplaintDraft> = {}): ComplaintDraft => ({
      ...emptyComplaint('GS-R-001', 'GS'),
      category: 'overcharging',
      description: '  海鲜按斤计价，结账时翻了三倍  ',
      ...patch,
    })

    it('about a merchant: needs no position of its own, sends placeCode and no coordinates', () => {
      expect(validateComplaint(valid(), null)).to.deep.equal([])
      expect(complaintFields(valid({ phone: '138 1234 5678' }), guishan)).to.deep.equal({
        category: 'overcharging',
        description: '海鲜按斤计价，结账时翻了三倍',
        placeCode: 'GS-R-001',
        phone: '13812345678',
      })
    })

    it('with the phone position: sends it in its coordinate system, six decimals', () => {
      const draft = valid({ placeCode: null, located: { ...located, coordSystem: 'wgs84' } })
      expect(validateComplaint(draft, null)).to.deep.equal([])
      expect(complaintFields(draft, null)).to.include({ lat: '22.136412', lng: '113.825199', coordSystem: 'wgs84' })
      expect(complaintFields(draft, null)).not.to.have.property('placeCode')
    })

    it('without a position: asks for the island and an address, then sends the island centre in GCJ-02 with the address', () => {
      const draft = valid({ placeCode: null })
      expect(validateComplaint(draft, null).map((p) => p.field)).to.deep.equal(['island', 'address'])
      const placed = { ...draft, address: '桂山码头候船厅' }
      expect(validateComplaint(placed, guishan)).to.deep.equal([])
      expect(complaintFields(placed, guishan)).to.deep.include({ lat: '22.136', lng: '113.8268', coordSystem: 'gcj02', address: '桂山码头候船厅' })
    })

    it('checks category, description length 5–500 and the optional phone', () => {
      const fields = (patch: Partial<ComplaintDraft>) => validateComplaint(valid(patch), guishan).map((p) => p.field)
      expect(fields({ category: null })).to.deep.equal(['category'])
      expect(fields({ description: '   ' })).to.deep.equal(['description'])
      expect(fields({ description: '太贵了 ' })).to.deep.equal(['description'])
      expect(fields({ description: '价格太贵了' })).to.deep.equal([])
      expect(fields({ description: '贵'.repeat(500) })).to.deep.equal([])
      expect(fields({ description: '贵'.repeat(501) })).to.deep.equal(['description'])
      expect(fields({ phone: '12345' })).to.deep.equal(['phone'])
      expect(fields({ photos: Array.from({ length: 10 }, (_, i) => ({ path: `p${i}`, contentType: 'image/jpeg' })) })).to.deep.equal(['photos'])
    })

    it('names itself in the queue', () => {
      expect(complaintLabel('hygiene')).to.equal('投诉：食品卫生')
      expect(complaintLabel('overcharging', '桂山海鲜大排档')).to.equal('投诉：价格欺诈（桂山海鲜大排档）')
    })
  })

  describe('help', () => {
    const valid = (patch: Partial<HelpDraft> = {}): HelpDraft => ({ ...emptyHelp('13812345678'), type: 'medical', located, ...patch })

    it('with the phone position: its coordinates, system and rounded accuracy as JSON numbers', () => {
      expect(validateHelp(valid({ text: ' 老人摔倒 ' }), null)).to.deep.equal([])
      expect(helpBody(valid({ text: ' 老人摔倒 ' }), null)).to.deep.equal({
        type: 'medical',
        lat: 22.136412,
        lng: 113.825199,
        coordSystem: 'gcj02',
        accuracyM: 35,
        phone: '13812345678',
        text: '老人摔倒',
      })
    })

    it('leaves accuracyM out when the phone did not give one, and keeps it within the 100 km the API takes', () => {
      expect(helpBody(valid({ located: { ...located, accuracyM: null } }), null)).not.to.have.property('accuracyM')
      expect(helpBody(valid({ located: { ...located, accuracyM: 250_000.7 } }), null).accuracyM).to.equal(100_000)
    })

    it('without a position: needs the island and an address, and sends the island GCJ-02 centre, 5 km uncertain', () => {
      const draft = valid({ located: null })
      expect(validateHelp(draft, null).map((p) => p.field)).to.deep.equal(['island', 'address'])
      const placed = { ...draft, address: '桂山岛北侧沙滩' }
      expect(validateHelp(placed, guishan)).to.deep.equal([])
      expect(helpBody(placed, guishan)).to.deep.equal({
        type: 'medical',
        lat: 22.136,
        lng: 113.8268,
        coordSystem: 'gcj02',
        accuracyM: ISLAND_CENTRE_ACCURACY_M,
        phone: '13812345678',
        address: '桂山岛北侧沙滩',
      })
      expect(ISLAND_CENTRE_ACCURACY_M).to.equal(5000)
    })

    it('requires a type and a phone; the text stays within 200 characters', () => {
      expect(validateHelp(valid({ type: null, phone: '' }), null)).to.deep.equal([
        { field: 'type', message: '请选择求助类型' },
        { field: 'phone', message: CONTACT_PHONE_REQUIRED },
      ])
      expect(validateHelp(valid({ phone: '0756-8850110' }), null)).to.deep.equal([])
      expect(validateHelp(valid({ text: '救'.repeat(201) }), null).map((p) => p.field)).to.deep.equal(['text'])
    })

    it('names itself in the queue', () => {
      expect(helpLabel('weather')).to.equal('求助：因天气滞留')
    })
  })
})
