import { expect } from 'chai';
import { bootApp, type TestApp } from '../helpers/app';

describe('the error path', () => {
  let t: TestApp;
  before(async () => { t = await bootApp(); });
  after(async () => { await t.close(); });

  const isProblem = (res: { headers: Record<string, string>; body: Record<string, unknown> }, status: number, slug: string) => {
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(res.body.status).to.equal(status);
    expect(res.body.type).to.equal(`https://weave.city/problems/${slug}`);
    expect(res.body.title).to.be.a('string');
    expect(res.body.requestId).to.be.a('string');
    expect(JSON.stringify(res.body)).not.to.match(/at .*\.ts:\d+/);
  };

  it('answers an unknown API route with a 404 problem', async () => {
    const res = await t.http.get('/api/v1/no-such-thing').expect(404);
    isProblem(res, 404, 'not-found');
    expect(res.body.instance).to.equal('/api/v1/no-such-thing');
  });

  it('answers malformed JSON with 400', async () => {
    const res = await t.http.post('/api/v1/auth/staff').set('Content-Type', 'application/json').send('{"username": "admin",').expect(400);
    isProblem(res, 400, 'bad-request');
    expect(res.body.detail).to.contain('JSON');
  });

  it('answers a body over the limit with 413 and reads no further', async () => {
    const res = await t.http.post('/api/v1/auth/staff').set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'admin', password: 'x'.repeat(300 * 1024) })).expect(413);
    isProblem(res, 413, 'payload-too-large');
  });

  it('answers fields of the wrong type with 422 and one error per field', async () => {
    const res = await t.http.post('/api/v1/auth/staff').send({ username: 42 }).expect(422);
    isProblem(res, 422, 'validation');
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).to.deep.equal(['password', 'username']);
  });

  it('answers a JSON array where an object is required with 422', async () => {
    const res = await t.http.post('/api/v1/auth/staff').send([1, 2]).expect(422);
    isProblem(res, 422, 'validation');
  });

  it('answers a form-encoded body on a JSON endpoint with 415', async () => {
    const res = await t.http.post('/api/v1/auth/staff').type('form').send('username=admin&password=x').expect(415);
    isProblem(res, 415, 'unsupported-media-type');
  });

  it('answers a query parameter of the wrong type with 422 naming it', async () => {
    const res = await t.http.get('/api/v1/grids/locate?lat=north&lng=113.9').expect(422);
    expect(res.body.errors[0].field).to.equal('lat');
  });

  it('echoes a valid X-Request-Id and makes one up otherwise', async () => {
    const mine = await t.http.get('/healthz').set('X-Request-Id', 'req-12345678').expect(200);
    expect(mine.headers['x-request-id']).to.equal('req-12345678');
    const made = await t.http.get('/healthz').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('reports the process up at /healthz and the database ready at /readyz', async () => {
    expect((await t.http.get('/healthz').expect(200)).body.status).to.equal('ok');
    const ready = await t.http.get('/readyz').expect(200);
    expect(ready.body.database).to.be.oneOf(['sqlite', 'mysql']);
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await t.http.get('/healthz');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['content-security-policy']).to.contain("default-src 'self'");
    expect(res.headers).not.to.have.property('x-powered-by');
  });

  it('allows CORS only from configured origins', async () => {
    const allowed = await t.http.get('/healthz').set('Origin', 'http://localhost:5173');
    expect(allowed.headers['access-control-allow-origin']).to.equal('http://localhost:5173');
    const other = await t.http.get('/healthz').set('Origin', 'https://evil.example');
    expect(other.headers).not.to.have.property('access-control-allow-origin');
  });

  it('serves an OpenAPI 3.1 document that lists every endpoint', async () => {
    const res = await t.http.get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).to.equal('3.1.0');
    for (const p of ['/api/v1/auth/wechat', '/api/v1/auth/staff', '/api/v1/auth/refresh', '/api/v1/grids/locate', '/api/v1/grids/{code}', '/api/v1/units', '/api/v1/staff', '/api/v1/me']) {
      expect(res.body.paths, p).to.have.property(p);
    }
    expect(res.body.paths['/api/v1/units'].post.responses).to.have.property('201');
    expect(res.body.components.schemas).to.have.property('Problem');
  });
});
