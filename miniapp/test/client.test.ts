import { expect } from 'chai'
import { createHttpClient, newIdempotencyKey, SESSION_EXPIRED_MESSAGE, SIGN_IN_REQUIRED_MESSAGE, type Transport } from '../src/services/client'
import { ApiError, NETWORK_MESSAGE } from '../src/services/problem'
import { SessionStore } from '../src/services/session'
import { fakeTransport, json, MemoryStorage, minutesFromNow, NOW, problem, session } from './helpers'

function setup(transport: Transport, options: { signedIn?: ReturnType<typeof session> | null; baseUrl?: string } = {}) {
  const sessions = new SessionStore(new MemoryStorage())
  const signedIn = options.signedIn === undefined ? session() : options.signedIn
  if (signedIn) sessions.set(signedIn)
  let expired = 0
  const client = createHttpClient({
    baseUrl: options.baseUrl ?? 'http://localhost:3000',
    transport,
    sessions,
    now: () => NOW,
    onSessionExpired: () => {
      expired += 1
    },
  })
  return { client, sessions, expiredCount: () => expired }
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).to.be.instanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected the request to fail')
}

const renewed = session({ accessToken: 'access-2', refreshToken: 'refresh-2', expiresAt: minutesFromNow(15) })

describe('http client', () => {
  describe('requests', () => {
    it('calls /api/v1 on the configured origin with the bearer token and a query string for GET', async () => {
      const { transport, calls } = fakeTransport(() => json(200, { items: [] }))
      const { client } = setup(transport, { baseUrl: 'http://localhost:3000/' })
      const body = await client.request('GET', '/grids/locate', { data: { lat: 22.5, lng: 113.9, coordSystem: 'gcj02', q: undefined } })
      expect(body).to.deep.equal({ items: [] })
      expect(calls).to.have.length(1)
      expect(calls[0].url).to.equal('http://localhost:3000/api/v1/grids/locate?lat=22.5&lng=113.9&coordSystem=gcj02')
      expect(calls[0].method).to.equal('GET')
      expect(calls[0].header.Authorization).to.equal('Bearer access-1')
      expect(calls[0].data).to.equal(undefined)
    })

    it('uses the same origin in H5 (base "")', async () => {
      const { transport, calls } = fakeTransport(() => json(200, {}))
      const { client } = setup(transport, { baseUrl: '' })
      await client.request('GET', '/me')
      expect(calls[0].url).to.equal('/api/v1/me')
    })

    it('sends a JSON body with the Idempotency-Key of a creating POST', async () => {
      const { transport, calls } = fakeTransport(() => json(201, { code: 'E-1' }))
      const { client } = setup(transport)
      await client.request('POST', '/reports', { data: { description: '井盖缺失' }, idempotencyKey: 'key-123' })
      expect(calls[0].data).to.deep.equal({ description: '井盖缺失' })
      expect(calls[0].header['Content-Type']).to.equal('application/json')
      expect(calls[0].header['Idempotency-Key']).to.equal('key-123')
    })

    it('sends a DELETE\'s data as a JSON body (DELETE /me {confirm}) and answers 204 with nothing', async () => {
      const { transport, calls } = fakeTransport(() => ({ statusCode: 204, data: '' }))
      const { client } = setup(transport)
      const body = await client.request('DELETE', '/me', { auth: true, data: { confirm: '注销' } })
      expect(body).to.equal(undefined)
      expect(calls[0].url).to.equal('http://localhost:3000/api/v1/me')
      expect(calls[0].data).to.deep.equal({ confirm: '注销' })
      expect(calls[0].header['Content-Type']).to.equal('application/json')
    })

    it('never sends the token to sign-in endpoints (auth: false)', async () => {
      const { transport, calls } = fakeTransport(() => json(200, {}))
      const { client } = setup(transport)
      await client.request('POST', '/auth/wechat', { data: { code: 'c' }, auth: false })
      expect(calls[0].header).to.not.have.property('Authorization')
    })

    it('answers 401 「请先登录」 without a round trip when a signed-in call has no session', async () => {
      const { transport, calls } = fakeTransport(() => json(200, {}))
      const { client } = setup(transport, { signedIn: null })
      const error = await rejection(client.request('GET', '/me', { auth: true }))
      expect(error.status).to.equal(401)
      expect(error.detail).to.equal(SIGN_IN_REQUIRED_MESSAGE)
      expect(calls).to.have.length(0)
    })

    it('returns undefined for 204 No Content', async () => {
      const { transport } = fakeTransport(() => ({ statusCode: 204, data: null }))
      const { client } = setup(transport)
      expect(await client.request('POST', '/auth/logout', { data: { refreshToken: 'r' }, auth: false })).to.equal(undefined)
    })

    it('throws the API\'s problem as an ApiError', async () => {
      const { transport } = fakeTransport(() => problem(503, 'upstream-unavailable', '微信服务暂时不可用', '请稍后重试'))
      const { client } = setup(transport, { signedIn: null })
      const error = await rejection(client.request('POST', '/auth/wechat', { data: { code: 'c' }, auth: false }))
      expect(error.status).to.equal(503)
      expect(error.code).to.equal('upstream-unavailable')
      expect(error.detail).to.equal('请稍后重试')
    })

    it('turns a failed transport into 「网络不可用，请稍后重试」', async () => {
      const { client } = setup(async () => {
        throw { errMsg: 'request:fail timeout' }
      })
      const error = await rejection(client.request('GET', '/me'))
      expect(error.status).to.equal(0)
      expect(error.detail || error.title).to.equal(NETWORK_MESSAGE)
    })

    it('sends a raw multipart body as is, with its own Content-Type, key and timeout, and again after a refresh', async () => {
      const bytes = new Uint8Array([1, 2, 3]).buffer
      let first = true
      const { transport, calls } = fakeTransport((req) => {
        if (req.url.endsWith('/auth/refresh')) return json(200, renewed)
        if (first) {
          first = false
          return problem(401, 'unauthenticated', '未登录')
        }
        return json(201, { code: 'BA-1' })
      })
      const { client } = setup(transport)
      const body = await client.request('POST', '/reports', {
        auth: true,
        idempotencyKey: 'mp-key-1',
        body: { data: bytes, contentType: 'multipart/form-data; boundary=B' },
        timeoutMs: 60_000,
      })
      expect(body).to.deep.equal({ code: 'BA-1' })
      const posts = calls.filter((c) => c.url.endsWith('/reports'))
      expect(posts).to.have.length(2)
      for (const call of posts) {
        expect(call.data).to.equal(bytes)
        expect(call.header['Content-Type']).to.equal('multipart/form-data; boundary=B')
        expect(call.header['Idempotency-Key']).to.equal('mp-key-1')
        expect(call.timeout).to.equal(60_000)
      }
      expect(posts[1].header.Authorization).to.equal('Bearer access-2')
    })
  })

  describe('refresh on 401', () => {
    it('refreshes once with the refresh token, keeps the new session and retries with the new token', async () => {
      const { transport, calls } = fakeTransport((req) => {
        if (req.url.endsWith('/auth/refresh')) return json(200, renewed)
        return req.header.Authorization === 'Bearer access-2' ? json(200, { id: 7 }) : problem(401, 'unauthenticated', '未登录', '令牌已失效')
      })
      const { client, sessions } = setup(transport)
      expect(await client.request('GET', '/me', { auth: true })).to.deep.equal({ id: 7 })
      expect(calls.map((c) => `${c.method} ${c.url.replace('http://localhost:3000', '')}`)).to.deep.equal([
        'GET /api/v1/me',
        'POST /api/v1/auth/refresh',
        'GET /api/v1/me',
      ])
      expect(calls[1].data).to.deep.equal({ refreshToken: 'refresh-1' })
      expect(calls[1].header).to.not.have.property('Authorization')
      expect(sessions.get()?.accessToken).to.equal('access-2')
      expect(sessions.get()?.refreshToken).to.equal('refresh-2')
    })

    it('retries only once: a second 401 is thrown, not refreshed again', async () => {
      const { transport, calls } = fakeTransport((req) =>
        req.url.endsWith('/auth/refresh') ? json(200, renewed) : problem(401, 'unauthenticated', '未登录', '令牌已失效'),
      )
      const { client } = setup(transport)
      const error = await rejection(client.request('GET', '/me', { auth: true }))
      expect(error.status).to.equal(401)
      expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).to.have.length(1)
      expect(calls).to.have.length(3)
    })

    it('ends the session when the API refuses the refresh token', async () => {
      const { transport, calls } = fakeTransport(() => problem(401, 'unauthenticated', '未登录', '刷新令牌无效'))
      const { client, sessions, expiredCount } = setup(transport)
      const error = await rejection(client.request('GET', '/me', { auth: true }))
      expect(error.status).to.equal(401)
      expect(error.detail).to.equal(SESSION_EXPIRED_MESSAGE)
      expect(sessions.get()).to.equal(null)
      expect(expiredCount()).to.equal(1)
      expect(calls).to.have.length(2)
    })

    it('keeps the session when the refresh fails on the network', async () => {
      const { client, sessions } = setup(async (req) => {
        if (req.url.endsWith('/auth/refresh')) throw new Error('offline')
        return problem(401, 'unauthenticated', '未登录')
      })
      const error = await rejection(client.request('GET', '/me', { auth: true }))
      expect(error.status).to.equal(0)
      expect(sessions.get()?.accessToken).to.equal('access-1')
    })

    it('keeps the session when the refresh endpoint is down (5xx)', async () => {
      const { transport } = fakeTransport((req) =>
        req.url.endsWith('/auth/refresh') ? problem(500, 'internal', '服务器内部错误') : problem(401, 'unauthenticated', '未登录'),
      )
      const { client, sessions } = setup(transport)
      const error = await rejection(client.request('GET', '/me', { auth: true }))
      expect(error.status).to.equal(500)
      expect(sessions.get()).to.not.equal(null)
    })

    it('shares one refresh between parallel requests (refresh tokens are single-use)', async () => {
      let refreshes = 0
      const { transport, calls } = fakeTransport(async (req) => {
        if (req.url.endsWith('/auth/refresh')) {
          refreshes += 1
          await new Promise((resolve) => setTimeout(resolve, 5))
          return json(200, renewed)
        }
        return req.header.Authorization === 'Bearer access-2' ? json(200, { url: req.url }) : problem(401, 'unauthenticated', '未登录')
      })
      const { client } = setup(transport)
      const results = await Promise.all([client.request('GET', '/a'), client.request('GET', '/b'), client.request('GET', '/c')])
      expect(results).to.have.length(3)
      expect(refreshes).to.equal(1)
      expect(calls.filter((c) => c.header.Authorization === 'Bearer access-2')).to.have.length(3)
    })

    it('keeps the known user when the refresh answer leaves it out', async () => {
      const { user: _user, ...withoutUser } = renewed
      const { transport } = fakeTransport((req) => {
        if (req.url.endsWith('/auth/refresh')) return json(200, withoutUser)
        return req.header.Authorization === 'Bearer access-2' ? json(200, {}) : problem(401, 'unauthenticated', '未登录')
      })
      const { client, sessions } = setup(transport)
      await client.request('GET', '/me')
      expect(sessions.get()?.user).to.deep.equal({ kind: 'resident', id: 7, nickname: null })
    })

    it('does not refresh on a 401 from a call sent without a token', async () => {
      const { transport, calls } = fakeTransport(() => problem(401, 'unauthenticated', '未登录', '微信登录凭证无效'))
      const { client, sessions } = setup(transport)
      const error = await rejection(client.request('POST', '/auth/wechat', { data: { code: 'bad' }, auth: false }))
      expect(error.detail).to.equal('微信登录凭证无效')
      expect(calls).to.have.length(1)
      expect(sessions.get()).to.not.equal(null)
    })

    it('retries an optional-auth call without the token when the session cannot be renewed', async () => {
      const { transport, calls } = fakeTransport((req) => {
        if (req.url.endsWith('/auth/refresh')) return problem(401, 'unauthenticated', '未登录')
        return req.header.Authorization ? problem(401, 'unauthenticated', '未登录') : json(200, { public: true })
      })
      const { client } = setup(transport)
      expect(await client.request('GET', '/meta')).to.deep.equal({ public: true })
      expect(calls).to.have.length(3)
    })
  })

  describe('expiry before sending', () => {
    it('refreshes an expired access token before the request instead of waiting for a 401', async () => {
      const { transport, calls } = fakeTransport((req) => (req.url.endsWith('/auth/refresh') ? json(200, renewed) : json(200, { ok: true })))
      const { client } = setup(transport, { signedIn: session({ expiresAt: minutesFromNow(-1) }) })
      await client.request('GET', '/me', { auth: true })
      expect(calls.map((c) => c.url.replace('http://localhost:3000', ''))).to.deep.equal(['/api/v1/auth/refresh', '/api/v1/me'])
      expect(calls[1].header.Authorization).to.equal('Bearer access-2')
    })

    it('signs out without a round trip when the refresh token has expired too', async () => {
      const { transport, calls } = fakeTransport(() => json(200, {}))
      const { client, sessions, expiredCount } = setup(transport, {
        signedIn: session({ expiresAt: minutesFromNow(-60), refreshExpiresAt: minutesFromNow(-1) }),
      })
      const error = await rejection(client.request('GET', '/me', { auth: true }))
      expect(error.status).to.equal(401)
      expect(calls).to.have.length(0)
      expect(sessions.get()).to.equal(null)
      expect(expiredCount()).to.equal(1)
    })
  })

  it('makes distinct idempotency keys of visible characters', () => {
    const a = newIdempotencyKey()
    const b = newIdempotencyKey()
    expect(a).to.not.equal(b)
    expect(a).to.match(/^[\x21-\x7e]{1,128}$/)
    expect(newIdempotencyKey(() => 0, () => 0)).to.equal('mp-0-00')
  })
})
