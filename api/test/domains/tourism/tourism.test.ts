// Island tourist services over HTTP: islands and places, the nearby search, complaints and calls for help as
// events of the registry (routing, deadlines, exactly once under retries), escalation with a moved clock, the
// SOS board and complaint statistics, the places import, and bad input. The demo islands are Wanshan's.
import { expect } from 'chai';
import { DEMO_POINT_GCJ02 } from '../../../src/db/seed/demo';
import { DEMO_ISLANDS } from '../../../src/db/seed/islands';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';
import { noisyJpeg } from '../../helpers/photos';
import { waitFor } from '../../helpers/wait';

const GS = DEMO_ISLANDS[0].centre; // 桂山岛's centre, GCJ-02 as a phone reports it
const north = (p: { lat: number; lng: number }, metres: number) => ({ lat: p.lat + metres / 111_320, lng: p.lng });

describe('island tourist services', () => {
  let t: TestApp;
  let tourist: string, other: string, wanshan: string, duty: string, baoan: string;
  before(async () => {
    // Tokens that outlive the clock moved past a help call's 15 minutes.
    t = await bootApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '86400' } });
    [tourist, other, wanshan, duty, baoan] = await Promise.all([t.residentToken('tourist'), t.residentToken('other'), t.staffToken('wanshan'), t.staffToken('guishan-duty'), t.staffToken('dispatcher')]);
  });
  after(async () => { await t.close(); });

  const complain = (token: string, fields: Record<string, string>, o: { key?: string; photos?: Buffer[] } = {}) => {
    let req = t.http.post('/api/v1/tourism/complaints').set(bearer(token));
    if (o.key) req = req.set('Idempotency-Key', o.key);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    (o.photos ?? []).forEach((p, i) => { req = req.attach('photos', p, { filename: `p${i}.jpg`, contentType: 'image/jpeg' }); });
    return req;
  };
  const help = (token: string, body: Record<string, unknown>, key?: string) => {
    const req = t.http.post('/api/v1/tourism/help').set(bearer(token));
    return (key ? req.set('Idempotency-Key', key) : req).send({ type: 'medical', ...GS, phone: '13926901234', text: '同伴中暑晕倒', ...body });
  };

  describe('islands and places', () => {
    it('lists the islands with the units stationed on them', async () => {
      const { items } = (await t.http.get('/api/v1/islands').expect(200)).body;
      expect(items.map((i: { code: string }) => i.code)).to.deep.equal(['GS', 'DA', 'WLD']);
      const gs = items[0];
      expect(gs.units.map((u: { type: string }) => u.type).sort()).to.deep.equal(['emergency', 'market_regulation', 'tourism']);
      expect(gs.gcj02.lat).to.be.closeTo(GS.lat, 1e-4);
    });

    it('finds places near a position, nearest first, within the radius, with their distance', async () => {
      const { items } = (await t.http.get('/api/v1/places/nearby').query({ ...GS, radius: 500 }).expect(200)).body;
      expect(items.map((p: { code: string }) => p.code)).to.deep.equal(['GS-P-001', 'GS-M-001', 'GS-R-001', 'GS-C-001', 'GS-H-001', 'GS-R-002', 'GS-R-003']);
      expect(items.every((p: { distanceM: number }) => p.distanceM <= 500)).to.equal(true);
      expect(items[0]).to.include({ name: '桂山边防派出所', kind: 'police', kindName: '警务站', phone: '0756-8850110' });
      expect(items[0].distanceM).to.be.within(95, 120);
      expect(items[0].island).to.deep.equal({ code: 'GS', name: '桂山岛' });
    });

    it('filters by one kind or several, and limits the list', async () => {
      const hotels = (await t.http.get('/api/v1/places/nearby').query({ ...GS, radius: 3000, kind: 'hotel' }).expect(200)).body.items;
      expect(hotels.map((p: { code: string }) => p.code)).to.deep.equal(['GS-H-001', 'GS-H-002']);
      const care = (await t.http.get('/api/v1/places/nearby').query({ ...GS, radius: 3000, kind: 'clinic,police' }).expect(200)).body.items;
      expect(care.map((p: { kind: string }) => p.kind).sort()).to.deep.equal(['clinic', 'police']);
      expect((await t.http.get('/api/v1/places/nearby').query({ ...GS, radius: 3000, limit: 3 }).expect(200)).body.items).to.have.length(3);
    });

    it('says whether a place is open now, in the city\'s time', async () => {
      // 02:00 UTC is 10:00 in Zhuhai: the early-tea shop (06:00-10:30) is open, the seafood stall (10:00-14:00, 17:00-22:30) too.
      t.clock.set('2026-11-23T02:00:00Z');
      const at10 = (await t.http.get('/api/v1/places/GS-R-003').expect(200)).body;
      expect(at10.openNow).to.equal(true);
      t.clock.set('2026-11-23T07:00:00Z'); // 15:00
      expect((await t.http.get('/api/v1/places/GS-R-001').expect(200)).body.openNow).to.equal(false);
      expect((await t.http.get('/api/v1/places/GS-S-001').expect(200)).body.openNow).to.equal(true);
      t.clock.set('2026-11-23T02:00:00Z');
    });

    it('refuses bad searches with the field at fault', async () => {
      for (const [query, field] of [[{ ...GS, lat: 91 }, 'lat'], [{ ...GS, lng: 'east' }, 'lng'], [{ ...GS, radius: 10 }, 'radius'], [{ ...GS, radius: 50_000 }, 'radius'], [{ ...GS, kind: 'casino' }, 'kind'], [{ lng: GS.lng }, 'lat']] as const) {
        const res = await t.http.get('/api/v1/places/nearby').query(query).expect(422);
        expect(res.body.type).to.match(/validation$/);
        expect(res.body.errors.map((e: { field: string }) => e.field)).to.include(field);
      }
      expect((await t.http.get('/api/v1/places/NOPE').expect(404)).body.type).to.match(/not-found$/);
    });

    it('lets island staff create and edit places, which the nearby search shows at once', async () => {
      const spot = north(GS, 250);
      const created = (await t.http.post('/api/v1/places').set(bearer(wanshan)).send({ name: '海岛潜水中心', kind: 'scenic', island: 'GS', ...spot, address: '桂山岛南湾 8 号', phone: '13926909999', openingHours: '09:00-17:00' }).expect(201)).body;
      expect(created.code).to.match(/^PL\d{6}$/);
      const near = (await t.http.get('/api/v1/places/nearby').query({ ...spot, radius: 100 }).expect(200)).body.items;
      expect(near[0]).to.include({ code: created.code, name: '海岛潜水中心' });
      const edited = (await t.http.put(`/api/v1/places/${created.code}`).set(bearer(wanshan)).send({ name: '桂山潜水中心', active: false }).expect(200)).body;
      expect(edited).to.include({ name: '桂山潜水中心', active: false });
      const after = (await t.http.get('/api/v1/places/nearby').query({ ...spot, radius: 100 }).expect(200)).body.items;
      expect(after.map((p: { code: string }) => p.code)).not.to.include(created.code);
      const listed = (await t.http.get('/api/v1/places').query({ island: 'GS', q: '潜水' }).set(bearer(wanshan)).expect(200)).body;
      expect(listed.items.map((p: { name: string }) => p.name)).to.deep.equal(['桂山潜水中心']);
    });

    it('refuses bad places, duplicates, people out of scope and residents', async () => {
      const base = { name: '测试商店', kind: 'shop', island: 'GS', ...GS, address: '桂山岛 1 号' };
      await t.http.post('/api/v1/places').set(bearer(wanshan)).send({ ...base, code: 'GS-TEST-1' }).expect(201);
      expect((await t.http.post('/api/v1/places').set(bearer(wanshan)).send({ ...base, code: 'GS-TEST-1' }).expect(409)).body.errors[0].field).to.equal('code');
      const fields = async (body: object) => (await t.http.post('/api/v1/places').set(bearer(wanshan)).send(body).expect(422)).body.errors.map((e: { field: string }) => e.field);
      expect(await fields({ ...base, phone: '12345' })).to.deep.equal(['phone']);
      expect(await fields({ ...base, openingHours: '8点到10点' })).to.deep.equal(['openingHours']);
      expect(await fields({ ...base, kind: 'casino' })).to.deep.equal(['kind']);
      expect(await fields({ ...base, island: 'XX' })).to.deep.equal(['island']);
      expect(await fields({ ...base, ...DEMO_POINT_GCJ02 })).to.deep.equal(['lat']); // Bao'an is not on 桂山岛
      expect(await fields({ ...base, lat: '22.1' })).to.deep.equal(['lat']);
      await t.http.post('/api/v1/places').set(bearer(baoan)).send(base).expect(403);
      await t.http.post('/api/v1/places').set(bearer(tourist)).send(base).expect(403);
      await t.http.post('/api/v1/places').send(base).expect(401);
      await t.http.get('/api/v1/places').set(bearer(tourist)).expect(403);
      await t.http.put('/api/v1/places/NOPE').set(bearer(wanshan)).send({ name: '不存在的' }).expect(404);
      await t.http.post('/api/v1/places').set(bearer(wanshan)).set('Content-Type', 'application/json').send('{"name": ').expect(400);
    });
  });

  describe('complaints', () => {
    it('registers a complaint about a merchant as an event for the island\'s market regulation office, with the category\'s deadlines', async () => {
      const before = (await t.http.get('/api/v1/places/GS-R-001').expect(200)).body.complaintCount;
      const res = await complain(tourist, { category: 'overcharging', description: '海鲜按斤称重缺斤短两，结账多收 200 元', placeCode: 'GS-R-001', phone: '13926901234' }, { photos: [await noisyJpeg({ seed: 61 })] }).expect(201);
      expect(res.body).to.deep.include({ status: 'dispatched', category: 'overcharging', categoryName: '价格欺诈', place: { code: 'GS-R-001', name: '桂山海鲜大排档' }, island: { code: 'GS', name: '桂山岛' } });
      expect(res.body.unit).to.include({ name: '桂山镇市场监督管理所' });
      const due = new Date(res.body.deadlines.responseDueAt).getTime() - t.clock.now().getTime();
      expect(due).to.equal(4 * 3600_000);
      expect((await t.http.get('/api/v1/places/GS-R-001').expect(200)).body.complaintCount).to.equal(before + 1);
      // The tourist follows it as a reporter follows a report.
      const mine = (await t.http.get('/api/v1/me/reports').set(bearer(tourist)).expect(200)).body.items.map((e: { code: string }) => e.code);
      expect(mine).to.include(res.body.code);
      const detail = (await t.http.get(`/api/v1/events/${res.body.code}`).set(bearer(tourist)).expect(200)).body;
      expect(detail).to.include({ source: 'tourist_complaint', categoryCode: 'tourist-overcharging' });
      expect(detail.photos).to.have.length(1);
      expect(detail.evidence.verified).to.equal(true);
      await t.http.get(`/api/v1/events/${res.body.code}`).set(bearer(other)).expect(404);
    });

    it('sends safety and service complaints to the tourism service centre, and general ones by position', async () => {
      const safety = (await complain(tourist, { category: 'safety', description: '栈道护栏松动，有坠落危险', placeCode: 'GS-S-001' }).expect(201)).body;
      expect(safety.unit.name).to.equal('桂山岛游客服务中心');
      const general = (await complain(tourist, { category: 'service', description: '码头排队无人引导，秩序混乱', lat: String(DEMO_ISLANDS[1].centre.lat), lng: String(DEMO_ISLANDS[1].centre.lng) }).expect(201)).body;
      expect(general).to.deep.include({ place: null, island: { code: 'DA', name: '东澳岛' } });
      expect(general.unit.name).to.equal('东澳岛游客服务中心');
    });

    it('answers a retried complaint once, however often the phone sends it', async () => {
      const fields = { category: 'hygiene', description: '餐具未消毒，有异味', placeCode: 'GS-R-002' };
      const photo = await noisyJpeg({ seed: 62 });
      const count = await t.db.models.Event.count();
      const first = (await complain(tourist, fields, { key: 'complaint-retry-1', photos: [photo] }).expect(201));
      const again = (await complain(tourist, fields, { key: 'complaint-retry-1', photos: [photo] }).expect(201));
      expect(again.headers['idempotent-replayed']).to.equal('true');
      expect(again.body.code).to.equal(first.body.code);
      expect(await t.db.models.Event.count()).to.equal(count + 1);
      expect(await t.db.models.TouristComplaint.count({ where: { placeId: (await t.db.models.Place.findOne({ where: { code: 'GS-R-002' } }))!.get('id') as number } })).to.equal(1);
    });

    it('refuses bad complaints with a clear problem, and stores nothing', async () => {
      const count = await t.db.models.Event.count();
      const field = async (fields: Record<string, string>, status = 422) => (await complain(tourist, fields).expect(status)).body;
      expect((await field({ category: 'overcharging', description: '多收钱了很多', placeCode: 'NOPE' })).errors[0].field).to.equal('placeCode');
      expect((await field({ category: 'overcharging', description: '多收钱了很多', lat: '200', lng: '113.8' })).errors[0].field).to.equal('lat');
      expect((await field({ category: 'overcharging', description: '多收钱了很多', placeCode: 'GS-R-001', phone: '12345' })).errors[0].field).to.equal('phone');
      expect((await field({ category: 'bribery', description: '多收钱了很多', placeCode: 'GS-R-001' })).errors[0].field).to.equal('category');
      expect((await field({ category: 'overcharging', description: '贵' , placeCode: 'GS-R-001' })).errors[0].field).to.equal('description');
      expect((await field({ category: 'overcharging', description: '没有位置也没有商家' })).errors[0].field).to.equal('lat');
      expect((await field({ category: 'overcharging', description: '在宝安投诉海岛服务', lat: String(DEMO_POINT_GCJ02.lat), lng: String(DEMO_POINT_GCJ02.lng) })).type).to.match(/outside-islands$/);
      const notImage = await complain(tourist, { category: 'other', description: '附件不是照片', placeCode: 'GS-R-001' }, { photos: [Buffer.from('%PDF-1.4 not a photo')] }).expect(415);
      expect(notImage.headers['content-type']).to.match(/problem\+json/);
      await t.http.post('/api/v1/tourism/complaints').set(bearer(tourist)).send({ category: 'other', description: '不是表单', placeCode: 'GS-R-001' }).expect(415);
      await t.http.post('/api/v1/tourism/complaints').field('category', 'other').expect(401);
      expect(await t.db.models.Event.count()).to.equal(count);
    });

    it('lists complaints and counts them per merchant for staff in scope', async () => {
      const list = (await t.http.get('/api/v1/tourism/complaints').query({ island: 'GS' }).set(bearer(wanshan)).expect(200)).body;
      expect(list.total).to.be.at.least(3);
      expect(list.items[0]).to.include.keys('code', 'categoryName', 'place', 'island', 'statusName', 'unitName', 'overdue');
      const byPlace = (await t.http.get('/api/v1/tourism/complaints').query({ place: 'GS-R-001' }).set(bearer(wanshan)).expect(200)).body;
      expect(byPlace.items.every((c: { place: { code: string } }) => c.place.code === 'GS-R-001')).to.equal(true);
      const stats = (await t.http.get('/api/v1/tourism/complaints/stats').set(bearer(wanshan)).expect(200)).body;
      const seafood = stats.items.find((s: { place: { code: string } }) => s.place.code === 'GS-R-001');
      expect(seafood).to.deep.include({ total: 1, open: 1, closed: 0 });
      expect(seafood.byCategory).to.include({ overcharging: 1, hygiene: 0 });
      expect(stats.general).to.equal(1);
      // A day with no complaints, and staff of another district, see none.
      expect((await t.http.get('/api/v1/tourism/complaints/stats').query({ from: '2026-01-01', to: '2026-01-31' }).set(bearer(wanshan)).expect(200)).body).to.deep.equal({ items: [], general: 0 });
      expect((await t.http.get('/api/v1/tourism/complaints').set(bearer(baoan)).expect(200)).body.total).to.equal(0);
      await t.http.get('/api/v1/tourism/complaints/stats').query({ from: '2026-02-01', to: '2026-01-01' }).set(bearer(wanshan)).expect(422);
      await t.http.get('/api/v1/tourism/complaints').set(bearer(tourist)).expect(403);
    });
  });

  describe('help (SOS)', () => {
    it('registers a call for help as a level-1 event for the island\'s on-duty room with a 15-minute response deadline, and tells the on-duty staff at once', async () => {
      const res = await help(tourist, {}).expect(201);
      expect(res.body).to.deep.include({ type: 'medical', typeName: '医疗急救', status: 'dispatched', island: { code: 'GS', name: '桂山岛' }, responder: null, overdue: false, escalated: false });
      expect(res.body.unit).to.deep.equal({ name: '桂山岛应急值班室', phone: '0756-8850110' });
      expect(new Date(res.body.responseDueAt).getTime() - t.clock.now().getTime()).to.equal(15 * 60_000);
      const event = (await t.db.models.Event.findOne({ where: { code: res.body.code }, raw: true }))!;
      expect(event).to.include({ level: 1, source: 'tourist_help' });
      const dutyStaff = (await t.db.models.Staff.findOne({ where: { username: 'guishan-duty' }, raw: true }))!;
      expect(await t.db.models.Delivery.count({ where: { staffId: dutyStaff.id, topic: 'tourist_help' } })).to.equal(1);
    });

    it('shows the tourist who responds once the on-duty room accepts', async () => {
      const { code } = (await help(tourist, { type: 'lost', text: '孩子在沙滩走失' }).expect(201)).body;
      expect((await t.http.get(`/api/v1/tourism/help/${code}`).set(bearer(tourist)).expect(200)).body.responder).to.equal(null);
      await t.http.post(`/api/v1/events/${code}/accept`).set(bearer(duty)).send({ note: '已出发' }).expect(200);
      const status = (await t.http.get(`/api/v1/tourism/help/${code}`).set(bearer(tourist)).expect(200)).body;
      expect(status).to.deep.include({ status: 'in_progress', responder: { name: '桂山值班员 吴海' } });
      expect(status.respondedAt).to.be.a('string');
      await t.http.get(`/api/v1/tourism/help/${code}`).set(bearer(other)).expect(404);
      await t.http.get(`/api/v1/tourism/help/${code}`).set(bearer(baoan)).expect(404);
    });

    it('serves a boat at sea from the nearest island', async () => {
      const atSea = { lat: GS.lat - 0.08, lng: GS.lng }; // about 9 km south of 桂山岛, outside every grid
      const res = await help(tourist, { type: 'weather', ...atSea, text: '船只因大风无法返航' }).expect(201);
      expect(res.body.island.code).to.equal('GS');
      expect(res.body.unit.name).to.equal('桂山岛应急值班室');
    });

    it('escalates an unanswered call once its 15 minutes pass (moved clock)', async () => {
      const { code } = (await help(tourist, { type: 'safety', text: '有人跟踪' }).expect(201)).body;
      t.clock.advance(14 * 60_000);
      await t.services.events.checkDeadlines();
      expect((await t.http.get(`/api/v1/tourism/help/${code}`).set(bearer(tourist)).expect(200)).body.overdue).to.equal(false);
      t.clock.advance(2 * 60_000);
      await t.services.events.checkDeadlines();
      const status = (await t.http.get(`/api/v1/tourism/help/${code}`).set(bearer(tourist)).expect(200)).body;
      expect(status).to.include({ overdue: true, escalated: true });
      const supervisor = (await t.db.models.Staff.findOne({ where: { username: 'wanshan-supervisor' }, raw: true }))!;
      expect(await t.db.models.Delivery.count({ where: { staffId: supervisor.id, topic: 'event_overdue' } })).to.be.at.least(1);
      const timeline = (await t.http.get(`/api/v1/events/${code}`).set(bearer(tourist)).expect(200)).body.timeline;
      expect(timeline.at(-1)).to.include({ action: 'escalate', actorRole: 'system' });
    });

    it('creates one event for a call sent again after its answer was lost', async () => {
      const count = await t.db.models.HelpCall.count();
      const first = (await help(tourist, { type: 'other' }, 'sos-lost-answer').expect(201)).body;
      const retried = await help(tourist, { type: 'other' }, 'sos-lost-answer').expect(201);
      expect(retried.body.code).to.equal(first.code);
      expect(await t.db.models.HelpCall.count()).to.equal(count + 1);
      // Two sends at once (the retry timer and the network coming back) still make one.
      const both = await Promise.all([help(tourist, { type: 'other', text: '并发' }, 'sos-race'), help(tourist, { type: 'other', text: '并发' }, 'sos-race')]);
      expect(both.map((r) => r.status).sort()).to.satisfy((s: number[]) => s.includes(201) && s.every((x) => x === 201 || x === 409));
      expect(await t.db.models.HelpCall.count()).to.equal(count + 2);
    });

    it('refuses bad calls for help with the field at fault', async () => {
      const count = await t.db.models.HelpCall.count();
      const field = async (body: Record<string, unknown>) => (await help(tourist, body).expect(422)).body.errors[0].field;
      expect(await field({ phone: '110' })).to.equal('phone');
      expect(await field({ phone: undefined })).to.equal('phone');
      expect(await field({ type: 'boredom' })).to.equal('type');
      expect(await field({ lat: 95 })).to.equal('lat');
      expect(await field({ lng: 'east' })).to.equal('lng');
      expect(await field({ text: '长'.repeat(201) })).to.equal('text');
      expect(await field({ extra: 1 })).to.equal('(body)'); // an unknown field is refused, not ignored
      expect((await help(tourist, DEMO_POINT_GCJ02).expect(422)).body.type).to.match(/outside-islands$/);
      await t.http.post('/api/v1/tourism/help').set(bearer(tourist)).set('Content-Type', 'application/json').send('{"type":').expect(400);
      await t.http.post('/api/v1/tourism/help').set(bearer(tourist)).set('Content-Type', 'application/json').send(JSON.stringify({ text: 'x'.repeat(2_000_000) })).expect(413);
      await t.http.post('/api/v1/tourism/help').send({ type: 'medical' }).expect(401);
      expect(await t.db.models.HelpCall.count()).to.equal(count);
    });

    it('shows the SOS board newest first to island staff, with the phone to call back, and nothing to others', async () => {
      const board = (await t.http.get('/api/v1/tourism/help').set(bearer(wanshan)).expect(200)).body;
      expect(board.total).to.be.at.least(4);
      const codes = board.items.map((i: { code: string }) => i.code);
      expect([...codes].sort().reverse()).to.deep.equal(codes);
      expect(board.items[0]).to.include.keys('phone', 'text', 'lat', 'lng', 'gcj02', 'accuracyM', 'address', 'overdue', 'responder');
      expect(board.items.some((i: { overdue: boolean }) => i.overdue)).to.equal(true);
      expect((await t.http.get('/api/v1/tourism/help').query({ island: 'DA' }).set(bearer(wanshan)).expect(200)).body.total).to.equal(0);
      const duty = (await t.http.get('/api/v1/tourism/help').set(bearer(await t.staffToken('guishan-duty'))).expect(200)).body;
      expect(duty.total).to.equal(board.total);
      expect((await t.http.get('/api/v1/tourism/help').set(bearer(baoan)).expect(200)).body.total).to.equal(0);
      expect((await t.http.get('/api/v1/tourism/help').set(bearer(await t.staffToken('guishan-market'))).expect(200)).body.total).to.equal(0);
      await t.http.get('/api/v1/tourism/help').set(bearer(tourist)).expect(403);
      await t.http.get('/api/v1/tourism/help').query({ island: 'XX' }).set(bearer(wanshan)).expect(422);
    });
  });

  describe('places import', () => {
    const supervisor = () => t.staffToken('wanshan-supervisor');
    const upload = async (csv: string) => {
      const token = await supervisor();
      const res = await t.http.post('/api/v1/imports').set(bearer(token)).field('kind', 'places').attach('file', Buffer.from(csv, 'utf8'), 'places.csv').expect(202);
      return waitFor(async () => (await t.http.get(`/api/v1/imports/${res.body.id}`).set(bearer(token)).expect(200)).body, (b) => b.status !== 'running');
    };
    const header = 'code,name,kind,island_code,lat,lng,coord_system,address,phone,opening_hours,active';

    it('imports places; re-importing the same file changes nothing; the nearby search sees them', async () => {
      const csv = [header, `DA-R-900,东澳渔排餐厅,restaurant,DA,${DEMO_ISLANDS[1].centre.lat + 0.001},${DEMO_ISLANDS[1].centre.lng},gcj02,东澳岛渔排 2 号,13926908888,10:00-21:00,true`,
        `DA-H-900,东澳青年旅舍,hotel,DA,${DEMO_ISLANDS[1].centre.lat - 0.001},${DEMO_ISLANDS[1].centre.lng},,东澳岛村口,,,`].join('\n');
      const done = await upload(csv);
      expect(done).to.include({ status: 'done', appliedLines: 2, kindName: '海岛商家与服务点' });
      const count = await t.db.models.Place.count();
      const again = await upload(csv);
      expect(again.status).to.equal('done');
      expect(await t.db.models.Place.count()).to.equal(count);
      const near = (await t.http.get('/api/v1/places/nearby').query({ ...DEMO_ISLANDS[1].centre, radius: 300 }).expect(200)).body.items.map((p: { code: string }) => p.code);
      expect(near).to.include.members(['DA-R-900', 'DA-H-900']);
    });

    it('reports bad lines by number and field and applies none of the file', async () => {
      const count = await t.db.models.Place.count();
      const csv = [header, `DA-R-901,好餐厅,restaurant,DA,${DEMO_ISLANDS[1].centre.lat},${DEMO_ISLANDS[1].centre.lng},,东澳岛,,,`,
        'DA-R-902,坏餐厅,restaurant,XX,22.0,113.7,,东澳岛,,,', `DA-R-903,远餐厅,bar,DA,22.555,113.883,,宝安,123,,`].join('\n');
      const failed = await upload(csv);
      expect(failed.status).to.equal('failed');
      expect(failed.errors).to.deep.include({ line: 3, field: 'island_code', message: '海岛编码不存在' });
      expect(failed.errors.filter((e: { line: number }) => e.line === 4).map((e: { field: string }) => e.field)).to.deep.equal(['kind', 'phone']);
      expect(await t.db.models.Place.count()).to.equal(count);
    });
  });
});
