import { expect } from 'chai';
import { canonicalJson } from '../../src/canonical-json';
import { requestFingerprint } from '../../src/http/idempotency';
import { bootApp, type TestApp } from '../helpers/app';

describe('idempotency', () => {
  describe('the fingerprint', () => {
    it('does not depend on the order of fields', () => {
      expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).to.equal(canonicalJson({ a: { c: 'x', d: [1, 2] }, b: 1 }));
      expect(requestFingerprint('POST', '/r', { a: 1, b: 2 })).to.equal(requestFingerprint('POST', '/r', { b: 2, a: 1 }));
    });
    it('covers uploaded files by digest, in any order, so a new multipart boundary is the same request', () => {
      const a = requestFingerprint('POST', '/r', { x: 1 }, [{ field: 'photos', sha256: 'aa' }, { field: 'photos', sha256: 'bb' }]);
      const b = requestFingerprint('POST', '/r', { x: 1 }, [{ field: 'photos', sha256: 'bb' }, { field: 'photos', sha256: 'aa' }]);
      const c = requestFingerprint('POST', '/r', { x: 1 }, [{ field: 'photos', sha256: 'aa' }]);
      expect(a).to.equal(b);
      expect(a).not.to.equal(c);
    });
    it('tells different values and different paths apart', () => {
      expect(requestFingerprint('POST', '/r', { a: 1 })).not.to.equal(requestFingerprint('POST', '/r', { a: '1' }));
      expect(requestFingerprint('POST', '/r', { a: 1 })).not.to.equal(requestFingerprint('POST', '/s', { a: 1 }));
    });
  });

  describe('on POST /units', () => {
    let t: TestApp;
    let token: string;
    let districtId: number;
    before(async () => {
      t = await bootApp();
      token = await t.staffToken('admin');
      districtId = (await t.db.models.Region.findOne({ where: { code: '440306' }, raw: true }))!.id;
    });
    after(async () => { await t.close(); });

    const unit = (code: string) => ({ code, name: '宝安区应急管理局', type: 'public_security', regionId: districtId });

    it('replays the first response for a retry with the same key and creates nothing twice', async () => {
      const first = await t.http.post('/api/v1/units').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', 'k-unit-1').send(unit('BA-YJ')).expect(201);
      const again = await t.http.post('/api/v1/units').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', 'k-unit-1')
        .send({ regionId: districtId, type: 'public_security', name: '宝安区应急管理局', code: 'BA-YJ' }).expect(201);
      expect(again.body).to.deep.equal(first.body);
      expect(again.headers['idempotent-replayed']).to.equal('true');
      expect(await t.db.models.Unit.count({ where: { code: 'BA-YJ' } })).to.equal(1);
    });

    it('refuses the same key with a different request with 422', async () => {
      const res = await t.http.post('/api/v1/units').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', 'k-unit-1').send(unit('BA-YJ2')).expect(422);
      expect(res.body.type).to.match(/idempotency-key-reused$/);
      expect(await t.db.models.Unit.count({ where: { code: 'BA-YJ2' } })).to.equal(0);
    });

    it('keeps keys per caller: another staff member may use the same key', async () => {
      await t.db.models.Staff.update({ role: 'admin' }, { where: { username: 'supervisor' } });
      const other = await t.staffToken('supervisor');
      await t.http.post('/api/v1/units').set('Authorization', `Bearer ${other}`).set('Idempotency-Key', 'k-unit-1').send(unit('BA-YJ3')).expect(201);
    });

    it('forgets a failed attempt so the same key can be retried once the cause is fixed', async () => {
      await t.http.post('/api/v1/units').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', 'k-unit-2').send({ ...unit('BA-JT'), regionId: 999999 }).expect(422);
      await t.http.post('/api/v1/units').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', 'k-unit-2').send(unit('BA-JT')).expect(201);
    });

    it('rejects a key that is too long', async () => {
      await t.http.post('/api/v1/units').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', 'k'.repeat(129)).send(unit('BA-X1')).expect(422);
    });

    it('lets a key be used again once it has expired (after 24 hours)', async () => {
      t.clock.advance(25 * 3600_000);
      const fresh = (await t.http.post('/api/v1/auth/staff').send({ username: 'admin', password: 'Weave@2026' }).expect(200)).body.accessToken;
      await t.http.post('/api/v1/units').set('Authorization', `Bearer ${fresh}`).set('Idempotency-Key', 'k-unit-1').send(unit('BA-YJ4')).expect(201);
    });
  });
});
