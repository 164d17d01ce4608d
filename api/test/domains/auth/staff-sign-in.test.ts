import { expect } from 'chai';
import { DEMO_PASSWORD } from '../../../src/db/seed/demo';
import { bootApp, type TestApp } from '../../helpers/app';

describe('staff sign-in', () => {
  let t: TestApp;
  before(async () => { t = await bootApp(); });
  after(async () => { await t.close(); });

  it('signs a dispatcher in with username and password and names the role in Chinese', async () => {
    const res = await t.http.post('/api/v1/auth/staff').send({ username: 'dispatcher', password: DEMO_PASSWORD }).expect(200);
    expect(res.body.user).to.include({ kind: 'staff', username: 'dispatcher', role: 'dispatcher', roleName: '分拨员' });
    expect(res.body.user).not.to.have.property('passwordHash');
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await t.http.post('/api/v1/auth/staff').send({ username: 'dispatcher', password: 'nope-nope' }).expect(401);
    const unknown = await t.http.post('/api/v1/auth/staff').send({ username: 'nobody', password: 'nope-nope' }).expect(401);
    expect(wrong.body.detail).to.equal(unknown.body.detail);
  });

  it('stops guessing after 5 failures for 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 5; i++) await t.http.post('/api/v1/auth/staff').send({ username: 'handler', password: `guess-${i}` }).expect(401);
    const locked = await t.http.post('/api/v1/auth/staff').send({ username: 'handler', password: DEMO_PASSWORD }).expect(429);
    expect(locked.body.type).to.match(/rate-limited$/);
    t.clock.advance(15 * 60_000 + 1);
    await t.http.post('/api/v1/auth/staff').send({ username: 'handler', password: DEMO_PASSWORD }).expect(200);
  });

  it('refuses a deactivated account', async () => {
    await t.db.models.Staff.update({ active: false }, { where: { username: 'gridworker' } });
    const res = await t.http.post('/api/v1/auth/staff').send({ username: 'gridworker', password: DEMO_PASSWORD }).expect(401);
    expect(res.body.detail).to.contain('停用');
    await t.db.models.Staff.update({ active: true }, { where: { username: 'gridworker' } });
  });

  it('stores passwords as scrypt hashes, never in clear', async () => {
    const row = await t.db.models.Staff.findOne({ where: { username: 'admin' }, raw: true });
    expect(row!.passwordHash).to.match(/^scrypt\$16384\$8\$1\$/);
    expect(row!.passwordHash).not.to.contain(DEMO_PASSWORD);
  });
});
