import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer, postReport, report } from '../../helpers/events';
import { hugePng, noisyJpeg } from '../../helpers/photos';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

describe('snap-and-report intake', () => {
  let t: TestApp;
  let resident: string;
  before(async () => {
    t = await bootApp();
    resident = await t.residentToken('amy');
  });
  after(async () => { await t.close(); });

  it('registers a road-damage report in BA0304 and dispatches it to 西乡街道城市管理办公室 with its deadlines', async () => {
    const { body } = await report(t, resident);
    expect(body.code).to.match(/^BA-\d{8}-\d{6}$/);
    expect(body).to.include({ status: 'dispatched', statusName: '已派遣' });
    expect(body.grid).to.include({ code: 'BA0304', communityName: '河东社区' });
    expect(body.unit.name).to.equal('西乡街道城市管理办公室');
    const created = new Date(t.clock.now());
    expect(new Date(body.deadlines.responseDueAt).getTime() - created.getTime()).to.equal(24 * 3600_000);
    expect(new Date(body.deadlines.resolutionDueAt).getTime() - created.getTime()).to.equal(72 * 3600_000);
    const inbox = await t.http.get('/api/v1/me/inbox').set(bearer(resident)).expect(200);
    expect(inbox.body.items.map((m: { title: string }) => m.title)).to.include.members(['上报已受理', '事件已派遣']);
  });

  it('writes the reporter\'s and the handlers\' messages each with a WeChat delivery that points at it, and back', async () => {
    const { body } = await report(t, resident);
    const { Delivery, InboxMessage, StaffInboxMessage } = t.db.models;
    const deliveries = await Delivery.findAll({ where: { eventCode: body.code }, order: [['id', 'ASC']], raw: true });
    const toReporter = deliveries.filter((d) => d.personId !== null);
    const toHandlers = deliveries.filter((d) => d.staffId !== null);
    expect(toReporter.map((d) => d.topic)).to.deep.equal(['event_received', 'event_progress']);
    expect(toReporter.every((d) => d.state === 'pending')).to.equal(true);
    expect(toHandlers).to.have.length.greaterThan(0);
    expect(toHandlers.every((d) => d.state === 'sent')).to.equal(true);
    for (const d of toReporter) {
      const message = (await InboxMessage.findByPk(d.inboxMessageId!, { raw: true }))!;
      expect(message).to.include({ deliveryId: d.id, personId: d.personId, title: d.title, eventCode: body.code });
    }
    for (const d of toHandlers) {
      const message = (await StaffInboxMessage.findByPk(d.inboxMessageId!, { raw: true }))!;
      expect(message).to.include({ deliveryId: d.id, staffId: d.staffId, title: '新派遣事件', eventCode: body.code });
    }
  });

  it('leaves a category that is not dispatched automatically in the dispatch queue', async () => {
    const { body } = await report(t, resident, { category: 'illegal-construction', description: '楼顶加建铁皮房' });
    expect(body).to.include({ status: 'reported' });
    expect(body.unit).to.equal(null);
    const queue = await t.http.get('/api/v1/events?queue=dispatch').set(bearer(await t.staffToken('dispatcher'))).expect(200);
    expect(queue.body.items.map((e: { code: string }) => e.code)).to.include(body.code);
  });

  it('numbers events by day with no gaps or repeats under concurrent intake', async () => {
    const photo = await noisyJpeg({ seed: 42 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => postReport(t, resident, { description: `并发上报 ${i}`, photos: [photo] })));
    const codes = results.map((r) => { expect(r.status).to.equal(201); return r.body.code as string; });
    expect(new Set(codes).size).to.equal(8);
    const numbers = codes.map((c) => Number(c.slice(-6))).sort((a, b) => a - b);
    expect(numbers[7] - numbers[0]).to.equal(7);
  });

  it('strips GPS and every EXIF field, and turns the photo upright', async () => {
    const photo = await noisyJpeg({ width: 80, height: 40, orientation: 6, gps: true, seed: 7 });
    expect((await sharp(photo).metadata()).exif).to.be.instanceOf(Buffer);
    const { code } = await report(t, resident, { photos: [photo] });
    const event = await t.http.get(`/api/v1/events/${code}`).set(bearer(resident)).expect(200);
    const url = event.body.photos[0].url as string;
    const stored = (await t.http.get(url).buffer(true).expect(200)).body as Buffer;
    const meta = await sharp(stored).metadata();
    expect(meta.exif).to.equal(undefined);
    expect(meta.orientation).to.equal(undefined);
    expect([meta.width, meta.height]).to.deep.equal([40, 80]);
    expect(stored.includes(Buffer.from('WeavePhone'))).to.equal(false);
    const thumb = (await t.http.get(event.body.photos[0].thumbnailUrl).buffer(true).expect(200)).body as Buffer;
    expect((await sharp(thumb).metadata()).height).to.be.at.most(320);
  });

  it('shrinks a large photo to 1600 px on its longest side and a 320 px thumbnail', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#4a7' } }).jpeg().toBuffer();
    const { code } = await report(t, resident, { photos: [big] });
    const photo = (await t.http.get(`/api/v1/events/${code}`).set(bearer(resident)).expect(200)).body.photos[0];
    expect([photo.width, photo.height]).to.deep.equal([1600, 1200]);
  });

  describe('refuses bad input with a clear problem and stores nothing', () => {
    let before: { events: number; photos: number; files: number };
    beforeEach(async () => {
      before = { events: await t.db.models.Event.count(), photos: await t.db.models.Photo.count(), files: filesUnder(t.config.mediaDir).length };
    });
    afterEach(async () => {
      expect(await t.db.models.Event.count()).to.equal(before.events);
      expect(await t.db.models.Photo.count()).to.equal(before.photos);
      expect(filesUnder(t.config.mediaDir).length).to.equal(before.files);
    });

    const cases: [string, () => Promise<Parameters<typeof postReport>[2]>, number, RegExp][] = [
      ['a file that is not an image → 415', async () => ({ photos: [Buffer.from('%PDF-1.4 not a photo')] }), 415, /不是可识别的图片/],
      ['a photo with too many pixels → 422', async () => ({ photos: [await hugePng()] }), 422, /像素过多/],
      ['a truncated JPEG → 422', async () => { const p = await noisyJpeg({ width: 400, height: 300 }); return { photos: [p.subarray(0, Math.floor(p.length / 2))] }; }, 422, /损坏或不完整/],
      ['a file over 10 MB → 413', async () => ({ photos: [Buffer.alloc(10 * 1024 * 1024 + 1, 1)] }), 413, /10 MB/],
      ['an unknown category → 422', async () => ({ category: 'unicorns', photos: [await noisyJpeg()] }), 422, /没有这个问题类别/],
      ['a place outside every grid → 422', async () => ({ lat: 39.9, lng: 116.4, photos: [await noisyJpeg()] }), 422, /不在本市任何网格内/],
      ['no photo → 422', async () => ({ photos: [] }), 422, /至少上传 1 张照片/],
      ['ten photos → 422', async () => { const p = await noisyJpeg(); return { photos: Array(10).fill(p) }; }, 422, /最多上传 9 张/],
      ['a description over 500 characters → 422', async () => ({ description: '长'.repeat(501), photos: [await noisyJpeg()] }), 422, /500/],
      ['a latitude that is not a number → 422', async () => ({ lat: 'north' as unknown as number, photos: [await noisyJpeg()] }), 422, /.+/],
      ['a good photo after a bad one → 415, and the good one is not kept either', async () => ({ photos: [await noisyJpeg(), Buffer.from('nope')] }), 415, /第 2 张照片/],
    ];
    for (const [what, make, status, detail] of cases) {
      it(what, async () => {
        const res = await postReport(t, resident, await make());
        expect(res.status, JSON.stringify(res.body)).to.equal(status);
        expect(res.headers['content-type']).to.match(/problem\+json/);
        expect(res.body.detail).to.match(detail);
      });
    }

    it('a JSON body instead of multipart → 415', async () => {
      await t.http.post('/api/v1/reports').set(bearer(resident)).send({ category: 'road-damage' }).expect(415);
    });
    it('a multipart body cut off in the middle → 400', async () => {
      const res = await t.http.post('/api/v1/reports').set(bearer(resident)).set('Content-Type', 'multipart/form-data; boundary=XYZ')
        .send('--XYZ\r\nContent-Disposition: form-data; name="category"\r\n\r\nroad-damage\r\n--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\n\xff\xd8');
      expect(res.status).to.equal(400);
    });
    it('a body announced beyond nine photos of 10 MB → 413 before it is read', async () => {
      const res = await t.http.post('/api/v1/reports').set(bearer(resident)).set('Content-Type', 'multipart/form-data; boundary=XYZ')
        .set('Content-Length', String(100 * 1024 * 1024)).send('--XYZ--').catch((err) => err.response ?? { status: 413, headers: {}, body: {} });
      // Node may close the socket before the whole announced body is sent: the status is what matters.
      expect(res.status).to.equal(413);
    });
    it('a photo in another form field → 422 naming the field', async () => {
      const res = await t.http.post('/api/v1/reports').set(bearer(resident)).field('category', 'road-damage').attach('picture', await noisyJpeg(), 'a.jpg');
      expect(res.status).to.equal(422);
      expect(res.body.detail).to.match(/photos/);
      expect(res.body.errors[0].field).to.equal('picture');
    });
    it('a text field over 8 KB → 422 naming the field', async () => {
      const res = await t.http.post('/api/v1/reports').set(bearer(resident)).field('address', 'x'.repeat(9000)).attach('photos', await noisyJpeg(), 'a.jpg');
      expect(res.status).to.equal(422);
      expect(res.body.errors[0].field).to.equal('address');
    });
    it('a multipart type without a boundary → 400', async () => {
      const res = await t.http.post('/api/v1/reports').set(bearer(resident)).set('Content-Type', 'multipart/form-data').send('--XYZ--');
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(/problem\+json/);
    });
    it('nobody signed in → 401', async () => {
      await t.http.post('/api/v1/reports').attach('photos', await noisyJpeg(), 'a.jpg').field('category', 'road-damage').expect(401);
    });
  });

  describe('idempotency', () => {
    it('returns the first event for a retry with a new multipart boundary and the same key', async () => {
      const photo = await noisyJpeg({ seed: 99 });
      const first = await postReport(t, resident, { key: 'retry-1', photos: [photo], description: '路灯不亮', category: 'broken-streetlight' }).expect(201);
      const count = await t.db.models.Event.count();
      const again = await postReport(t, resident, { key: 'retry-1', photos: [photo], description: '路灯不亮', category: 'broken-streetlight' }).expect(201);
      expect(again.body.code).to.equal(first.body.code);
      expect(again.headers['idempotent-replayed']).to.equal('true');
      expect(await t.db.models.Event.count()).to.equal(count);
    });

    it('refuses the same key with a different photo with 422', async () => {
      await postReport(t, resident, { key: 'retry-2', photos: [await noisyJpeg({ seed: 1 })] }).expect(201);
      const res = await postReport(t, resident, { key: 'retry-2', photos: [await noisyJpeg({ seed: 2 })] }).expect(422);
      expect(res.body.type).to.match(/idempotency-key-reused$/);
    });
  });
});
