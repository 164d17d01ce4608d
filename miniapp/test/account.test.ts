import { expect } from 'chai'
import { DEFAULT_DEMO_NAME, demoName, displayName, greeting, readAccount, readDevCode } from '../src/services/account'

describe('account', () => {
  it('greets a resident without a nickname by number', () => {
    expect(greeting({ kind: 'resident', id: 7, nickname: null })).to.equal('您好，居民 #7')
    expect(displayName({ kind: 'resident', id: 7, nickname: '  ' })).to.equal('居民 #7')
    expect(displayName({ kind: 'resident', id: 7, nickname: '小林' })).to.equal('小林')
  })

  it('reads the dev code from the H5 demo endpoint', () => {
    expect(readDevCode({ code: 'dev:resident' })).to.equal('dev:resident')
    expect(readDevCode('dev:resident')).to.equal('dev:resident')
    expect(readDevCode({})).to.equal(null)
    expect(readDevCode(null)).to.equal(null)
  })

  it('falls back to the default demo account for an empty name', () => {
    expect(demoName('  ')).to.equal(DEFAULT_DEMO_NAME)
    expect(demoName(undefined)).to.equal('resident')
    expect(demoName(' alice ')).to.equal('alice')
  })

  it('reads the account of GET /me bare or wrapped', () => {
    const user = { kind: 'resident', id: 7, nickname: null }
    expect(readAccount(user)).to.deep.equal(user)
    expect(readAccount({ user })).to.deep.equal(user)
    expect(readAccount({ id: 7 })).to.equal(null)
  })

  it('keeps the verified phone of a resident when GET /me names it', () => {
    const user = { kind: 'resident', id: 7, nickname: null }
    expect(readAccount({ ...user, phone: '138****8000' })).to.deep.equal({ ...user, phone: '138****8000' })
    expect(readAccount({ ...user, phone: null })).to.deep.equal({ ...user, phone: null })
    expect(readAccount(user)).to.not.have.property('phone')
  })
})
