import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer, report } from '../../helpers/events';

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let key: string;
  let reported: string;
  before(async () => {
    t = await bootApp();
    const admin = await t.staffToken('admin');
    key = (await t.http.post('/api/v1/open311-keys').set(bearer(admin)).send({ name: '12345 热线系统' }).expect(201)).body.key;
    reported = (await report(t, await t.residentToken('amy'))).code;
  });
  after(async () => { await t.close(); });

  it('offers discovery in JSON and XML with absolute URLs and both formats', async () => {
    const json = await t.http.get('/open311/v2/discovery.json').expect(200).expect('Content-Type', /application\/json/);
    expect(json.body.endpoints[0]).to.include({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' });
    expect(json.body.endpoints[0].url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/open311\/v2\/$/);
    expect(json.body.endpoints[0].formats).to.deep.equal(['text/xml', 'application/json']);
    const xml = await t.http.get('/open311/v2/discovery.xml').expect(200).expect('Content-Type', /text\/xml/);
    expect(xml.text).to.contain('<discovery>').and.to.contain('<format>text/xml</format>');
  });

  it('lists our categories as services, with string codes', async () => {
    const json = (await t.http.get('/open311/v2/services.json').expect(200)).body;
    expect(json).to.have.length(33);
    expect(json.find((s: { service_code: string }) => s.service_code === 'blocked-drain')).to.include({ service_name: '下水道堵塞', type: 'realtime', metadata: false, group: '紧急' });
    const xml = (await t.http.get('/open311/v2/services.xml').expect(200)).text;
    expect(xml).to.contain('<services>').and.to.contain('<service_code>blocked-drain</service_code>');
    const def = (await t.http.get('/open311/v2/services/blocked-drain.json').expect(200)).body;
    expect(def).to.deep.equal({ service_code: 'blocked-drain', attributes: [] });
  });

  it('accepts a request with a valid key and answers its id, then shows it as open with W3C datetimes', async () => {
    const res = await t.http.post('/open311/v2/requests.json').type('form').send({ api_key: key, service_code: 'waterlogging', lat: '22.5580404', long: '113.8781046', description: '下雨后路口积水', address_string: '宝安区西乡街道河东社区' }).expect(201);
    const id = res.body[0].service_request_id;
    expect(id).to.match(/^BA-\d{8}-\d{6}$/);
    expect(res.body[0].service_notice).to.contain(id);
    const [request] = (await t.http.get(`/open311/v2/requests/${id}.json`).expect(200)).body;
    expect(request).to.include({ service_request_id: id, status: 'open', service_code: 'waterlogging', agency_responsible: '宝安区水务局', lat: 22.5580404, long: 113.8781046 });
    expect(request.requested_datetime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(request.expected_datetime).to.match(/\+08:00$/);
    const event = (await t.db.models.Event.findOne({ where: { code: id }, raw: true }))!;
    expect(event.source).to.equal('open311');
    const xml = (await t.http.post('/open311/v2/requests.xml').type('form').send({ api_key: key, service_code: 'graffiti', lat: '22.558', long: '113.878' }).expect(201)).text;
    expect(xml).to.match(/<service_requests>\s*<request>\s*<service_request_id>BA-/);
  });

  it('filters requests by id list, service code, status and dates', async () => {
    const all = (await t.http.get('/open311/v2/requests.json').expect(200)).body;
    expect(all.length).to.be.greaterThan(1);
    const one = (await t.http.get(`/open311/v2/requests.json?service_request_id=${reported},BA-20000101-000009`).expect(200)).body;
    expect(one.map((r: { service_request_id: string }) => r.service_request_id)).to.deep.equal([reported]);
    // The resident's photo is not public before content security passed it (here, a moderator).
    expect(one[0].media_url).to.equal(null);
    const queue = await t.http.get('/api/v1/moderation/items?kind=photo').set(bearer(await t.staffToken('dispatcher'))).expect(200);
    const item = queue.body.items.find((i: { eventCode: string }) => i.eventCode === reported);
    await t.http.post(`/api/v1/moderation/items/${item.id}/approve`).set(bearer(await t.staffToken('dispatcher'))).expect(200);
    const passed = (await t.http.get(`/open311/v2/requests.json?service_request_id=${reported}`).expect(200)).body;
    expect(passed[0].media_url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/media\/.+sig=/);
    const drains = (await t.http.get('/open311/v2/requests.json?service_code=waterlogging').expect(200)).body;
    expect(drains.every((r: { service_code: string }) => r.service_code === 'waterlogging')).to.equal(true);
    expect((await t.http.get('/open311/v2/requests.json?status=closed').expect(200)).body).to.deep.equal([]);
    expect((await t.http.get('/open311/v2/requests.json?start_date=2030-01-01T00:00:00%2B08:00').expect(200)).body).to.deep.equal([]);
    const xml = (await t.http.get('/open311/v2/requests.xml?status=open').expect(200)).text;
    expect(xml).to.contain('<service_requests>').and.to.contain('<status>open</status>');
  });

  it('shows a rejected request as closed, with its closing time as updated_datetime', async () => {
    const dispatcher = await t.staffToken('dispatcher');
    const { code } = await report(t, await t.residentToken('amy'), { category: 'illegal-construction' });
    await t.http.post(`/api/v1/events/${code}/reject`).set(bearer(dispatcher)).send({ reason: '不属实' }).expect(200);
    const [r] = (await t.http.get(`/open311/v2/requests/${code}.json`).expect(200)).body;
    expect(r).to.include({ status: 'closed' });
    expect(r.updated_datetime).to.match(/\+08:00$/);
  });

  describe('errors, as lists with the HTTP status', () => {
    const cases: [string, () => ReturnType<TestApp['http']['get']>, number, RegExp][] = [
      ['a POST without api_key → 403', () => t.http.post('/open311/v2/requests.json').type('form').send({ service_code: 'graffiti', lat: '22.558', long: '113.878' }), 403, /api_key/],
      ['a POST with a wrong api_key → 403', () => t.http.post('/open311/v2/requests.json').type('form').send({ api_key: 'nope', service_code: 'graffiti', lat: '22.558', long: '113.878' }), 403, /api_key/],
      ['an unknown service → 404', () => t.http.get('/open311/v2/services/unicorns.json'), 404, /unicorns/],
      ['an unknown request → 404', () => t.http.get('/open311/v2/requests/BA-20000101-000001.json'), 404, /not found/],
      ['a bad date → 400', () => t.http.get('/open311/v2/requests.json?start_date=yesterday'), 400, /start_date/],
      ['an address without coordinates → 400', () => t.http.post('/open311/v2/requests.json').type('form').send({ api_key: key, service_code: 'graffiti', address_string: '某路 1 号' }), 400, /lat and long/],
      ['a point outside every grid → 400', () => t.http.post('/open311/v2/requests.json').type('form').send({ api_key: key, service_code: 'graffiti', lat: '39.9', long: '116.4' }), 400, /网格/],
    ];
    for (const [what, call, status, description] of cases) {
      it(what, async () => {
        const res = await call();
        expect(res.status).to.equal(status);
        expect(res.body).to.be.an('array').with.length(1);
        expect(res.body[0].code).to.equal(status);
        expect(res.body[0].description).to.match(description);
      });
    }

    it('in XML too', async () => {
      const res = await t.http.post('/open311/v2/requests.xml').type('form').send({ service_code: 'graffiti', lat: '22.558', long: '113.878' }).expect(403);
      expect(res.text).to.match(/<errors>\s*<error>\s*<code>403<\/code>\s*<description>/);
    });

    it('refuses a revoked key', async () => {
      const admin = await t.staffToken('admin');
      const { body } = await t.http.post('/api/v1/open311-keys').set(bearer(admin)).send({ name: '临时' }).expect(201);
      await t.http.post(`/api/v1/open311-keys/${body.id}/revoke`).set(bearer(admin)).expect(204);
      await t.http.post('/open311/v2/requests.json').type('form').send({ api_key: body.key, service_code: 'graffiti', lat: '22.558', long: '113.878' }).expect(403);
      const keys = (await t.http.get('/api/v1/open311-keys').set(bearer(admin)).expect(200)).body.items;
      expect(keys.find((k: { id: number }) => k.id === body.id).revokedAt).to.be.a('string');
      expect(JSON.stringify(keys)).not.to.contain(body.key);
    });

    it('keeps key management to admins', async () => {
      await t.http.post('/api/v1/open311-keys').set(bearer(await t.staffToken('dispatcher'))).send({ name: '调度系统' }).expect(403);
      await t.http.get('/api/v1/open311-keys').expect(401);
    });
  });
});
