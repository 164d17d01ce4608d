import { expect } from 'chai';
import { DEMO_POINT_GCJ02 } from '../../../src/db/seed/demo';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer, report } from '../../helpers/events';
import { noisyJpeg } from '../../helpers/photos';

describe('deadlines and escalation', () => {
  let t: TestApp;
  let amy: string;
  before(async () => { t = await bootApp(); amy = await t.residentToken('amy'); });
  after(async () => { await t.close(); });

  it('marks an unanswered event overdue once its response deadline passes, escalates it once, and says so in its evidence', async () => {
    // blocked-drain: respond within 4 h, resolve within 24 h.
    const { code } = await report(t, amy, { category: 'blocked-drain', description: '雨水篦子堵塞' });
    t.clock.advance(3 * 3600_000);
    expect(await t.services.events.checkDeadlines()).to.deep.equal({ escalated: 0 });
    t.clock.advance(3600_000 + 1000);
    expect(await t.services.events.checkDeadlines()).to.deep.equal({ escalated: 1 });
    expect(await t.services.events.checkDeadlines()).to.deep.equal({ escalated: 0 });
    const event = (await t.db.models.Event.findOne({ where: { code }, raw: true }))!;
    expect(Boolean(event.overdue)).to.equal(true);
    const dispatcher = (await t.http.post('/api/v1/auth/staff').send({ username: 'dispatcher', password: 'Weave@2026' })).body.accessToken;
    const detail = (await t.http.get(`/api/v1/events/${code}`).set(bearer(dispatcher)).expect(200)).body;
    expect(detail.overdue).to.equal(true);
    expect(detail.timeline.at(-1)).to.include({ action: 'escalate', actorRole: 'system' });
    expect(detail.evidence.verified).to.equal(true);
    const supervisor = (await t.db.models.Staff.findOne({ where: { username: 'supervisor' }, raw: true }))!;
    expect(await t.db.models.Delivery.count({ where: { staffId: supervisor.id, topic: 'event_overdue' } })).to.equal(1);
    const overdue = (await t.http.get('/api/v1/events?overdue=true').set(bearer(dispatcher)).expect(200)).body.items.map((e: { code: string }) => e.code);
    expect(overdue).to.deep.equal([code]);
  });

  it('clears the flag when the event is dispatched again with new deadlines', async () => {
    const dispatcher = (await t.http.post('/api/v1/auth/staff').send({ username: 'dispatcher', password: 'Weave@2026' })).body.accessToken;
    const [overdue] = (await t.http.get('/api/v1/events?overdue=true').set(bearer(dispatcher)).expect(200)).body.items;
    const office = (await t.db.models.Unit.findOne({ where: { code: '440306002-CG' }, raw: true }))!;
    const view = (await t.http.post(`/api/v1/events/${overdue.code}/dispatch`).set(bearer(dispatcher)).send({ unitId: office.id }).expect(200)).body;
    expect(view.overdue).to.equal(false);
  });
});

describe('near-duplicates', () => {
  let t: TestApp;
  let amy: string, bob: string;
  before(async () => { t = await bootApp(); [amy, bob] = [await t.residentToken('amy'), await t.residentToken('bob')]; });
  after(async () => { await t.close(); });

  it('offers an open event of the same category 20 m away as a possible duplicate, but not one of another category or 200 m away', async () => {
    const first = await report(t, amy, { category: 'broken-streetlight', description: '路灯不亮' });
    await report(t, amy, { category: 'illegal-dumping', description: '垃圾' });
    const far = await report(t, bob, { category: 'broken-streetlight', lat: DEMO_POINT_GCJ02.lat + 200 / 111_195 });
    expect(far.body.duplicates.map((d: { code: string }) => d.code)).to.deep.equal([]);
    const second = await report(t, bob, { category: 'broken-streetlight', description: '这盏路灯坏了', lat: DEMO_POINT_GCJ02.lat + 20 / 111_195 });
    expect(second.body.duplicates.map((d: { code: string }) => d.code)).to.deep.equal([first.code, far.code].filter((c) => c === first.code));
    expect(second.body.duplicates[0].distanceM).to.be.within(15, 25);
  });

  it('offers an event with a near-identical photo wherever it is, and not after 72 hours', async () => {
    const photo = await noisyJpeg({ width: 320, height: 240, seed: 2024 });
    const first = await report(t, amy, { category: 'graffiti', photos: [photo], lat: DEMO_POINT_GCJ02.lat - 0.005 });
    const again = await report(t, bob, { category: 'graffiti', photos: [photo], lat: DEMO_POINT_GCJ02.lat + 0.006 });
    expect(again.body.duplicates.map((d: { code: string }) => d.code)).to.include(first.code);
    t.clock.advance(73 * 3600_000);
    amy = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' })).body.accessToken;
    bob = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:bob' })).body.accessToken;
    const later = await report(t, bob, { category: 'graffiti', photos: [photo], lat: DEMO_POINT_GCJ02.lat + 0.006 });
    expect(later.body.duplicates.map((d: { code: string }) => d.code)).not.to.include(first.code);
  });

  it('lists at most five duplicates of a much-photographed problem, the newest first', async () => {
    const photo = await noisyJpeg({ width: 320, height: 240, seed: 777 });
    const codes: string[] = [];
    // 110 m apart, beyond the 50 m of a nearby duplicate: only the photo links them.
    for (let i = 0; i < 7; i++) codes.push((await report(t, i % 2 ? amy : bob, { category: 'damaged-facility', photos: [photo], lat: DEMO_POINT_GCJ02.lat - 0.004 + i * 0.001 })).code);
    const last = await report(t, amy, { category: 'damaged-facility', photos: [photo], lat: DEMO_POINT_GCJ02.lat + 0.005 });
    expect(last.body.duplicates.map((d: { code: string }) => d.code)).to.deep.equal(codes.slice(-5).reverse());
  });

  it('lets the reporter join an offered duplicate: their report is merged and they follow the first one', async () => {
    const first = await report(t, amy, { category: 'shared-bikes', description: '单车堆满人行道' });
    const mine = await report(t, bob, { category: 'shared-bikes', description: '单车挡路', lat: DEMO_POINT_GCJ02.lat + 10 / 111_195 });
    expect(mine.body.duplicates[0].code).to.equal(first.code);
    const merged = (await t.http.post(`/api/v1/events/${mine.code}/merge`).set(bearer(bob)).send({ into: first.code }).expect(200)).body;
    expect(merged).to.include({ status: 'merged', mergedInto: first.code });
    // Bob now follows the first event, sees its progress, and cannot act on it as if he reported it.
    const followed = (await t.http.get(`/api/v1/events/${first.code}`).set(bearer(bob)).expect(200)).body;
    expect(followed.isReporter).to.equal(false);
    expect(followed.allowedActions).to.deep.equal([]);
    expect((await t.http.get('/api/v1/me/reports').set(bearer(bob)).expect(200)).body.items.map((e: { code: string }) => e.code)).to.include(first.code);
    const dispatcher = (await t.http.post('/api/v1/auth/staff').send({ username: 'dispatcher', password: 'Weave@2026' })).body.accessToken;
    const handlerUnit = (await t.db.models.Event.findOne({ where: { code: first.code }, raw: true }))!.unitId;
    await t.db.models.Staff.update({ unitId: handlerUnit }, { where: { username: 'handler' } });
    const handler = (await t.http.post('/api/v1/auth/staff').send({ username: 'handler', password: 'Weave@2026' })).body.accessToken;
    await t.http.post(`/api/v1/events/${first.code}/accept`).set(bearer(handler)).send({}).expect(200);
    const inbox = (await t.http.get('/api/v1/me/inbox').set(bearer(bob)).expect(200)).body.items;
    expect(inbox[0]).to.include({ title: '事件处置中', eventCode: first.code });
    expect(dispatcher).to.be.a('string');
  });

  it('keeps a reporter from merging into an event that was not offered as a duplicate', async () => {
    const other = await report(t, amy, { category: 'noise-nuisance', description: '夜间噪声' });
    const mine = await report(t, bob, { category: 'stray-animals', description: '流浪狗' });
    await t.http.post(`/api/v1/events/${mine.code}/merge`).set(bearer(bob)).send({ into: other.code }).expect(422);
    expect((await t.db.models.Event.findOne({ where: { code: mine.code }, raw: true }))!.status).not.to.equal('merged');
  });

  it('refuses merging into an unknown or closed event', async () => {
    const mine = await report(t, bob, { category: 'stray-animals' });
    await t.http.post(`/api/v1/events/${mine.code}/merge`).set(bearer(bob)).send({ into: 'BA-20000101-000001' }).expect(422);
    await t.http.post(`/api/v1/events/${mine.code}/merge`).set(bearer(bob)).send({ into: mine.code }).expect(422);
  });
});
