// Content security through HTTP, with the WeChat stand-in checking texts and images and pushing its image
// verdicts back to the app (listening on a real port, signed as WeChat signs): risky texts refused, texts
// for review held until a moderator approves, WeChat down never losing a report, photos unpublished until
// their verdict, a bad signature or a replayed push changing nothing, and every decision in the evidence.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import sharp from 'sharp';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer, postReport, report } from '../../helpers/events';
import { noisyJpeg } from '../../helpers/photos';
import { pushSignature } from '../../../src/domains/moderation';
import { waitFor } from '../../helpers/wait';

const red = () => sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 255, g: 0, b: 0 } } }).jpeg().toBuffer();

describe('content security and moderation', () => {
  let t: TestApp;
  let server: http.Server;
  let base = '';
  let resident: string, moderator: string;
  const TOKEN = 'weave-dev-push-token';
  const open311 = async (code: string) => (await t.http.get(`/open311/v2/requests.json?service_request_id=${code}`).expect(200)).body[0];
  const items = async (q = '') => (await t.http.get(`/api/v1/moderation/items${q}`).set(bearer(moderator)).expect(200)).body.items as { id: number; eventCode: string; kind: string; status: string; source: string; field: string }[];
  const signed = (q: Record<string, string> = {}) => {
    const timestamp = String(Math.floor(Date.now() / 1000)), nonce = `n${Math.random().toString(16).slice(2)}`;
    return new URLSearchParams({ signature: pushSignature(TOKEN, timestamp, nonce), timestamp, nonce, ...q }).toString();
  };

  before(async () => {
    // The app listens on a real port: the stand-in fetches photos from it and pushes verdicts to it.
    let handler: http.RequestListener = (_req, res) => { res.statusCode = 503; res.end(); };
    server = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await bootApp({ env: { PUBLIC_BASE_URL: base, ACCESS_TOKEN_TTL_SECONDS: '86400' } });
    handler = t.koa.callback();
    t.standIn.configurePush({ url: `${base}/api/v1/wechat/push`, token: TOKEN });
    resident = await t.residentToken('resident');
    moderator = await t.staffToken('dispatcher');
  });
  after(async () => {
    await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
    await t.close();
  });

  it('refuses a risky description with 422 naming it, and stores nothing', async () => {
    const before = await t.db.models.Event.count();
    const res = await postReport(t, resident, { description: '这里有人发广告招揽代开发票，请处理', photos: [await noisyJpeg({ width: 640, height: 480, seed: 3 })] }).expect(422);
    expect(res.body.type, JSON.stringify(res.body)).to.match(/content-risky$/);
    expect(res.body.errors[0].field).to.equal('description');
    expect(await t.db.models.Event.count()).to.equal(before);
    expect(await t.db.models.Photo.count({ where: { ownerKind: 'event' } })).to.equal(0);
  });

  it('refuses a risky description sent with a file that is not an image, while that file was being processed (no unhandled failure)', async () => {
    // Photos are processed while the text is checked: the check refuses first, the processing fails unused.
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const res = await postReport(t, resident, { description: '这里有人发广告招揽代开发票，请处理', photos: [Buffer.from('%PDF-1.4 not a photo'.repeat(1000))] });
      expect(res.status).to.be.oneOf([415, 422]);
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).to.deep.equal([]);
      expect(await t.db.models.Photo.count({ where: { ownerKind: 'event' } })).to.equal(0);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('publishes a passing description and, once WeChat\'s pushed verdict passes it, the photo', async () => {
    const { code } = await report(t, resident, { description: '人行道井盖破损，容易绊倒行人' });
    expect((await open311(code)).description).to.equal('人行道井盖破损，容易绊倒行人');
    const photo = await waitFor(() => open311(code), (r) => r.media_url !== null);
    expect(photo.media_url).to.match(/\/media\/.+sig=/);
    const [item] = (await items('?status=approved&kind=photo')).filter((i) => i.eventCode === code);
    expect(item).to.include({ source: 'wechat_pending', status: 'approved' });
  });

  it('holds a description WeChat sends to review until a moderator approves it; the author still sees it; the decision is evidence', async () => {
    const { code } = await report(t, resident, { description: '小区有人组织集体上访，堵塞了消防通道' });
    expect((await open311(code)).description).to.equal('（内容审核中）');
    const mine = await t.http.get(`/api/v1/events/${code}`).set(bearer(resident)).expect(200);
    expect(mine.body.description).to.contain('集体上访');
    const item = (await items('?kind=text')).find((i) => i.eventCode === code)!;
    expect(item).to.include({ field: 'description', source: 'wechat_review', status: 'pending' });
    // A neighbour reporting the same spot is shown it as a possible duplicate, without its words yet (its photo passed).
    const neighbour = await report(t, await t.residentToken('neighbour'), { description: '井盖旁边的消防通道被堵' });
    expect(neighbour.body.duplicates.find((d: { code: string }) => d.code === code)).to.include({ description: '（内容审核中）' });
    await t.http.post(`/api/v1/moderation/items/${item.id}/approve`).set(bearer(await t.staffToken('handler'))).expect(403);
    const approved = await t.http.post(`/api/v1/moderation/items/${item.id}/approve`).set(bearer(moderator)).expect(200);
    expect(approved.body).to.include({ status: 'approved', statusName: '已通过' });
    await t.http.post(`/api/v1/moderation/items/${item.id}/hide`).set(bearer(moderator)).send({ reason: '重复审核' }).expect(409);
    expect((await open311(code)).description).to.contain('集体上访');
    const evidence = await t.db.models.Evidence.findAll({ where: { eventId: (await t.db.models.Event.findOne({ where: { code }, raw: true }))!.id }, order: [['seq', 'ASC']], raw: true });
    expect(evidence.map((e) => e.action)).to.include('moderate');
    expect(await t.services.events.verifyAll()).to.include({ verified: true });
  });

  it('keeps a report when WeChat is down, and queues its text for a moderator', async () => {
    await fetch(`${t.standIn.url}/dev/fail-next?errcode=-1`, { method: 'POST' });
    const { code } = await report(t, resident, { description: '路灯整晚不亮，已持续一周' });
    expect((await open311(code)).description).to.equal('（内容审核中）');
    expect((await items('?kind=text')).find((i) => i.eventCode === code)).to.include({ source: 'wechat_unavailable' });
  });

  it('hides a risky photo when its verdict is pushed, tells the author, and marks it for staff', async () => {
    const { code } = await report(t, resident, { description: '河道里漂浮大量垃圾', photos: [await red()] });
    const item = await waitFor(async () => (await items('?status=hidden&kind=photo')).find((i) => i.eventCode === code), (i) => i !== undefined);
    expect(item).to.include({ source: 'wechat_risky', status: 'hidden' });
    expect((await open311(code)).media_url).to.equal(null);
    const inbox = await t.http.get('/api/v1/me/inbox').set(bearer(resident)).expect(200);
    expect(inbox.body.items.map((m: { title: string }) => m.title)).to.include('照片未通过内容安全审核');
  });

  it('refuses a push with a bad signature and changes nothing; a replayed push changes nothing either', async () => {
    const { code } = await report(t, resident, { description: '公园长椅损坏', photos: [await noisyJpeg({ width: 640, height: 480, seed: 9 })] });
    const item = await waitFor(async () => (await t.db.models.ModerationItem.findOne({ where: { kind: 'photo', eventId: (await t.db.models.Event.findOne({ where: { code }, raw: true }))!.id }, raw: true }))!, (i) => i.status === 'approved');
    // A moderator hides it after all; neither a forged nor a replayed "pass" brings it back.
    const hidden = await t.http.post(`/api/v1/moderation/items/${item.id}/hide`).set(bearer(moderator)).send({ reason: '照片含有他人面部' }).expect(409);
    expect(hidden.body.type).to.match(/conflict$/);
    const body = { Event: 'wxa_media_check', trace_id: item.traceId, version: 2, result: { suggest: 'risky', label: 20002 } };
    const forged = await fetch(`${base}/api/v1/wechat/push?signature=${'0'.repeat(40)}&timestamp=1&nonce=x`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(forged.status).to.equal(401);
    const replay = await fetch(`${base}/api/v1/wechat/push?${signed()}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect([replay.status, await replay.text()]).to.deep.equal([200, 'success']);
    expect(await t.db.models.ModerationItem.findByPk(item.id, { raw: true })).to.include({ status: 'approved' });
    expect((await open311(code)).media_url).to.match(/\/media\//);
  });

  it('queues a held photo in the transaction that stores it, so a check never sent still leaves it to a moderator', async () => {
    const { code } = await report(t, resident, { description: '消防通道被车辆占用' });
    const event = (await t.db.models.Event.findOne({ where: { code }, raw: true }))!;
    const photo = (await t.db.models.Photo.findOne({ where: { ownerKind: 'event', ownerId: event.id }, raw: true }))!;
    const { moderation } = t.services;
    // As intake's transaction holds it: the item exists at commit, before WeChat has been asked anything.
    await t.db.sequelize.transaction((tx) => moderation.hold(tx, event.id, {}, [photo.id], { written: true }));
    const queued = await t.db.models.ModerationItem.findAll({ where: { eventId: event.id, kind: 'photo', traceId: null }, raw: true });
    expect(queued.map((i) => [i.photoId, i.status, i.source])).to.deep.equal([[photo.id, 'pending', 'wechat_pending']]);
    // Sent by someone WeChat knows no openid for: not taken, so a moderator decides; the reporter's own item keeps its trace id.
    await moderation.checkPhotos({ kind: 'staff', id: 1, role: 'dispatcher', unitId: null, regionPath: '/' } as never, event.id, [photo]);
    expect(await t.db.models.ModerationItem.findByPk(queued[0].id, { raw: true })).to.include({ status: 'pending', source: 'wechat_unavailable', traceId: null });
    const sent = await t.db.models.ModerationItem.findAll({ where: { eventId: event.id, kind: 'photo' }, raw: true });
    expect(sent.filter((i) => i.traceId !== null)).to.have.length(1);
  });

  it('answers WeChat\'s URL check with echostr only when signed', async () => {
    const ok = await fetch(`${base}/api/v1/wechat/push?${signed({ echostr: 'hello-weave' })}`);
    expect([ok.status, await ok.text()]).to.deep.equal([200, 'hello-weave']);
    expect((await fetch(`${base}/api/v1/wechat/push?signature=bad&timestamp=1&nonce=2&echostr=x`)).status).to.equal(401);
  });

  it('hides a text with a reason the author is told; a reason too short is 422', async () => {
    await fetch(`${t.standIn.url}/dev/fail-next?errcode=-1`, { method: 'POST' });
    const { code } = await report(t, resident, { description: '楼道堆放杂物，存在火灾隐患' });
    const item = (await items('?kind=text')).find((i) => i.eventCode === code)!;
    await t.http.post(`/api/v1/moderation/items/${item.id}/hide`).set(bearer(moderator)).send({ reason: 'x' }).expect(422);
    await t.http.post(`/api/v1/moderation/items/${item.id}/hide`).set(bearer(moderator)).send({ reason: '含有他人住址' }).expect(200);
    expect((await open311(code)).description).to.equal('（内容未通过审核，已隐藏）');
    const inbox = await t.http.get('/api/v1/me/inbox').set(bearer(resident)).expect(200);
    expect(inbox.body.items[0].body).to.contain('含有他人住址');
    await t.http.get('/api/v1/moderation/items?status=lost').set(bearer(moderator)).expect(422);
    await t.http.get('/api/v1/moderation/items').set(bearer(resident)).expect(403);
  });
});

describe('content security while WeChat is out of reach', () => {
  let t: TestApp;
  let resident: string, moderator: string;
  before(async () => {
    t = await bootApp();
    resident = await t.residentToken('resident');
    moderator = await t.staffToken('dispatcher');
    // WeChat goes away: the first check that cannot reach it opens the client's breaker (WECHAT_BREAKER_MS).
    await t.standIn.close();
  });
  after(() => t.close());

  it('keeps every report, and leaves its text and photos to a moderator at once', async () => {
    for (const description of ['井盖缺失，夜间危险', '人行道地砖松动']) {
      const { code } = await report(t, resident, { description });
      const event = (await t.db.models.Event.findOne({ where: { code }, raw: true }))!;
      expect(event.textVisibility).to.equal('pending');
      const photos = await t.db.models.Photo.findAll({ where: { ownerKind: 'event', ownerId: event.id }, raw: true });
      expect(photos.map((p) => p.visibility)).to.deep.equal(['pending']);
      // As the report is answered, both wait for a moderator, none for a verdict WeChat will never push.
      const items = await t.db.models.ModerationItem.findAll({ where: { eventId: event.id }, order: [['id', 'ASC']], raw: true });
      expect(items.map((i) => [i.kind, i.status, i.source, i.traceId])).to.deep.equal([['text', 'pending', 'wechat_unavailable', null], ['photo', 'pending', 'wechat_unavailable', null]]);
    }
    const queue = (await t.http.get('/api/v1/moderation/items?kind=photo').set(bearer(moderator)).expect(200)).body.items as { source: string }[];
    expect(queue.length).to.be.at.least(2);
    expect(queue.every((i) => i.source === 'wechat_unavailable')).to.equal(true);
  });
});
