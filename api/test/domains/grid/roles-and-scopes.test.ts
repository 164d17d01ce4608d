import { expect } from 'chai';
import { hashPassword } from '../../../src/domains/grid';
import { bootApp, type TestApp } from '../../helpers/app';

describe('staff roles and scopes', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  before(async () => {
    t = await bootApp();
    const regions = await t.db.models.Region.findAll({ raw: true });
    ids = Object.fromEntries(regions.map((r) => [r.code, r.id]));
    // An admin of 新安街道 only, to test that scopes stop at the subtree.
    const xinanCg = await t.db.models.Unit.findOne({ where: { code: '440306001-CG' }, raw: true });
    await t.db.models.Staff.create({ username: 'xinan-admin', displayName: '新安管理员', passwordHash: await hashPassword('Weave@2026'), role: 'admin', regionId: ids['440306001'], unitId: xinanCg!.id });
  });
  after(async () => { await t.close(); });

  it('lets a dispatcher see the units list', async () => {
    const res = await t.http.get('/api/v1/units').set(auth(await t.staffToken('dispatcher'))).expect(200);
    expect(res.body.total).to.equal(13);
    expect(res.body.items.find((u: { code: string }) => u.code === 'BA-SW')).to.include({ type: 'water', typeName: '水务', regionName: '宝安区' });
  });

  it('filters units by type and by search text', async () => {
    const token = await t.staffToken('dispatcher');
    const cm = await t.http.get('/api/v1/units?type=city_management').set(auth(token)).expect(200);
    expect(cm.body.items.map((u: { code: string }) => u.code)).to.deep.equal(['440306001-CG', '440306002-CG', '440306003-CG', 'BA-CG']);
    const search = await t.http.get(`/api/v1/units?q=${encodeURIComponent('水务')}`).set(auth(token)).expect(200);
    expect(search.body.items).to.have.length(1);
    await t.http.get('/api/v1/units?type=bakery').set(auth(token)).expect(422);
  });

  it('shows a street admin only the units that concern their street', async () => {
    const res = await t.http.get('/api/v1/units').set(auth(await t.staffToken('xinan-admin'))).expect(200);
    const codes = res.body.items.map((u: { code: string }) => u.code);
    expect(codes).to.include('440306001-CG').and.to.include('BA-CG');
    expect(codes).not.to.include('440306002-CG');
  });

  it('refuses the units list to residents (403) and to strangers (401)', async () => {
    await t.http.get('/api/v1/units').set(auth(await t.residentToken('resident'))).expect(403);
    await t.http.get('/api/v1/units').expect(401);
  });

  it('lets supervisors list staff but not dispatchers', async () => {
    const res = await t.http.get('/api/v1/staff').set(auth(await t.staffToken('supervisor'))).expect(200);
    expect(res.body.items.map((s: { username: string }) => s.username)).to.include.members(['admin', 'dispatcher', 'gridworker']);
    expect(res.body.items[0]).not.to.have.property('passwordHash');
    await t.http.get('/api/v1/staff').set(auth(await t.staffToken('dispatcher'))).expect(403);
  });

  it('lets an admin create a grid worker who can then sign in', async () => {
    const res = await t.http.post('/api/v1/staff').set(auth(await t.staffToken('admin')))
      .send({ username: 'gw-hedong-2', displayName: '网格员 周敏', password: 'long-enough-1', role: 'grid_worker', regionId: ids['440306002001'] }).expect(201);
    expect(res.body).to.include({ username: 'gw-hedong-2', roleName: '网格员', regionName: '河东社区', active: true });
    await t.http.post('/api/v1/auth/staff').send({ username: 'gw-hedong-2', password: 'long-enough-1' }).expect(200);
  });

  it('answers a taken username with 409 and bad fields with 422', async () => {
    const token = await t.staffToken('admin');
    const dup = await t.http.post('/api/v1/staff').set(auth(token)).send({ username: 'dispatcher', displayName: '重复', password: 'long-enough-1', role: 'dispatcher', regionId: ids['440306'] }).expect(409);
    expect(dup.body.errors[0].field).to.equal('username');
    const bad = await t.http.post('/api/v1/staff').set(auth(token)).send({ username: 'X', displayName: '', password: 'short', role: 'king', regionId: 'one' }).expect(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).to.deep.equal(['displayName', 'password', 'regionId', 'role', 'username']);
    const handler = await t.http.post('/api/v1/staff').set(auth(token)).send({ username: 'handler2', displayName: '处置人员', password: 'long-enough-1', role: 'handler', regionId: ids['440306'] }).expect(422);
    expect(handler.body.errors[0].field).to.equal('unitId');
  });

  it('keeps a street admin from creating staff or units outside their street', async () => {
    const token = await t.staffToken('xinan-admin');
    await t.http.post('/api/v1/staff').set(auth(token)).send({ username: 'outsider', displayName: '外街道', password: 'long-enough-1', role: 'grid_worker', regionId: ids['440306002001'] }).expect(403);
    await t.http.post('/api/v1/units').set(auth(token)).send({ code: 'XA-ZF', name: '新安执法队', type: 'city_management', regionId: ids['440306'] }).expect(403);
    await t.http.post('/api/v1/units').set(auth(token)).send({ code: 'XA-ZF', name: '新安执法队', type: 'city_management', regionId: ids['440306001'] }).expect(201);
    expect(await t.db.models.Staff.count({ where: { username: 'outsider' } })).to.equal(0);
  });

  it('keeps non-admins from creating units', async () => {
    await t.http.post('/api/v1/units').set(auth(await t.staffToken('supervisor'))).send({ code: 'SUP-1', name: '督办单位', type: 'water', regionId: ids['440306'] }).expect(403);
  });

  it('answers a taken unit code with 409', async () => {
    await t.http.post('/api/v1/units').set(auth(await t.staffToken('admin'))).send({ code: 'BA-SW', name: '另一个水务局', type: 'water', regionId: ids['440306'] }).expect(409);
  });

  it('shows a grid worker only the grids of their community, and 404 for a grid elsewhere', async () => {
    const token = await t.staffToken('gridworker');
    const res = await t.http.get('/api/v1/grids?pageSize=100').set(auth(token)).expect(200);
    expect(res.body.total).to.equal(7);
    expect(new Set(res.body.items.map((g: { communityName: string }) => g.communityName))).to.deep.equal(new Set(['河东社区']));
    await t.http.get('/api/v1/grids/BA0304').set(auth(token)).expect(200);
    await t.http.get('/api/v1/grids/BA0101').set(auth(token)).expect(404);
    await t.http.get(`/api/v1/grids?regionId=${ids['440306001001']}`).set(auth(token)).expect(403);
  });

  it('pages and searches grids for a dispatcher', async () => {
    const token = await t.staffToken('dispatcher');
    const page2 = await t.http.get('/api/v1/grids?page=2&pageSize=10').set(auth(token)).expect(200);
    expect(page2.body).to.include({ total: 42, page: 2, pageSize: 10 });
    expect(page2.body.items).to.have.length(10);
    expect(page2.body.items[0]).to.include({ streetName: '新安街道' });
    const inStreet = await t.http.get(`/api/v1/grids?regionId=${ids['440306003']}`).set(auth(token)).expect(200);
    expect(inStreet.body.total).to.equal(14);
    const search = await t.http.get(`/api/v1/grids?q=${encodeURIComponent('黄田社区第2')}`).set(auth(token)).expect(200);
    expect(search.body.items.map((g: { code: string }) => g.code)).to.deep.equal(['BA0502']);
    await t.http.get('/api/v1/grids?pageSize=1000').set(auth(token)).expect(422);
  });

  it('lists regions in scope with their ancestors', async () => {
    const res = await t.http.get('/api/v1/regions').set(auth(await t.staffToken('gridworker'))).expect(200);
    expect(res.body.items.map((r: { name: string }) => r.name)).to.deep.equal(['深圳市', '宝安区', '西乡街道', '河东社区']);
  });

  it('publishes the vocabularies to anyone', async () => {
    const res = await t.http.get('/api/v1/meta').expect(200);
    expect(res.body.roles).to.deep.include({ value: 'grid_worker', label: '网格员' });
    expect(res.body.unitTypes).to.have.length(11);
    expect(res.body.unitTypes).to.deep.include({ value: 'emergency', label: '应急值守' });
  });
});
