import { expect } from 'chai'
import type { Prefill } from '../src/services/declarations'
import {
  AttemptKeys,
  declarationBody,
  detailsFromPrefill,
  fingerprint,
  houseCodeFromParams,
  houseCodeFromScan,
  isIsoDate,
  normalizeHouseCode,
  prefillBody,
  validateDetails,
  validateIdentity,
  type DetailsDraft,
} from '../src/services/residence-form'

const TODAY = '2026-11-23'

describe('residence-form', () => {
  describe('houseCodeFromScan reads the house code from what the scanner gives', () => {
    const cases: [string | null | undefined, string | null, string][] = [
      ['https://weave.city/h/BA0304-012-0301', 'BA0304-012-0301', 'the QR URL'],
      ['https://weave.city/h/BA0304-012-0301/', 'BA0304-012-0301', 'with a trailing slash'],
      ['https://weave.city/h/BA0304-012-0301?from=door#top', 'BA0304-012-0301', 'with a query and a fragment'],
      ['http://192.168.1.5:3000/h/ba0304-012-0301', 'BA0304-012-0301', 'another origin, lower case'],
      ['https://weave.city/sub/h/BA0304%2D012%2D0301', 'BA0304-012-0301', 'under a path prefix, percent-encoded'],
      ['  https://weave.city/h/BA0304-012-0301  ', 'BA0304-012-0301', 'surrounding spaces'],
      ['https://weave.city/h5/#/packages/residence/pages/declare/index?house=BA0304-012-0301', 'BA0304-012-0301', 'the H5 page the API redirects to'],
      ['packages/residence/pages/declare/index?scene=BA0304-012-0301', 'BA0304-012-0301', 'a mini-program code\'s path'],
      ['BA0304-012-0301', 'BA0304-012-0301', 'the bare code'],
      ['ba0304-012-0301', 'BA0304-012-0301', 'a bare code in lower case'],
      ['ＢＡ０３０４－０１２－０３０１', 'BA0304-012-0301', 'a bare code in full-width characters'],
      ['BA0304 012', null, 'a space inside is not a separator'],
      ['https://weave.city/h/', null, 'a URL without a code'],
      ['https://weave.city/h/AB', null, 'a code too short'],
      ['https://weave.city/h/BA0304_012', null, 'a character the codes never use'],
      ['https://weave.city/events/BA-20261123-000001', null, 'another URL of the platform'],
      ['https://pay.example.com/qr?id=123', null, 'somebody else\'s QR code'],
      ['ABC', null, 'a bare code too short'],
      ['A'.repeat(33), null, 'a bare code too long'],
      ['欢迎光临', null, 'text'],
      ['', null, 'nothing'],
      [undefined, null, 'no result at all'],
    ]
    for (const [text, code, note] of cases) {
      it(`${note}: ${JSON.stringify(text)} → ${code}`, () => {
        expect(houseCodeFromScan(text)).to.equal(code)
      })
    }
  })

  it('normalizes a typed code, or refuses it', () => {
    expect(normalizeHouseCode(' ba0304—012—0301 ')).to.equal('BA0304-012-0301')
    expect(normalizeHouseCode('BA0304/012')).to.equal(null)
  })

  describe('houseCodeFromParams reads the page\'s parameters', () => {
    const cases: [Record<string, string | undefined>, string | null, string][] = [
      [{ house: 'BA0304-012-0301' }, 'BA0304-012-0301', '?house= from the H5 redirect'],
      [{ q: encodeURIComponent('https://weave.city/h/BA0304-012-0301'), scancode_time: '1700000000' }, 'BA0304-012-0301', '?q= when WeChat opens the page for a scanned link'],
      [{ q: 'https://weave.city/h/BA0304-012-0301' }, 'BA0304-012-0301', '?q= already decoded'],
      [{ scene: encodeURIComponent('BA0304-012-0301') }, 'BA0304-012-0301', '?scene= from a mini-program code'],
      [{ house: 'bad code!', scene: 'BA0304-012-0301' }, 'BA0304-012-0301', 'an unreadable house falls back to the scene'],
      [{ q: '%E0%A4%A' }, null, 'a broken encoding'],
      [{}, null, 'no parameters'],
    ]
    for (const [params, code, note] of cases) {
      it(`${note} → ${code}`, () => {
        expect(houseCodeFromParams(params)).to.equal(code)
      })
    }
  })

  describe('validateIdentity', () => {
    it('accepts a valid number and a name', () => {
      expect(validateIdentity({ idNumber: '440306199003071232', name: '张三' }, TODAY)).to.deep.equal([])
    })
    it('names each field at fault', () => {
      expect(validateIdentity({ idNumber: '440306199003071233', name: ' ' }, TODAY)).to.deep.equal([
        { field: 'idNumber', message: '身份证号校验位不正确，请核对每一位' },
        { field: 'name', message: '请填写姓名' },
      ])
      expect(validateIdentity({ idNumber: '', name: '张'.repeat(41) }, TODAY).map((p) => p.field)).to.deep.equal(['idNumber', 'name'])
    })
    it('sends the number clean and the name trimmed to the prefill', () => {
      expect(prefillBody('BA0304-012-0301', { idNumber: '110105 19491231002x', name: ' 李四 ' })).to.deep.equal({
        houseCode: 'BA0304-012-0301',
        idNumber: '11010519491231002X',
        name: '李四',
      })
    })
  })

  describe('the prefilled details', () => {
    const prefill: Prefill = { sex: 'male', birthDate: '1990-03-07', phone: '138****5678', moveInDate: null, declaredElsewhere: null }

    it('keeps a masked phone out of the field and shows it as the number on file; an empty move-in date becomes today', () => {
      const { draft, phoneOnFile } = detailsFromPrefill(prefill, TODAY)
      expect(draft).to.deep.equal({ sex: 'male', birthDate: '1990-03-07', phone: '', moveInDate: TODAY, moveOutPrevious: false })
      expect(phoneOnFile).to.equal('138****5678')
    })

    it('puts an unmasked phone in the field', () => {
      const { draft, phoneOnFile } = detailsFromPrefill({ ...prefill, phone: '13812345678', moveInDate: '2026-11-01' }, TODAY)
      expect(draft).to.include({ phone: '13812345678', moveInDate: '2026-11-01' })
      expect(phoneOnFile).to.equal(null)
    })

    const good: DetailsDraft = { sex: 'female', birthDate: '1990-03-07', phone: '', moveInDate: '2026-11-01', moveOutPrevious: false }
    const cases: [Partial<DetailsDraft>, string[], string][] = [
      [{}, [], 'everything in order, no phone'],
      [{ phone: '138 1234 5678' }, [], 'a phone typed with spaces'],
      [{ sex: null }, ['sex'], 'no sex chosen'],
      [{ birthDate: '' }, ['birthDate'], 'no birth date'],
      [{ birthDate: '1990-02-30' }, ['birthDate'], 'no such birth date'],
      [{ birthDate: '2026-11-24' }, ['birthDate'], 'a birth date after today'],
      [{ phone: '12345' }, ['phone'], 'a short phone'],
      [{ phone: '23812345678' }, ['phone'], 'a phone that is no mobile number'],
      [{ moveInDate: '' }, ['moveInDate'], 'no move-in date'],
      [{ moveInDate: '1989-01-01' }, ['moveInDate'], 'moving in before being born'],
      [{ moveInDate: '2026-11-24' }, ['moveInDate'], 'moving in after today (the API refuses it too)'],
      [{ moveInDate: TODAY }, [], 'moving in today'],
    ]
    for (const [patch, fields, note] of cases) {
      it(`validateDetails: ${note}`, () => {
        expect(validateDetails({ ...good, ...patch }, TODAY).map((p) => p.field)).to.deep.equal(fields)
      })
    }
  })

  describe('declarationBody', () => {
    const identity = { idNumber: '440306199003071232 ', name: ' 张三' }
    const details: DetailsDraft = { sex: 'male', birthDate: '1990-03-07', phone: '', moveInDate: '2026-11-01', moveOutPrevious: true }
    const prefill: Prefill = { sex: 'male', birthDate: '1990-03-07', phone: '138****5678', moveInDate: '2026-11-01', declaredElsewhere: null }

    it('leaves out a phone nobody typed and moveOutPrevious when not declared elsewhere', () => {
      expect(declarationBody('BA0304-012-0301', identity, details, prefill)).to.deep.equal({
        houseCode: 'BA0304-012-0301',
        idNumber: '440306199003071232',
        name: '张三',
        sex: 'male',
        birthDate: '1990-03-07',
        moveInDate: '2026-11-01',
      })
    })

    it('sends a typed phone and the move-out choice when declared elsewhere, off as well as on', () => {
      const elsewhere: Prefill = { ...prefill, declaredElsewhere: { id: 41, houseCode: 'BA0304-001-0101', address: '河东社区 1 栋 101' } }
      expect(declarationBody('BA0304-012-0301', identity, { ...details, phone: '139 0000 1111' }, elsewhere)).to.include({ phone: '13900001111', moveOutPrevious: true })
      expect(declarationBody('BA0304-012-0301', identity, { ...details, moveOutPrevious: false }, elsewhere)).to.include({ moveOutPrevious: false })
    })
  })

  describe('AttemptKeys', () => {
    function minted() {
      let n = 0
      return new AttemptKeys(() => `key-${++n}`)
    }

    it('keeps the key while the same body is retried, in whatever key order', () => {
      const keys = minted()
      expect(keys.keyFor({ houseCode: 'A001', name: '张三' })).to.equal('key-1')
      expect(keys.keyFor({ name: '张三', houseCode: 'A001' })).to.equal('key-1')
    })

    it('takes a new key when the body changes, and after the attempt settles', () => {
      const keys = minted()
      expect(keys.keyFor({ houseCode: 'A001', phone: '13800000000' })).to.equal('key-1')
      expect(keys.keyFor({ houseCode: 'A001', phone: '13900000000' })).to.equal('key-2')
      keys.settle()
      expect(keys.keyFor({ houseCode: 'A001', phone: '13900000000' })).to.equal('key-3')
    })

    it('fingerprints bodies independently of key order and ignores undefined fields', () => {
      expect(fingerprint({ b: 1, a: [1, { d: 2, c: 'x' }], u: undefined })).to.equal(fingerprint({ a: [1, { c: 'x', d: 2 }], b: 1 }))
      expect(fingerprint({ a: true })).to.not.equal(fingerprint({ a: false }))
    })
  })

  it('knows a calendar date', () => {
    expect(isIsoDate('2024-02-29')).to.equal(true)
    expect(isIsoDate('2023-02-29')).to.equal(false)
    expect(isIsoDate('2023-2-1')).to.equal(false)
  })
})
