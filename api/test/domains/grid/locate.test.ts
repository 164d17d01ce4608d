import { expect } from 'chai';
import { DEMO_POINT_GCJ02 } from '../../../src/db/seed/demo';
import { toWgs84 } from '../../../src/domains/grid';
import { bootApp, type TestApp } from '../../helpers/app';

describe('GET /grids/locate', () => {
  let t: TestApp;
  before(async () => { t = await bootApp(); });
  after(async () => { await t.close(); });

  it('places WeChat\'s GCJ-02 demo point in grid BA0304 of 河东社区, 西乡街道', async () => {
    const res = await t.http.get(`/api/v1/grids/locate?lat=${DEMO_POINT_GCJ02.lat}&lng=${DEMO_POINT_GCJ02.lng}`).expect(200);
    expect(res.body.grid).to.include({ code: 'BA0304', communityName: '河东社区', streetName: '西乡街道' });
    const wgs = toWgs84(DEMO_POINT_GCJ02, 'gcj02');
    expect(res.body.point.lat).to.be.closeTo(wgs.lat, 1e-6);
  });

  it('accepts WGS-84 input and finds the same grid for the same place', async () => {
    const wgs = toWgs84(DEMO_POINT_GCJ02, 'gcj02');
    const res = await t.http.get(`/api/v1/grids/locate?lat=${wgs.lat}&lng=${wgs.lng}&coordSystem=wgs84`).expect(200);
    expect(res.body.grid.code).to.equal('BA0304');
  });

  it('treats the same numbers as a different place when the coordinate system differs', async () => {
    // 22.555, 113.883 read as WGS-84 lies ~500 m from the GCJ-02 reading.
    const res = await t.http.get(`/api/v1/grids/locate?lat=${DEMO_POINT_GCJ02.lat}&lng=${DEMO_POINT_GCJ02.lng}&coordSystem=wgs84`);
    expect(res.status === 404 || res.body.grid.code !== 'BA0304').to.equal(true);
  });

  it('gives a point on the border of two grids to the grid with the smaller id, every time', async () => {
    const a = await t.db.models.Grid.findOne({ where: { code: 'BA0304' }, raw: true });
    const b = await t.db.models.Grid.findOne({ where: { code: 'BA0305' }, raw: true });
    const ring = (typeof a!.polygon === 'string' ? JSON.parse(a!.polygon) : a!.polygon)[0] as number[][];
    const other = (typeof b!.polygon === 'string' ? JSON.parse(b!.polygon) : b!.polygon)[0] as number[][];
    const shared = ring.find(([x, y]) => other.some(([u, v]) => u === x && v === y))!;
    for (let i = 0; i < 3; i++) {
      const res = await t.http.get(`/api/v1/grids/locate?lat=${shared[1]}&lng=${shared[0]}&coordSystem=wgs84`).expect(200);
      expect(res.body.grid.id).to.equal(Math.min(a!.id, b!.id));
    }
  });

  it('answers a point outside every grid with a 404 problem that suggests typing the address', async () => {
    const res = await t.http.get('/api/v1/grids/locate?lat=39.9&lng=116.4').expect(404);
    expect(res.body.type).to.match(/not-found$/);
    expect(res.body.detail).to.contain('手动填写地址');
  });

  it('refuses coordinates out of range or missing, and an unknown coordinate system', async () => {
    await t.http.get('/api/v1/grids/locate?lat=91&lng=113').expect(422);
    await t.http.get('/api/v1/grids/locate?lat=22.5').expect(422);
    const res = await t.http.get('/api/v1/grids/locate?lat=22.5&lng=113.9&coordSystem=bd09').expect(422);
    expect(res.body.errors[0].field).to.equal('coordSystem');
  });

  it('notices a grid added after the index was built', async () => {
    await t.http.get('/api/v1/grids/locate?lat=30.0005&lng=120.0005&coordSystem=wgs84').expect(404);
    const polygon = [[[120, 30], [120.001, 30], [120.001, 30.001], [120, 30.001], [120, 30]]];
    const region = await t.db.models.Region.findOne({ where: { code: '440306001001' }, raw: true });
    await t.db.models.Grid.create({ code: 'NEW01', name: '新网格', regionId: region!.id, polygon, minLat: 30, minLng: 120, maxLat: 30.001, maxLng: 120.001, areaKm2: 0.01 });
    t.clock.advance(11_000);
    const res = await t.http.get('/api/v1/grids/locate?lat=30.0005&lng=120.0005&coordSystem=wgs84').expect(200);
    expect(res.body.grid.code).to.equal('NEW01');
  });
});
