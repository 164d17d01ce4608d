import { expect } from 'chai'
import { canRefresh, isAccessTokenFresh, isSessionAlive, parseSession, SESSION_STORAGE_KEY, SessionStore } from '../src/services/session'
import { MemoryStorage, minutesFromNow, NOW, session } from './helpers'

describe('session', () => {
  describe('expiry', () => {
    const cases: Array<[string, string, boolean]> = [
      ['15 minutes left', minutesFromNow(15), true],
      ['one minute left', minutesFromNow(1), true],
      ['20 seconds left (inside the 30 s margin)', new Date(NOW.getTime() + 20_000).toISOString(), false],
      ['expired a minute ago', minutesFromNow(-1), false],
      ['an unreadable date', 'not-a-date', false],
    ]
    for (const [name, expiresAt, fresh] of cases) {
      it(`treats an access token with ${name} as ${fresh ? 'fresh' : 'expired'}`, () => {
        expect(isAccessTokenFresh(session({ expiresAt }), NOW)).to.equal(fresh)
      })
    }

    it('can refresh until the refresh token expires', () => {
      expect(canRefresh(session(), NOW)).to.equal(true)
      expect(canRefresh(session({ refreshExpiresAt: minutesFromNow(-1) }), NOW)).to.equal(false)
    })

    it('keeps a session alive while either token is usable', () => {
      expect(isSessionAlive(session({ expiresAt: minutesFromNow(-5) }), NOW)).to.equal(true)
      expect(isSessionAlive(session({ expiresAt: minutesFromNow(-5), refreshExpiresAt: minutesFromNow(-1) }), NOW)).to.equal(false)
    })
  })

  describe('parseSession', () => {
    it('accepts the session of docs/api.md', () => {
      expect(parseSession(session())).to.deep.equal(session())
    })

    it('defaults the token type to Bearer', () => {
      const { tokenType: _ignored, ...rest } = session()
      expect(parseSession(rest)?.tokenType).to.equal('Bearer')
    })

    it('rejects anything malformed', () => {
      expect(parseSession(null)).to.equal(null)
      expect(parseSession('token')).to.equal(null)
      expect(parseSession({ ...session(), accessToken: '' })).to.equal(null)
      expect(parseSession({ ...session(), user: { kind: 'visitor', id: 1 } })).to.equal(null)
      expect(parseSession({ ...session(), user: { kind: 'resident', id: '7' } })).to.equal(null)
    })
  })

  describe('a device clock that is off', () => {
    it('counts an API answer\'s expiries from when it arrived, whatever the server\'s clock said', () => {
      // The server thinks it is three hours earlier than this phone: its absolute expiry is already past here.
      const serverNow = new Date(NOW.getTime() - 3 * 3600_000)
      const answer = { ...session(), expiresAt: new Date(serverNow.getTime() + 900_000).toISOString(), expiresIn: 900, refreshExpiresAt: new Date(serverNow.getTime() + 30 * 86400_000).toISOString(), refreshExpiresIn: 30 * 86400 }
      expect(isAccessTokenFresh(parseSession(answer)!, NOW)).to.equal(false)
      const local = parseSession(answer, NOW)!
      expect(local.expiresAt).to.equal(new Date(NOW.getTime() + 900_000).toISOString())
      expect(isAccessTokenFresh(local, NOW)).to.equal(true)
      expect(canRefresh(local, new Date(NOW.getTime() + 29 * 86400_000))).to.equal(true)
    })
    it('keeps the stated expiry when the answer does not say how long it lasts', () => {
      const answer = session()
      expect(parseSession(answer, NOW)!.expiresAt).to.equal(answer.expiresAt)
    })
  })

  describe('SessionStore', () => {
    it('keeps the session in storage as JSON and reads it back', () => {
      const storage = new MemoryStorage()
      const store = new SessionStore(storage)
      store.set(session())
      expect(JSON.parse(storage.map.get(SESSION_STORAGE_KEY) ?? 'null')).to.deep.equal(session())
      expect(new SessionStore(storage).get()).to.deep.equal(session())
    })

    it('tells subscribers about sign-in and sign-out until they unsubscribe', () => {
      const store = new SessionStore(new MemoryStorage())
      const seen: Array<number | null> = []
      const unsubscribe = store.subscribe((s) => seen.push(s ? s.user.id : null))
      store.set(session())
      store.clear()
      unsubscribe()
      store.set(session())
      expect(seen).to.deep.equal([7, null])
      expect(store.get()?.user.id).to.equal(7)
    })

    it('reads corrupt or missing storage as no session', () => {
      const storage = new MemoryStorage()
      const store = new SessionStore(storage)
      expect(store.get()).to.equal(null)
      storage.set(SESSION_STORAGE_KEY, '{not json')
      expect(store.get()).to.equal(null)
      const throwing = new SessionStore({ get: () => { throw new Error('storage unavailable') }, set: () => undefined, remove: () => undefined })
      expect(throwing.get()).to.equal(null)
    })
  })
})
