// A resident's mobile number, verified by WeChat (getPhoneNumber → getuserphonenumber through the
// stand-in over real HTTP): kept on the account, shown masked, used to find the houses a landlord lets.
import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';

describe('verified phone numbers', () => {
  let t: TestApp;
  before(async () => { t = await bootApp(); });
  after(async () => { await t.close(); });

  const devCode = async (phone: string) => (await t.http.get(`/api/v1/auth/dev-phone-code?phone=${phone}`).expect(200)).body.code as string;

  it('keeps the number WeChat verified and shows it masked', async () => {
    const token = await t.residentToken('lin');
    const res = await t.http.post('/api/v1/me/phone').set(bearer(token)).send({ code: await devCode('13912345678') }).expect(200);
    expect(res.body).to.deep.equal({ phone: '139****5678', landlordHouses: 0 });
    const me = await t.http.get('/api/v1/me').set(bearer(token)).expect(200);
    expect(me.body.phone).to.equal('139****5678');
    const prefill = await t.http.post('/api/v1/residence/prefill').set(bearer(token)).send({ houseCode: 'BA0304-003-0101', idNumber: '440306199001011236', name: '王小明' }).expect(200);
    expect(prefill.body.phone).to.equal('13912345678'); // the caller's own number, to prefill their own form
  });

  it('refuses a used or made-up code with 422, and staff with 403', async () => {
    const token = await t.residentToken('lin');
    const code = await devCode('13912345678');
    await t.http.post('/api/v1/me/phone').set(bearer(token)).send({ code }).expect(200);
    const again = await t.http.post('/api/v1/me/phone').set(bearer(token)).send({ code }).expect(422);
    expect(again.body.errors[0].field).to.equal('code');
    await t.http.post('/api/v1/me/phone').set(bearer(token)).send({ code: 'made-up' }).expect(422);
    await t.http.post('/api/v1/me/phone').set(bearer(token)).send({}).expect(422);
    await t.http.post('/api/v1/me/phone').set(bearer(await t.staffToken('gridworker'))).send({ code: await devCode('13900000000') }).expect(403);
    await t.http.post('/api/v1/me/phone').send({ code }).expect(401);
    await t.http.get('/api/v1/auth/dev-phone-code?phone=123').expect(422);
  });

  it('lets a landlord whose phone the house registry holds see and confirm tenants', async () => {
    // The demo building's landlord phone is 13800138000; this account is not linked to it otherwise.
    const landlord = await t.residentToken('chen');
    expect((await t.http.get('/api/v1/me/houses').set(bearer(landlord)).expect(200)).body.items).to.deep.equal([]);
    const tenant = await t.residentToken('tenant');
    const declared = await t.http.post('/api/v1/residence/declarations').set(bearer(tenant)).send({ houseCode: 'BA0304-003-0201', idNumber: '450121199507084429', name: '黄丽' }).expect(201);
    const res = await t.http.post('/api/v1/me/phone').set(bearer(landlord)).send({ code: await devCode('13800138000') }).expect(200);
    expect(res.body.landlordHouses).to.equal(8);
    const houses = await t.http.get('/api/v1/me/houses').set(bearer(landlord)).expect(200);
    const house = houses.body.items.find((h: { code: string }) => h.code === 'BA0304-003-0201');
    expect(house.tenants.map((x: { name: string }) => x.name)).to.deep.equal(['黄*']);
    await t.http.post(`/api/v1/me/houses/BA0304-003-0201/tenants/${declared.body.id}/confirm`).set(bearer(landlord)).send({}).expect(200);
  });
});
