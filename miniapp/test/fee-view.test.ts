import { expect } from 'chai'
import {
  adviceFor,
  bindBody,
  certificatePath,
  cityDate,
  clipboardText,
  feeStatusName,
  feeTone,
  formatYuan,
  groupMonths,
  monthStatus,
  nextGraceDay,
  parseBinding,
  parseCertificate,
  parseFees,
  periodLabel,
  rangeLabel,
  validateBind,
  verifyText,
  yearChoices,
  yearRange,
  type FeeLine,
  type FeeMonth,
} from '../src/services/fee-view'

const TODAY = '2026-11-23'
// 11010519491231002X passes the GB 11643 check digit; the same number ending in 1 does not.
const VALID_ID = '11010519491231002X'

function line(type: string, status: string, dueFen: number, paidFen: number): FeeLine {
  return { type, typeName: '', dueFen, paidFen, status, statusName: '' }
}

describe('fee-view', () => {
  describe('formatYuan writes integer fen as yuan with two decimals', () => {
    const cases: [number, string][] = [
      [96000, '¥960.00'],
      [0, '¥0.00'],
      [5, '¥0.05'],
      [120, '¥1.20'],
      [1234567, '¥12345.67'],
      [-1250, '-¥12.50'],
      [NaN, '¥0.00'],
    ]
    for (const [fen, text] of cases) {
      it(`${fen} → ${text}`, () => expect(formatYuan(fen)).to.equal(text))
    }
  })

  describe('status names', () => {
    it('names every status the API knows in Chinese', () => {
      expect(['paid', 'in_transit', 'due', 'arrears', 'refund_due'].map((s) => feeStatusName(s))).to.deep.equal(['已缴', '在途', '待缴', '欠费', '可退费'])
    })
    it("prefers the API's own name and shows an unknown code as it came", () => {
      expect(feeStatusName('paid', '已到账')).to.equal('已到账')
      expect(feeStatusName('frozen')).to.equal('frozen')
      expect(feeStatusName(null)).to.equal('')
    })
    it('draws an unknown status in the neutral 待缴 colour', () => {
      expect(feeTone('arrears')).to.equal('arrears')
      expect(feeTone('frozen')).to.equal('due')
    })
  })

  describe('years and periods', () => {
    it('offers this year and the four before, newest first', () => {
      expect(yearChoices(TODAY)).to.deep.equal([2026, 2025, 2024, 2023, 2022])
    })
    it('asks for a whole year from January to December', () => {
      expect(yearRange(2025)).to.deep.equal({ from: '2025-01', to: '2025-12' })
    })
    it("reads today in the city's time zone (UTC+8), where a new year starts eight hours earlier", () => {
      expect(cityDate(new Date('2026-12-31T16:30:00.000Z'))).to.equal('2027-01-01')
      expect(cityDate(new Date('2026-12-31T15:59:00.000Z'))).to.equal('2026-12-31')
    })
    it('writes months and ranges in words', () => {
      expect(periodLabel('2026-03')).to.equal('2026 年 3 月')
      expect(periodLabel('2026-13')).to.equal('2026-13')
      expect(rangeLabel('2026-01', '2026-12')).to.equal('2026 年全年')
      expect(rangeLabel('2026-05', '2026-05')).to.equal('2026 年 5 月')
      expect(rangeLabel('2025-07', '2026-06')).to.equal('2025 年 7 月 至 2026 年 6 月')
    })
    describe('nextGraceDay is the next 15th on or after today', () => {
      const cases: [string, string][] = [
        ['2026-11-03', '2026-11-15'],
        ['2026-11-15', '2026-11-15'],
        ['2026-11-16', '2026-12-15'],
        ['2026-12-23', '2027-01-15'],
        ['not a date', ''],
      ]
      for (const [today, grace] of cases) {
        it(`${today} → ${grace || '(none)'}`, () => expect(nextGraceDay(today)).to.equal(grace))
      }
    })
  })

  describe('monthStatus shows what asks the person to act first', () => {
    const cases: [string[], string, string][] = [
      [['paid', 'paid'], 'paid', 'all paid'],
      [['paid', 'in_transit'], 'in_transit', 'one still on its way to finance'],
      [['paid', 'refund_due'], 'refund_due', 'one overpaid'],
      [['refund_due', 'due'], 'due', 'one still to pay within the grace period'],
      [['paid', 'due', 'arrears', 'refund_due'], 'arrears', 'one in arrears'],
      [[], 'due', 'no lines'],
    ]
    for (const [statuses, expected, what] of cases) {
      it(`${what} → ${expected}`, () => expect(monthStatus(statuses.map((status) => ({ status })))).to.equal(expected))
    }
  })

  describe('groupMonths', () => {
    const months: FeeMonth[] = [
      { period: '2026-01', types: [line('medical', 'paid', 30000, 30000), line('pension', 'paid', 96000, 96000)] },
      { period: '2026-03', types: [line('work_injury', 'paid', 500, 500), line('pension', 'arrears', 96000, 0), line('unemployment', 'paid', 1000, 1000)] },
      { period: '2026-02', types: [] },
      { period: '2026-10', types: [line('pension', 'refund_due', 96000, 100000)] },
    ]
    const grouped = groupMonths(months)

    it('keeps only months with data, newest first', () => {
      expect(grouped.map((m) => m.period)).to.deep.equal(['2026-10', '2026-03', '2026-01'])
    })
    it("sums a month's due and paid over its types and names its status", () => {
      const march = grouped[1]
      expect(march).to.include({ label: '2026 年 3 月', dueFen: 97500, paidFen: 1500, status: 'arrears', statusName: '欠费' })
    })
    it("lists a month's types in the bureau's order (养老, 医疗, 失业, 工伤, 生育)", () => {
      expect(grouped[1].lines.map((l) => l.type)).to.deep.equal(['pension', 'unemployment', 'work_injury'])
      expect(grouped[2].lines.map((l) => l.type)).to.deep.equal(['pension', 'medical'])
    })
    it('merges a period the API sent twice', () => {
      const merged = groupMonths([
        { period: '2026-04', types: [line('pension', 'paid', 1, 1)] },
        { period: '2026-04', types: [line('medical', 'due', 2, 0)] },
      ])
      expect(merged).to.have.length(1)
      expect(merged[0]).to.include({ dueFen: 3, paidFen: 1, status: 'due' })
    })
  })

  describe('adviceFor (怎么办)', () => {
    it('says nothing when the year is settled', () => {
      expect(adviceFor({ dueFen: 100, paidFen: 100, arrearsFen: 0, refundFen: 0 }, TODAY)).to.deep.equal([])
    })
    it('sends arrears to the tax office\'s channels before the next grace day, against late fees', () => {
      const [advice] = adviceFor({ dueFen: 96000, paidFen: 0, arrearsFen: 96000, refundFen: 0 }, TODAY)
      expect(advice.kind).to.equal('arrears')
      expect(advice.title).to.contain('¥960.00')
      expect(advice.text).to.contain('税务缴费渠道').and.to.contain('2026-12-15').and.to.contain('滞纳金')
    })
    it('sends a refund to the social-security window or the tax office', () => {
      const advice = adviceFor({ dueFen: 96000, paidFen: 100000, arrearsFen: 96000, refundFen: 4000 }, TODAY)
      expect(advice.map((a) => a.kind)).to.deep.equal(['arrears', 'refund'])
      expect(advice[1].title).to.contain('¥40.00')
      expect(advice[1].text).to.contain('社保经办窗口').and.to.contain('税务')
    })
  })

  describe('reading the API', () => {
    it('reads a binding, and refuses a body without the masked number', () => {
      expect(parseBinding({ idNumberMasked: '110105********002X', name: '王芳', boundAt: '2026-11-23T04:00:00.000Z' })).to.deep.equal({
        idNumberMasked: '110105********002X',
        name: '王芳',
        boundAt: '2026-11-23T04:00:00.000Z',
      })
      expect(parseBinding({ name: '王芳' })).to.equal(null)
      expect(parseBinding('nope')).to.equal(null)
    })

    it('reads fees leniently: names filled in, amounts as numbers, broken months dropped', () => {
      const fees = parseFees({
        payer: { idNumberMasked: '110105********002X', name: '王芳', boundAt: 'x' },
        months: [
          { period: '2026-03', types: [{ type: 'pension', dueFen: 96000, paidFen: '96000', status: 'paid' }, { nope: true }] },
          { period: '2026-3', types: [] },
          null,
        ],
        totals: { dueFen: 96000, paidFen: 96000 },
      })
      expect(fees?.months).to.deep.equal([
        { period: '2026-03', types: [{ type: 'pension', typeName: '养老保险', dueFen: 96000, paidFen: 96000, status: 'paid', statusName: '已缴' }] },
      ])
      expect(fees?.totals).to.deep.equal({ dueFen: 96000, paidFen: 96000, arrearsFen: 0, refundFen: 0 })
      expect(fees?.payer?.name).to.equal('王芳')
      expect(parseFees({ totals: {} })).to.equal(null)
    })

    describe('parseCertificate shows the check address under /api/v1, however the API wrote it', () => {
      const base = { code: 'AB12CD34EF56', from: '2026-01', to: '2026-12', payerMasked: '110105********002X', nameMasked: '王*', totals: { dueFen: 1, paidFen: 1 }, issuedAt: 'x' }
      const cases: [unknown, string][] = [
        ['/api/v1/fees/certificates/AB12CD34EF56', '/api/v1/fees/certificates/AB12CD34EF56'],
        ['/fees/certificates/AB12CD34EF56', '/api/v1/fees/certificates/AB12CD34EF56'],
        ['https://weave.city/api/v1/fees/certificates/AB12CD34EF56', '/api/v1/fees/certificates/AB12CD34EF56'],
        [undefined, '/api/v1/fees/certificates/AB12CD34EF56'],
      ]
      for (const [given, path] of cases) {
        it(`${String(given)} → ${path}`, () => expect(parseCertificate({ ...base, verifyPath: given })?.verifyPath).to.equal(path))
      }
      it('refuses a certificate without a code', () => {
        expect(parseCertificate({ ...base, code: '' })).to.equal(null)
      })
    })

    it('says where anyone checks the certificate, and copies the code with the full address', () => {
      const certificate = { code: 'AB12CD34EF56', verifyPath: certificatePath('AB12CD34EF56') }
      expect(verifyText(certificate)).to.equal('任何人可在 /api/v1/fees/certificates/AB12CD34EF56 核验')
      expect(clipboardText(certificate, 'https://weave.city/')).to.equal('缴费证明核验码：AB12CD34EF56\n核验地址：https://weave.city/api/v1/fees/certificates/AB12CD34EF56')
    })
  })

  describe('the bind form', () => {
    it('accepts a number with a valid check digit and a name', () => {
      expect(validateBind({ idNumber: VALID_ID, name: '王芳' }, TODAY)).to.deep.equal([])
    })
    it('catches a wrong check digit and a missing name before anything is sent', () => {
      expect(validateBind({ idNumber: '110105194912310021', name: ' ' }, TODAY)).to.deep.equal([
        { field: 'idNumber', message: '身份证号校验位不正确，请核对每一位' },
        { field: 'name', message: '请填写姓名' },
      ])
    })
    it('sends the number as the API spells it and the name trimmed', () => {
      expect(bindBody({ idNumber: ' 11010519491231002x ', name: ' 王芳 ' })).to.deep.equal({ idNumber: VALID_ID, name: '王芳' })
    })
  })
})
