// Houses and QR codes, CSV imports (progress, line errors, all or nothing), the collision job and the
// per-grid colours, through HTTP.
import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';
import { DEMO_PEOPLE, DEMO_UNDECLARED } from '../../../src/db/seed/residence';
import { withCheckCharacter } from '../../../src/domains/declarations/id-number';
import { waitFor } from '../../helpers/wait';

describe('houses, imports and collision', () => {
  let t: TestApp;
  let supervisor: string, worker: string;
  const upload = async (kind: string, csv: string, name = `${kind}.csv`) => {
    const res = await t.http.post('/api/v1/imports').set(bearer(supervisor)).field('kind', kind).attach('file', Buffer.from(csv, 'utf8'), name).expect(202);
    expect(res.body).to.include({ status: 'running', kind });
    return waitFor(async () => (await t.http.get(`/api/v1/imports/${res.body.id}`).set(bearer(supervisor)).expect(200)).body, (b) => b.status !== 'running');
  };
  before(async () => {
    t = await bootApp();
    supervisor = await t.staffToken('supervisor');
    worker = await t.staffToken('gridworker');
  });
  after(async () => { await t.close(); });

  it('searches houses in scope by code prefix and address', async () => {
    const res = await t.http.get('/api/v1/houses?q=河东花园3栋2').set(bearer(worker)).expect(200);
    expect(res.body.items.map((h: { code: string }) => h.code)).to.deep.equal(['BA0304-003-0201', 'BA0304-003-0202']);
    expect(res.body.items[0]).to.include({ useName: '出租屋', colour: 'none', colourName: '灰', landlordPhone: '138****8000' });
    await t.http.get('/api/v1/houses').set(bearer(await t.staffToken('handler'))).expect(403);
  });

  it('creates a house, refuses a duplicate code (409) and a grid outside the caller\'s scope (403)', async () => {
    const body = { code: 'BA0304-005-0101', address: '河东花园5栋101', building: '河东花园5栋', floor: 1, room: '101', use: 'rental', capacity: 3, gridCode: 'BA0304' };
    const res = await t.http.post('/api/v1/houses').set(bearer(worker)).send(body).expect(201);
    expect(res.body).to.include({ code: 'BA0304-005-0101', gridCode: 'BA0304' });
    await t.http.post('/api/v1/houses').set(bearer(worker)).send(body).expect(409);
    const other = await t.db.models.Grid.findOne({ where: { code: 'BA0101' }, raw: true });
    if (other) await t.http.post('/api/v1/houses').set(bearer(worker)).send({ ...body, code: 'BA0101-1-1', gridCode: 'BA0101' }).expect(403);
    await t.http.post('/api/v1/houses').set(bearer(worker)).send({ ...body, capacity: 'many' }).expect(422);
  });

  it('draws QR codes pointing at the declaration link, and a sheet for a building', async () => {
    const png = await t.http.get('/api/v1/houses/BA0304-003-0101/qr.png').set(bearer(worker)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(png.headers['content-type']).to.equal('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).to.equal('PNG');
    const svg = await t.http.get('/api/v1/houses/BA0304-003-0101/qr.svg').set(bearer(worker)).expect(200);
    expect(svg.headers['content-type']).to.match(/image\/svg\+xml/);
    const sheet = await t.http.get('/api/v1/houses/qr-sheet?building=河东花园3栋').set(bearer(worker)).expect(200);
    expect(sheet.body.items).to.have.length(8);
    expect(sheet.body.items[0].qrSvg).to.match(/^<svg/);
    await t.http.get('/api/v1/houses/qr-sheet').set(bearer(worker)).expect(422);
    const link = await t.http.get('/h/BA0304-003-0101').expect(302);
    expect(link.headers.location).to.equal('/h5/#/packages/residence/pages/declare/index?house=BA0304-003-0101');
  });

  it('imports houses with progress; a file with bad lines reports them by line number and applies nothing', async () => {
    const header = 'code,address,building,floor,room,use,capacity,grid_code,landlord_name,landlord_phone';
    const bad = await upload('houses', `${header}\nBA0304-007-0101,河东花园7栋101,河东花园7栋,1,101,rental,2,BA0304,林,13700000000\nBA0304-007-0102,河东花园7栋102,河东花园7栋,1,102,castle,2,BA0304,,\nBA0304-007-0103,河东花园7栋103,河东花园7栋,1,103,rental,2,ZZ9999,,\n`);
    expect(bad).to.include({ status: 'failed', errorCount: 2, appliedLines: 0 });
    expect(bad.errors).to.deep.equal([{ line: 3, field: 'use', message: '用途应为 residential/rental/dormitory/shop_house' }, { line: 4, field: 'grid_code', message: '网格不存在' }]);
    expect(await t.db.models.House.count({ where: { building: '河东花园7栋' } })).to.equal(0);
    const good = await upload('houses', `${header}\nBA0304-007-0101,河东花园7栋101,河东花园7栋,1,101,rental,2,BA0304,林,13700000000\n"BA0304-007-0102","河东花园7栋102, 北侧",河东花园7栋,1,102,dormitory,8,BA0304,,\n`);
    expect(good).to.include({ status: 'done', processedLines: 2, appliedLines: 2, errorCount: 0 });
    const house = await t.http.get('/api/v1/houses/BA0304-007-0102').set(bearer(worker)).expect(200);
    expect(house.body).to.include({ address: '河东花园7栋102, 北侧', use: 'dormitory', capacity: 8 });
  });

  it('refuses imports from roles without the right, files that are not CSV forms, and missing columns', async () => {
    await t.http.post('/api/v1/imports').set(bearer(worker)).field('kind', 'houses').attach('file', Buffer.from('code\n'), 'h.csv').expect(403);
    await t.http.post('/api/v1/imports').set(bearer(supervisor)).send({ kind: 'houses' }).expect(415);
    await t.http.post('/api/v1/imports').set(bearer(supervisor)).field('kind', 'planets').attach('file', Buffer.from('x\n'), 'p.csv').expect(422);
    const missing = await upload('population', 'id_number\n110105194912310020\n');
    expect(missing).to.include({ status: 'failed' });
    expect(missing.errors[0]).to.deep.include({ line: 1, message: '缺少列：name' });
    const broken = await upload('population', 'id_number,name\n"11010519491231002X,王\n');
    expect(broken.status).to.equal('failed');
  });

  it('imports the population base (an update for a known number) and rental reports matched by code or address', async () => {
    const extra = withCheckCharacter('44030619700101201');
    const pop = await upload('population', `id_number,name,registered_address\n${extra},孙立,广东省深圳市\n${DEMO_PEOPLE[0].idNumber},王小明,广东省深圳市宝安区\n`);
    expect(pop).to.include({ status: 'done', appliedLines: 2 });
    expect(await t.db.models.PopulationRecord.count()).to.equal(DEMO_PEOPLE.length + 2);
    const reports = await upload('rental_reports', [
      'house_code,address,id_number,occupancy,source,reported_on',
      `BA0304-003-0202,,${extra},occupied,family_planning,2026-11-01`,
      `,深圳市宝安区西乡街道河东社区河东花园3栋202室,${extra},occupied,utilities,2026-11-02`,
      `BA0304-007-0101,,,vacant,utilities,${new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10)}`,
      `ZZ-NOPE,,${extra},occupied,police,2026-11-01`,
    ].join('\n'));
    expect(reports).to.include({ status: 'failed', errorCount: 1 });
    expect(reports.errors[0]).to.deep.include({ line: 5, field: 'house_code' });
    const ok = await upload('rental_reports', [
      'house_code,address,id_number,occupancy,source,reported_on',
      `BA0304-003-0202,,${extra},occupied,family_planning,2026-11-01`,
      `,深圳市宝安区西乡街道河东社区河东花园3栋202室,${extra},occupied,utilities,2026-11-02`,
      `BA0304-007-0101,,,vacant,utilities,${new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10)}`,
    ].join('\n'));
    expect(ok).to.include({ status: 'done', appliedLines: 3 });
    const list = await t.http.get('/api/v1/imports').set(bearer(supervisor)).expect(200);
    expect(list.body.items.length).to.be.greaterThan(3);
  });

  it('collides: undeclared occupants open one enforcement event per house and remind the landlord; vacancy gives a task; nothing is raised twice', async () => {
    // Someone is declared at 7栋101, which utilities report vacant from tomorrow.
    const tenant = await t.residentToken('tenant');
    await t.http.post('/api/v1/residence/declarations').set(bearer(tenant)).send({ houseCode: 'BA0304-007-0101', idNumber: DEMO_PEOPLE[2].idNumber, name: DEMO_PEOPLE[2].name }).expect(201);
    t.clock.advance(2 * 86_400_000);
    const fresh = (await t.http.post('/api/v1/auth/staff').send({ username: 'supervisor', password: 'Weave@2026' })).body.accessToken;
    supervisor = fresh;
    await t.http.post('/api/v1/collisions').set(bearer(worker)).send({}).expect(401); // the worker's token has expired with the clock
    const freshWorker = (await t.http.post('/api/v1/auth/staff').send({ username: 'gridworker', password: 'Weave@2026' })).body.accessToken;
    await t.http.post('/api/v1/collisions').set(bearer(freshWorker)).send({}).expect(403);
    const started = await t.http.post('/api/v1/collisions').set(bearer(supervisor)).send({}).expect(202);
    expect(started.body.status).to.equal('running');
    await t.services.collisions.settled();
    const runs = await t.http.get('/api/v1/collisions').set(bearer(supervisor)).expect(200);
    const run = runs.body.items[0];
    // The demo's police report (赵刚 at 3栋201) and 孙立 at 3栋202 (two reports, one finding); 7栋101 reported vacant.
    expect(run).to.include({ status: 'done', undeclared: 2, declaredButEmpty: 1, eventsCreated: 2, tasksCreated: 1 });
    const findings = await t.http.get(`/api/v1/collisions/${run.id}/findings?kind=undeclared`).set(bearer(supervisor)).expect(200);
    expect(findings.body.items.map((f: { house: { code: string } }) => f.house.code).sort()).to.deep.equal(['BA0304-003-0201', 'BA0304-003-0202']);
    expect(findings.body.items.find((f: { house: { code: string } }) => f.house.code === 'BA0304-003-0202')).to.include({ source: 'utilities', sourceName: '水电燃气' });
    const eventCode = findings.body.items[0].eventCode;
    const event = await t.http.get(`/api/v1/events/${eventCode}`).set(bearer(supervisor)).expect(200);
    expect(event.body).to.include({ source: 'collision', categoryCode: 'undeclared-rental', status: 'dispatched', unitName: '西乡街道城市管理办公室' });
    expect(JSON.stringify(findings.body)).not.to.include(DEMO_UNDECLARED.idNumber);
    const landlordInbox = await t.http.get('/api/v1/me/inbox').set(bearer((await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:resident' })).body.accessToken)).expect(200);
    expect(landlordInbox.body.items.map((m: { title: string }) => m.title)).to.include('请督促租客申报');
    const red = await t.http.get('/api/v1/houses?colour=red').set(bearer(freshWorker)).expect(200);
    expect(red.body.items.map((h: { code: string }) => h.code).sort()).to.deep.equal(['BA0304-003-0201', 'BA0304-003-0202']);
    const tasks = await t.http.get('/api/v1/verification-tasks?status=open').set(bearer(freshWorker)).expect(200);
    expect(tasks.body.items.find((x: { kind: string }) => x.kind === 'declared_but_empty').house.code).to.equal('BA0304-007-0101');

    const again = await t.services.collisions.run('manual');
    expect(again).to.include({ undeclared: 0, declaredButEmpty: 0, eventsCreated: 0 });
  });

  it('closes a finding once the person declares, and the house leaves red', async () => {
    const stranger = (await t.http.post('/api/v1/auth/wechat').send({ code: 'dev:zhao' })).body.accessToken;
    await t.http.post('/api/v1/residence/declarations').set(bearer(stranger)).send({ houseCode: 'BA0304-003-0201', idNumber: DEMO_UNDECLARED.idNumber, name: DEMO_UNDECLARED.name }).expect(201);
    await t.services.collisions.run('manual');
    const worker2 = (await t.http.post('/api/v1/auth/staff').send({ username: 'gridworker', password: 'Weave@2026' })).body.accessToken;
    const house = await t.http.get('/api/v1/houses/BA0304-003-0201').set(bearer(worker2)).expect(200);
    expect(house.body.colour).to.equal('green');
  });

  it('counts colours and the declaration rate per grid', async () => {
    const sup = (await t.http.post('/api/v1/auth/staff').send({ username: 'supervisor', password: 'Weave@2026' })).body.accessToken;
    const res = await t.http.get('/api/v1/residence/grid-stats').set(bearer(sup)).expect(200);
    const grid = res.body.items.find((g: { gridCode: string }) => g.gridCode === 'BA0304');
    expect(grid.houses).to.equal(11);
    expect(grid.red).to.equal(1);
    expect(grid.occupied).to.equal(grid.red + grid.yellow + grid.green);
    expect(grid.declarationRate).to.be.closeTo((grid.occupied - 1) / grid.occupied, 1e-9);
  });
});
