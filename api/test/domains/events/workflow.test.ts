import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer, report } from '../../helpers/events';
import { noisyJpeg } from '../../helpers/photos';

describe('the closed loop of an event', () => {
  let t: TestApp;
  let amy: string, bob: string, dispatcher: string, handler: string, gridworker: string;
  let waterUnitId: number, xixiangOfficeId: number;

  before(async () => {
    t = await bootApp();
    [amy, bob] = [await t.residentToken('amy'), await t.residentToken('bob')];
    [dispatcher, gridworker] = [await t.staffToken('dispatcher'), await t.staffToken('gridworker')];
    waterUnitId = (await t.db.models.Unit.findOne({ where: { code: 'BA-SW' }, raw: true }))!.id;
    xixiangOfficeId = (await t.db.models.Unit.findOne({ where: { code: '440306002-CG' }, raw: true }))!.id;
    // The demo handler works for the district bureau; this event goes to the street office, so give it a handler of its own.
    await t.db.models.Staff.update({ unitId: xixiangOfficeId }, { where: { username: 'handler' } });
    handler = await t.staffToken('handler');
  });
  after(async () => { await t.close(); });

  const act = (token: string, code: string, action: string, body: object = {}) => t.http.post(`/api/v1/events/${code}/${action}`).set(bearer(token)).send(body);

  it('goes from report to closed and rated, each step visible to the reporter with the buttons they may press', async () => {
    const { code } = await report(t, amy);
    let view = (await t.http.get(`/api/v1/events/${code}`).set(bearer(handler)).expect(200)).body;
    expect(view.allowedActions.sort()).to.deep.equal(['accept', 'resolve', 'return']);
    expect((await t.http.get(`/api/v1/events?queue=handling`).set(bearer(handler)).expect(200)).body.items.map((e: { code: string }) => e.code)).to.include(code);

    view = (await act(handler, code, 'accept', { note: '已安排人员' }).expect(200)).body;
    expect(view.status).to.equal('in_progress');
    const resolved = await t.http.post(`/api/v1/events/${code}/resolve`).set(bearer(handler)).field('note', '已更换破损地砖').attach('photos', await noisyJpeg({ seed: 500 }), 'after.jpg').expect(200);
    expect(resolved.body.status).to.equal('resolved');
    expect(resolved.body.photos.map((p: { kind: string }) => p.kind)).to.deep.equal(['report', 'resolution']);

    view = (await t.http.get(`/api/v1/events/${code}`).set(bearer(gridworker)).expect(200)).body;
    expect(view.allowedActions).to.deep.equal(['verify']);
    expect((await t.http.get('/api/v1/events?queue=verification').set(bearer(gridworker)).expect(200)).body.items.map((e: { code: string }) => e.code)).to.include(code);
    view = (await act(gridworker, code, 'verify', { result: 'pass', note: '现场已修复' }).expect(200)).body;
    expect(view).to.include({ status: 'closed', statusName: '已结案' });

    const mine = (await t.http.get(`/api/v1/events/${code}`).set(bearer(amy)).expect(200)).body;
    expect(mine.allowedActions.sort()).to.deep.equal(['dispute', 'rate']);
    expect(mine.timeline.map((s: { action: string }) => s.action)).to.deep.equal(['report', 'file', 'dispatch', 'accept', 'resolve', 'verify_pass']);
    expect(mine.timeline.find((s: { action: string }) => s.action === 'resolve').photos).to.have.length(1);
    expect(mine.evidence.verified).to.equal(true);
    expect(mine).not.to.have.nested.property('timeline[2].details');

    // A comment others may read goes through WeChat's content security first: a risky one is refused, naming it.
    const risky = (await act(amy, code, 'rate', { rating: 5, comment: '修得很快，另外代开发票找我' }).expect(422)).body;
    expect([risky.type, risky.errors[0].field]).to.deep.equal(['https://weave.city/problems/content-risky', 'comment']);
    view = (await act(amy, code, 'rate', { rating: 5, comment: '修得很快' }).expect(200)).body;
    expect(view).to.include({ rating: 5, ratingComment: '修得很快' });
    expect(view.allowedActions).to.deep.equal(['dispute']);
    await act(amy, code, 'rate', { rating: 4 }).expect(409);

    const inbox = (await t.http.get('/api/v1/me/inbox').set(bearer(amy)).expect(200)).body;
    expect(inbox.items.map((m: { title: string }) => m.title)).to.include.members(['上报已受理', '事件已派遣', '事件处置中', '事件已处置', '事件已结案']);
    expect(inbox.unreadCount).to.equal(inbox.items.length);
    await t.http.post(`/api/v1/me/inbox/${inbox.items[0].id}/read`).set(bearer(amy)).expect(204);
    expect((await t.http.get('/api/v1/me/inbox').set(bearer(amy)).expect(200)).body.unreadCount).to.equal(inbox.items.length - 1);
  });

  it('lets one of two dispatchers dispatch at once; the other gets 409', async () => {
    const { code } = await report(t, amy, { category: 'illegal-construction', description: '违建' });
    const other = (await t.http.post('/api/v1/auth/staff').send({ username: 'supervisor', password: 'Weave@2026' }).expect(200)).body.accessToken;
    const [a, b] = await Promise.all([act(dispatcher, code, 'dispatch', { unitId: waterUnitId }), act(other, code, 'dispatch', { unitId: xixiangOfficeId })]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 409]);
    const evidence = (await t.http.get(`/api/v1/events/${code}/evidence`).set(bearer(dispatcher)).expect(200)).body;
    expect(evidence.records.filter((r: { action: string }) => r.action === 'dispatch')).to.have.length(1);
    expect(evidence.verified).to.equal(true);
  });

  it('sends a returned event back to the dispatch queue and lets it be re-dispatched', async () => {
    const { code } = await report(t, amy);
    await act(handler, code, 'return', { reason: '属于水务管辖' }).expect(200);
    const queue = (await t.http.get('/api/v1/events?queue=dispatch').set(bearer(dispatcher)).expect(200)).body;
    expect(queue.items.find((e: { code: string }) => e.code === code)).to.include({ status: 'returned' });
    const view = (await act(dispatcher, code, 'dispatch', { unitId: waterUnitId, note: '改派水务' }).expect(200)).body;
    expect(view).to.include({ status: 'dispatched', unitName: '宝安区水务局' });
    // The street office's handler no longer sees it.
    await t.http.get(`/api/v1/events/${code}`).set(bearer(handler)).expect(404);
  });

  it('opens a supervisor review for a rating of 1 or 2', async () => {
    const { code } = await report(t, amy);
    await t.http.post(`/api/v1/events/${code}/resolve`).set(bearer(handler)).field('note', '已处理').expect(200);
    await act(amy, code, 'confirm').expect(200);
    const view = (await act(amy, code, 'rate', { rating: 2, comment: '态度差' }).expect(200)).body;
    expect(view.timeline.map((s: { action: string }) => s.action).slice(-2)).to.deep.equal(['rate', 'review']);
    const supervisorId = (await t.db.models.Staff.findOne({ where: { username: 'supervisor' }, raw: true }))!.id;
    expect(await t.db.models.Delivery.count({ where: { staffId: supervisorId, topic: 'event_review' } })).to.equal(1);
  });

  it('rejects with a reason and tells the reporter', async () => {
    const { code } = await report(t, amy, { category: 'illegal-construction' });
    await act(dispatcher, code, 'reject', {}).expect(422);
    expect((await act(dispatcher, code, 'reject', { reason: '经核实为合法临时建筑' }).expect(200)).body.status).to.equal('rejected');
    const inbox = (await t.http.get('/api/v1/me/inbox').set(bearer(amy)).expect(200)).body;
    expect(inbox.items[0]).to.include({ title: '上报未予立案', eventCode: code });
  });

  describe('who sees what', () => {
    let code: string;
    let photoUrl: string;
    before(async () => {
      ({ code } = await report(t, amy));
      photoUrl = (await t.http.get(`/api/v1/events/${code}`).set(bearer(amy)).expect(200)).body.photos[0].url;
    });

    it('hides another resident\'s event, as if it did not exist', async () => {
      const res = await t.http.get(`/api/v1/events/${code}`).set(bearer(bob)).expect(404);
      expect(res.body.detail).to.contain(code);
      await t.http.get(`/api/v1/events/${code}/evidence`).set(bearer(bob)).expect(404);
      await act(bob, code, 'rate', { rating: 1 }).expect(404);
    });

    it('hides another resident\'s inbox messages', async () => {
      const message = (await t.http.get('/api/v1/me/inbox').set(bearer(amy)).expect(200)).body.items[0];
      await t.http.post(`/api/v1/me/inbox/${message.id}/read`).set(bearer(bob)).expect(404);
      expect((await t.http.get('/api/v1/me/inbox').set(bearer(bob)).expect(200)).body.items).to.have.length(0);
    });

    it('shows a handler only their unit\'s events', async () => {
      const other = await t.db.models.Staff.create({ username: 'water-handler', displayName: '水务处置', passwordHash: (await t.db.models.Staff.findOne({ where: { username: 'handler' }, raw: true }))!.passwordHash, role: 'handler', regionId: (await t.db.models.Region.findOne({ where: { code: '440306' }, raw: true }))!.id, unitId: waterUnitId });
      expect(other.get('id')).to.be.a('number');
      const water = await t.staffToken('water-handler');
      await t.http.get(`/api/v1/events/${code}`).set(bearer(water)).expect(404);
      await act(water, code, 'accept').expect(404);
      const list = (await t.http.get('/api/v1/events').set(bearer(water)).expect(200)).body.items.map((e: { code: string }) => e.code);
      expect(list).not.to.include(code);
    });

    it('keeps staff of another street out', async () => {
      const street = (await t.db.models.Region.findOne({ where: { code: '440306001' }, raw: true }))!;
      await t.db.models.Staff.create({ username: 'xinan-dispatcher', displayName: '新安分拨员', passwordHash: (await t.db.models.Staff.findOne({ where: { username: 'dispatcher' }, raw: true }))!.passwordHash, role: 'dispatcher', regionId: street.id, unitId: null });
      await t.http.get(`/api/v1/events/${code}`).set(bearer(await t.staffToken('xinan-dispatcher'))).expect(404);
    });

    it('serves photos with a signed URL, to a bearer in scope, and to nobody else', async () => {
      await t.http.get(photoUrl).expect(200).expect('Content-Type', 'image/jpeg');
      const bare = photoUrl.split('?')[0];
      await t.http.get(bare).expect(401);
      await t.http.get(bare).set(bearer(amy)).expect(200);
      await t.http.get(bare).set(bearer(dispatcher)).expect(200);
      await t.http.get(bare).set(bearer(bob)).expect(403);
      await t.http.get(photoUrl.replace(/sig=[^&]+/, 'sig=forged')).expect(401);
      t.clock.advance(11 * 60_000);
      const expired = await t.http.get(photoUrl).expect(401);
      expect(expired.body.detail).to.contain('过期');
      await t.http.get('/media/events/2026/11/none-display.jpg').set(bearer(amy)).expect(404);
    });

    it('refuses staff lists to residents and my-reports to staff', async () => {
      await t.http.get('/api/v1/events').set(bearer(amy)).expect(403);
      await t.http.get('/api/v1/me/reports').set(bearer(dispatcher)).expect(403);
      const mine = (await t.http.get('/api/v1/me/reports').set(bearer(amy)).expect(200)).body;
      expect(mine.items.map((e: { code: string }) => e.code)).to.include(code);
      expect((await t.http.get('/api/v1/me/reports').set(bearer(bob)).expect(200)).body.total).to.equal(0);
    });

    it('answers unknown codes and malformed codes clearly', async () => {
      await t.http.get('/api/v1/events/BA-20000101-000001').set(bearer(amy)).expect(404);
      await t.http.get('/api/v1/events/not-a-code').set(bearer(amy)).expect(422);
      await act(dispatcher, code, 'dispatch', { unitId: 999999 }).expect(422);
      await act(dispatcher, code, 'dispatch', { unitId: 'water' }).expect(422);
      await act(dispatcher, code, 'explode').expect(404);
    });
  });

  it('keeps the evidence of every step verifiable and detects tampering with rows and photo files', async () => {
    const { code } = await report(t, amy);
    const ok = (await t.http.get(`/api/v1/events/${code}/evidence`).set(bearer(dispatcher)).expect(200)).body;
    expect(ok).to.include({ verified: true, brokenAt: null });
    expect(ok.records[0].prevHash).to.equal(null);
    expect(ok.records[1].prevHash).to.equal(ok.records[0].hash);

    const event = (await t.db.models.Event.findOne({ where: { code }, raw: true }))!;
    await t.db.models.Event.update({ description: '被改过的描述' }, { where: { id: event.id } });
    const edited = (await t.http.get(`/api/v1/events/${code}/evidence`).set(bearer(dispatcher)).expect(200)).body;
    expect(edited).to.include({ verified: false, brokenAt: 3 });
    await t.db.models.Event.update({ description: event.description }, { where: { id: event.id } });
    expect((await t.http.get(`/api/v1/events/${code}/evidence`).set(bearer(dispatcher)).expect(200)).body.verified).to.equal(true);

    await t.db.models.Evidence.update({ payload: { category: 'road-damage', description: '伪造' } }, { where: { eventId: event.id, seq: 1 } });
    expect((await t.http.get(`/api/v1/events/${code}/evidence`).set(bearer(dispatcher)).expect(200)).body).to.include({ verified: false, brokenAt: 1 });

    const { code: second } = await report(t, amy);
    const photo = (await t.db.models.Photo.findAll({ raw: true })).pop()!;
    fs.appendFileSync(path.join(t.config.mediaDir, photo.displayKey), Buffer.from('tampered'));
    const files = (await t.http.get(`/api/v1/events/${second}/evidence`).set(bearer(dispatcher)).expect(200)).body;
    expect(files).to.include({ verified: false, reason: '照片文件与留痕不符' });

    const all = await t.services.events.verifyAll();
    expect(all.verified).to.equal(false);
    expect(all.firstBroken!.code).to.equal(code);
  });


  it('shows in the detail every photo and every record of an event once, in order, and flags a photo the evidence does not name', async () => {
    const shots = [await noisyJpeg({ seed: 701 }), await noisyJpeg({ seed: 702 }), await noisyJpeg({ seed: 703 })];
    const { code } = await report(t, amy, { photos: shots });
    await act(handler, code, 'accept', { note: '已安排' }).expect(200);
    const view = (await t.http.get(`/api/v1/events/${code}`).set(bearer(dispatcher)).expect(200)).body;
    const ids = view.photos.map((p: { id: number }) => p.id);
    expect(ids).to.have.length(3);
    expect([...ids].sort((a: number, b: number) => a - b)).to.deep.equal(ids);
    expect(view.timeline.map((s: { action: string }) => s.action)).to.deep.equal(['report', 'file', 'dispatch', 'accept']);
    expect(view.evidence.verified).to.equal(true);

    // A photo slipped in beside the event, which no evidence record names, breaks the chain's word for it.
    const stored = (await t.db.models.Photo.findOne({ where: { id: ids[0] }, raw: true }))!;
    const { id: _id, ...copy } = stored;
    await t.db.models.Photo.create({ ...copy, displayKey: `${copy.displayKey}-x`, thumbKey: `${copy.thumbKey}-x`, originalSha256: 'f'.repeat(64) });
    const slipped = (await t.http.get(`/api/v1/events/${code}`).set(bearer(dispatcher)).expect(200)).body;
    expect(slipped.photos).to.have.length(4);
    expect(slipped.evidence.verified).to.equal(false);
  });
  // Last (nested describes run after the plain tests above): it moves the clock by days.
  describe('over days', () => {
  it('reopens an event when verification fails, and when the reporter disputes within 7 days but not after', async () => {
    const { code } = await report(t, amy);
    await act(handler, code, 'resolve', { note: '已处理' }).expect(415);
    const resolve = () => t.http.post(`/api/v1/events/${code}/resolve`).set(bearer(handler)).field('note', '已处理').expect(200);
    await resolve();
    expect((await act(gridworker, code, 'verify', { result: 'fail', note: '现场仍有破损' }).expect(200)).body.status).to.equal('reopened');
    await act(dispatcher, code, 'dispatch', { unitId: xixiangOfficeId }).expect(200);
    await resolve();
    expect((await act(amy, code, 'confirm').expect(200)).body.status).to.equal('closed');
    // Moving the clock by days outlives access tokens: sign in again after each move.
    t.clock.advance(6 * 86400_000);
    amy = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' })).body.accessToken;
    dispatcher = (await t.http.post('/api/v1/auth/staff').send({ username: 'dispatcher', password: 'Weave@2026' })).body.accessToken;
    handler = (await t.http.post('/api/v1/auth/staff').send({ username: 'handler', password: 'Weave@2026' })).body.accessToken;
    expect((await act(amy, code, 'dispute', { reason: '又坏了' }).expect(200)).body.status).to.equal('reopened');
    await act(dispatcher, code, 'dispatch', { unitId: xixiangOfficeId }).expect(200);
    await resolve();
    await act(amy, code, 'confirm').expect(200);
    t.clock.advance(8 * 86400_000);
    amy = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:amy' })).body.accessToken;
    await act(amy, code, 'dispute', { reason: '过了一周又坏了' }).expect(409);
  });

  });
});
