import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';

describe('WeChat sign-in', () => {
  let t: TestApp;
  beforeEach(async () => { t = await bootApp({ seed: false }); });
  afterEach(async () => { await t.close(); });

  it('turns a login code into a session and creates the person once', async () => {
    const first = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' }).expect(200);
    expect(first.body.tokenType).to.equal('Bearer');
    expect(first.body.user).to.include({ kind: 'resident' });
    expect(new Date(first.body.expiresAt).getTime() - t.clock.now().getTime()).to.equal(900_000);
    const second = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' }).expect(200);
    expect(second.body.user.id).to.equal(first.body.user.id);
    expect(await t.db.models.Person.count({ where: { openid: 'dev-amy' } })).to.equal(1);
    expect(first.body).to.include({ expiresIn: 900, refreshExpiresIn: 30 * 86400 });
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);
    expect(me.body).to.deep.equal({ kind: 'resident', id: first.body.user.id, nickname: null, phone: null });
  });

  it('answers an invalid code with 401 and creates nobody', async () => {
    const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'not-a-dev-code' }).expect(401);
    expect(res.body.type).to.match(/unauthenticated$/);
    expect(res.body.detail).to.contain('微信登录凭证无效');
    expect(await t.db.models.Person.count()).to.equal(0);
  });

  it('passes on WeChat\'s own refusals: too frequent → 429, high-risk user → 403, busy → 503', async () => {
    await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:!frequent' }).expect(429);
    await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:!risky' }).expect(403);
    const busy = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:!busy' }).expect(503);
    expect(busy.body.type).to.match(/upstream-unavailable$/);
  });

  it('answers 503 with a clear problem when the WeChat API cannot be reached', async () => {
    await t.standIn.close();
    const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' }).expect(503);
    expect(res.body.type).to.match(/upstream-unavailable$/);
    expect(res.body.detail).to.contain('暂时无法连接微信服务');
  });

  it('refuses an expired access token with 401 once the clock passes its expiry', async () => {
    const { accessToken } = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' }).expect(200)).body;
    t.clock.advance(899_000);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`).expect(200);
    t.clock.advance(2_000);
    const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${accessToken}`).expect(401);
    expect(res.body.detail).to.contain('过期');
    expect(res.headers['www-authenticate']).to.match(/^Bearer/);
  });

  it('refuses a forged or malformed token with 401', async () => {
    const { accessToken } = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' }).expect(200)).body;
    const [h, p, s] = accessToken.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), kind: 'staff', role: 'admin' })).toString('base64url')}.${s}`;
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${forged}`).expect(401);
    await t.http.get('/api/v1/me').set('Authorization', 'Basic abc').expect(401);
    await t.http.get('/api/v1/me').expect(401);
  });

  it('rotates refresh tokens and ends every session when a used one comes back', async () => {
    const first = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' }).expect(200)).body;
    const second = (await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.to.equal(first.refreshToken);
    await t.http.get('/api/v1/me').set('Authorization', `Bearer ${second.accessToken}`).expect(200);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    // The replay revoked the newer session too: whoever stole the token cannot keep it alive.
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
  });

  it('ends a session on logout', async () => {
    const s = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' }).expect(200)).body;
    await t.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken }).expect(204);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
  });

  it('refuses a refresh token past its 30 days', async () => {
    const s = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' }).expect(200)).body;
    t.clock.advance(31 * 86400_000);
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
  });

  it('hands the H5 build a dev: code from the stand-in, which signs in', async () => {
    const { code } = (await t.http.get('/api/v1/auth/dev-code?name=resident').expect(200)).body;
    expect(code).to.equal('dev:resident');
    await t.http.post('/api/v1/auth/wechat').send({ code }).expect(200);
    await t.http.get('/api/v1/auth/dev-code?name=bad%20name').expect(422);
  });
});

describe('WeChat sign-in in production', () => {
  it('refuses the dev-code path with 404 while real codes still work', async () => {
    const t = await bootApp({ seed: false, env: { NODE_ENV: 'production', TOKEN_KEY: 'a'.repeat(64), ENCRYPTION_KEY: 'b'.repeat(64) } });
    try {
      const res = await t.http.get('/api/v1/auth/dev-code?name=resident').expect(404);
      expect(res.body.detail).to.contain('生产环境');
    } finally {
      await t.close();
    }
  });
});
