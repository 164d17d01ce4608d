import { expect } from 'chai'
import {
  DEMO_PHONE,
  isMobileNumber,
  normalizePhone,
  PHONE_INVALID_MESSAGE,
  PHONE_REQUIRED_MESSAGE,
  phoneCodeFromEvent,
  phoneProblem,
  readPhoneVerification,
} from '../src/services/phone-number'

describe('phone-number', () => {
  describe('isMobileNumber accepts 11-digit mainland mobile numbers only', () => {
    const cases: [string | null | undefined, boolean, string][] = [
      ['13800138000', true, 'the demo number'],
      ['19912345678', true, 'a 19x number'],
      ['138 0013 8000', true, 'typed with spaces'],
      ['138-0013-8000', true, 'typed with dashes'],
      ['１３８００１３８０００', true, 'full-width digits'],
      ['1380013800', false, '10 digits'],
      ['138001380000', false, '12 digits'],
      ['23800138000', false, 'not starting with 1'],
      ['12345678901', false, 'no mobile network uses 12'],
      ['1380013800a', false, 'a letter'],
      ['+8613800138000', false, 'with the country code'],
      ['138****8000', false, 'a masked number'],
      ['', false, 'empty'],
      [null, false, 'null'],
      [undefined, false, 'undefined'],
    ]
    for (const [input, expected, label] of cases) {
      it(`${label}: ${String(input)} → ${expected}`, () => expect(isMobileNumber(input)).to.equal(expected))
    }
  })

  it('normalizes what people type', () => {
    expect(normalizePhone(' 138 0013-8000 ')).to.equal('13800138000')
    expect(normalizePhone('１３８')).to.equal('138')
  })

  it('names the problem of a phone field', () => {
    expect(phoneProblem(DEMO_PHONE)).to.equal(null)
    expect(phoneProblem('   ')).to.equal(PHONE_REQUIRED_MESSAGE)
    expect(phoneProblem('1380013800')).to.equal(PHONE_INVALID_MESSAGE)
  })

  it('reads the answer of POST /me/phone with a count or a list of houses', () => {
    expect(readPhoneVerification({ phone: '138****8000', landlordHouses: 2 })).to.deep.equal({ phone: '138****8000', landlordHouses: 2 })
    expect(readPhoneVerification({ phone: '138****8000', landlordHouses: [{ code: 'A' }] })).to.deep.equal({ phone: '138****8000', landlordHouses: 1 })
    expect(readPhoneVerification({ phone: '138****8000' })).to.deep.equal({ phone: '138****8000', landlordHouses: null })
    expect(readPhoneVerification({})).to.equal(null)
    expect(readPhoneVerification(null)).to.equal(null)
    expect(readPhoneVerification('ok')).to.equal(null)
  })

  it('reads the getPhoneNumber button: a code, a refusal or another failure', () => {
    expect(phoneCodeFromEvent({ errMsg: 'getPhoneNumber:ok', code: ' abc ' })).to.deep.equal({ kind: 'code', code: 'abc' })
    expect(phoneCodeFromEvent({ errMsg: 'getPhoneNumber:fail user deny' })).to.deep.equal({ kind: 'denied' })
    expect(phoneCodeFromEvent({ errMsg: 'getPhoneNumber:fail:user deny' })).to.deep.equal({ kind: 'denied' })
    expect(phoneCodeFromEvent({ errMsg: 'getPhoneNumber:fail user cancel' })).to.deep.equal({ kind: 'denied' })
    expect(phoneCodeFromEvent({ errMsg: 'getPhoneNumber:fail no permission' })).to.deep.equal({ kind: 'failed', errMsg: 'getPhoneNumber:fail no permission' })
    expect(phoneCodeFromEvent({ errMsg: 'getPhoneNumber:ok', code: '' })).to.deep.equal({ kind: 'failed', errMsg: 'getPhoneNumber:ok' })
    expect(phoneCodeFromEvent(undefined)).to.deep.equal({ kind: 'failed', errMsg: '' })
  })
})
