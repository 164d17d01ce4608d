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
});
