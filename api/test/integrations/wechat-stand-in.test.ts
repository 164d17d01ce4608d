import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createWechatClient, WechatApiError, WechatUnreachable } from '../../src/integrations/wechat/client';
import { startWechatStandIn, type StandIn } from '../../src/integrations/wechat/stand-in';

describe('the WeChat client against the stand-in', () => {
  let standIn: StandIn;
  before(async () => { standIn = await startWechatStandIn({ appId: 'wxA', secret: 'sA' }); });
  after(async () => { await standIn.close(); });

  it('speaks jscode2session: a dev code gives openid dev-<name>', async () => {
    const client = createWechatClient({ apiBase: standIn.url, appId: 'wxA', secret: 'sA', timeoutMs: 2000 });
    const session = await client.code2Session('dev:li');
    expect(session.openid).to.equal('dev-li');
    expect(session.sessionKey).to.be.a('string');
  });

  const refusals: [string, string, string, number][] = [
    ['a wrong appid', 'wxB', 'dev:li', 40013],
    ['an invalid code', 'wxA', 'abc', 40029],
    ['a busy server', 'wxA', 'dev:!busy', -1],
  ];
  for (const [what, appId, code, errcode] of refusals) {
    it(`reports errcode ${errcode} for ${what}`, async () => {
      const client = createWechatClient({ apiBase: standIn.url, appId, secret: 'sA', timeoutMs: 2000 });
      const err = await client.code2Session(code).catch((e) => e);
      expect(err).to.be.instanceOf(WechatApiError);
      expect(err.errcode).to.equal(errcode);
    });
  }

  it('reports an unreachable server as such', async () => {
    const client = createWechatClient({ apiBase: 'http://127.0.0.1:1', appId: 'wxA', secret: 'sA', timeoutMs: 500 });
    expect(await client.code2Session('dev:li').catch((e) => e)).to.be.instanceOf(WechatUnreachable);
  });

  it('stops calling an unreachable WeChat for a while, answers at once meanwhile, then tries again', async () => {
    // A gateway in front of WeChat: 502 while `down`, else the stand-in's answers for the two calls used here.
    let down = true;
    const asked: string[] = [];
    const gateway = http.createServer((req, res) => {
      asked.push(new URL(req.url!, 'http://x').pathname);
      if (down) { res.statusCode = 502; return res.end('bad gateway'); }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(req.url!.startsWith('/cgi-bin/token') ? { access_token: 'T', expires_in: 7200 } : { errcode: 0, trace_id: 'trace-1' }));
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const client = createWechatClient({ apiBase: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`, appId: 'wxA', secret: 'sA', timeoutMs: 2000, breakerMs: 300 });
      const check = () => client.mediaCheckAsync({ openid: 'dev-li', scene: 1, mediaUrl: 'https://weave.example/media/a.jpg' });
      expect(client.reachable()).to.equal(true);
      expect(await check().catch((e) => e)).to.be.instanceOf(WechatUnreachable);
      expect(asked).to.deep.equal(['/cgi-bin/token']);
      expect(client.reachable()).to.equal(false);
      // Within the window: refused without a request, even once WeChat is back.
      down = false;
      expect(await check().catch((e) => e)).to.be.instanceOf(WechatUnreachable);
      expect(asked).to.have.length(1);
      await new Promise((r) => setTimeout(r, 350));
      expect(client.reachable()).to.equal(true);
      expect(await check()).to.deep.equal({ traceId: 'trace-1' });
      expect(asked).to.deep.equal(['/cgi-bin/token', '/cgi-bin/token', '/wxa/media_check_async']);
    } finally {
      gateway.close();
    }
  });

  it('keeps calling when WeChat answers, even with an error code', async () => {
    const client = createWechatClient({ apiBase: standIn.url, appId: 'wxA', secret: 'sA', timeoutMs: 2000, breakerMs: 60_000 });
    expect(await client.code2Session('dev:!busy').catch((e) => e)).to.be.instanceOf(WechatApiError);
    expect(client.reachable()).to.equal(true);
    expect((await client.code2Session('dev:li')).openid).to.equal('dev-li');
  });
});
