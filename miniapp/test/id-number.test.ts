import { expect } from 'chai'
import {
  birthDateOf,
  checkDigit,
  ID_NUMBER_MESSAGES,
  isCalendarDate,
  isValidIdNumber,
  maskIdNumber,
  normalizeIdNumber,
  sexOf,
  validateIdNumber,
  type IdNumberProblem,
} from '../src/services/id-number'

// Check digits worked out by hand from GB 11643-1999 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 →
// 1 0 X 9 8 7 6 5 4 3 2), not by the code under test.
const VALID: { id: string; birthDate: string; sex: 'male' | 'female'; note: string }[] = [
  { id: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', note: 'the standard\'s own example, check digit X' },
  { id: '44030619900307007X', birthDate: '1990-03-07', sex: 'male', note: 'check digit X, a man' },
  { id: '440306199003071232', birthDate: '1990-03-07', sex: 'male', note: 'an ordinary number' },
  { id: '440306200012314561', birthDate: '2000-12-31', sex: 'female', note: 'born on the last day of a leap century year' },
  { id: '440306198402291238', birthDate: '1984-02-29', sex: 'male', note: 'born on 29 February of a leap year' },
  { id: '320102197806151233', birthDate: '1978-06-15', sex: 'male', note: 'another province' },
]

const INVALID: { input: string; problem: IdNumberProblem; note: string }[] = [
  { input: '', problem: 'empty', note: 'nothing typed' },
  { input: '   ', problem: 'empty', note: 'only spaces' },
  { input: '11010519491231002', problem: 'length', note: '17 characters' },
  { input: '11010519491231002X1', problem: 'length', note: '19 characters' },
  { input: '110105491231002', problem: 'length', note: 'an old 15-digit number' },
  { input: '1101051949123100XX', problem: 'format', note: 'X before the last place' },
  { input: '11010519491231002A', problem: 'format', note: 'a letter other than X at the end' },
  { input: '11010519491231002Y', problem: 'format', note: 'Y instead of X' },
  { input: '110105194912310021', problem: 'check-digit', note: 'wrong check digit (X expected)' },
  { input: '440306199003071233', problem: 'check-digit', note: 'wrong check digit (2 expected)' },
  { input: '440306199003071X32', problem: 'format', note: 'a letter in the middle' },
  { input: '440306198502291235', problem: 'date', note: '29 February 1985 (not a leap year), check digit right' },
  { input: '440306199013011233', problem: 'date', note: 'month 13, check digit right' },
  { input: '440306179912311231', problem: 'date', note: 'born in 1799, check digit right' },
  { input: '440524188001010014', problem: 'date', note: 'the widely used sample number, born in 1880 (the API refuses years before 1900)' },
  { input: '440306189912311230', problem: 'date', note: 'born on 31 December 1899, check digit right' },
  { input: '440306199004311234', problem: 'date', note: '31 April, check digit right' },
  { input: '440306199003001234', problem: 'date', note: 'day 0, check digit right' },
]

describe('id-number', () => {
  describe('checkDigit', () => {
    for (const { id, note } of VALID) {
      it(`gives ${id[17]} for ${id.slice(0, 17)} (${note})`, () => {
        expect(checkDigit(id.slice(0, 17))).to.equal(id[17])
      })
    }
    it('gives null for anything but 17 digits', () => {
      expect(checkDigit('1101051949123100')).to.equal(null)
      expect(checkDigit('1101051949123100X')).to.equal(null)
    })
  })

  describe('validateIdNumber accepts valid numbers', () => {
    for (const { id, note } of VALID) {
      it(`accepts ${id} (${note})`, () => {
        expect(validateIdNumber(id, '2026-11-23')).to.deep.equal({ ok: true, idNumber: id })
      })
    }
  })

  describe('validateIdNumber refuses invalid numbers, naming the first problem', () => {
    for (const { input, problem, note } of INVALID) {
      it(`refuses ${JSON.stringify(input)}: ${problem} (${note})`, () => {
        const result = validateIdNumber(input, '2026-11-23')
        expect(result).to.deep.equal({ ok: false, problem, message: ID_NUMBER_MESSAGES[problem] })
      })
    }
  })

  it('accepts a lower-case x, spaces and full-width digits as phones type them, and gives the number back clean', () => {
    expect(validateIdNumber('110105 19491231 002x')).to.deep.equal({ ok: true, idNumber: '11010519491231002X' })
    expect(validateIdNumber('４４０３０６１９９００３０７１２３２')).to.deep.equal({ ok: true, idNumber: '440306199003071232' })
    expect(normalizeIdNumber(' 44030619900307007ｘ ')).to.equal('44030619900307007X')
  })

  it('refuses a birth date after today only when it knows today', () => {
    // 2030-01-01 with a correct check digit.
    expect(validateIdNumber('440306203001011235', '2026-11-23')).to.include({ ok: false, problem: 'date' })
    expect(validateIdNumber('440306203001011235')).to.deep.equal({ ok: true, idNumber: '440306203001011235' })
    expect(isValidIdNumber('440306199003071232', '1990-03-07')).to.equal(true)
    expect(isValidIdNumber('440306199003071232', '1990-03-06')).to.equal(false)
  })

  it('reads sex from the 17th digit and the birth date from digits 7–14', () => {
    for (const { id, sex, birthDate } of VALID) {
      expect(sexOf(id), id).to.equal(sex)
      expect(birthDateOf(id), id).to.equal(birthDate)
    }
    expect(sexOf('4403061990030712')).to.equal(null)
    expect(birthDateOf('440306199013011233')).to.equal(null)
  })

  it('knows the calendar', () => {
    const cases: [number, number, number, boolean][] = [
      [2000, 2, 29, true],
      [1900, 2, 29, false],
      [2024, 2, 29, true],
      [2023, 2, 29, false],
      [2023, 4, 30, true],
      [2023, 4, 31, false],
      [2023, 12, 31, true],
      [2023, 0, 10, false],
      [2023, 13, 1, false],
    ]
    for (const [y, m, d, ok] of cases) expect(isCalendarDate(y, m, d), `${y}-${m}-${d}`).to.equal(ok)
  })

  it('masks a number as the API does: the first 6 and the last 4 characters', () => {
    expect(maskIdNumber('440306199003071232')).to.equal('440306********1232')
    expect(maskIdNumber('11010519491231002x')).to.equal('110105********002X')
    expect(maskIdNumber('1234567')).to.equal('12***67')
    expect(maskIdNumber('123')).to.equal('***')
  })
})
