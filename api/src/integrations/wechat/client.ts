// Client for the WeChat server API (api.weixin.qq.com), over real HTTP to a configurable base URL.
// In dev and tests that base URL is our stand-in (stand-in.ts), which speaks the same protocol.

export interface WechatClientOptions {
  apiBase: string;
  appId: string;
  secret: string;
  timeoutMs: number;
}

/** WeChat answered with an errcode. */
export class WechatApiError extends Error {
  constructor(readonly errcode: number, readonly errmsg: string) {
    super(`WeChat errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/** WeChat could not be reached, timed out, or answered something that is not its protocol. */
export class WechatUnreachable extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'WechatUnreachable';
  }
}

export interface CodeSession { openid: string; sessionKey: string; unionid?: string }

export interface WechatClient {
  /** GET /sns/jscode2session: a mini-program login code → openid (+ unionid when bound). */
  code2Session(jsCode: string): Promise<CodeSession>;
  /** Stand-in only: a `dev:<name>` login code for the H5 build, which has no wx.login. */
  devLoginCode(name: string): Promise<string>;
}

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const base = options.apiBase.replace(/\/+$/, '');

  async function getJson(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${base}${path}?${new URLSearchParams(params)}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (err) {
      throw new WechatUnreachable(`WeChat API unreachable at ${base}`, err);
    }
    if (!response.ok) throw new WechatUnreachable(`WeChat API answered HTTP ${response.status}`);
    let body: Record<string, unknown>;
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch (err) {
      throw new WechatUnreachable('WeChat API answered something that is not JSON', err);
    }
    const errcode = Number(body.errcode ?? 0);
    if (errcode !== 0) throw new WechatApiError(errcode, String(body.errmsg ?? ''));
    return body;
  }

  return {
    async code2Session(jsCode) {
      const body = await getJson('/sns/jscode2session', {
        appid: options.appId, secret: options.secret, js_code: jsCode, grant_type: 'authorization_code',
      });
      if (typeof body.openid !== 'string' || typeof body.session_key !== 'string') {
        throw new WechatUnreachable('jscode2session answered without openid');
      }
      return { openid: body.openid, sessionKey: body.session_key, unionid: typeof body.unionid === 'string' ? body.unionid : undefined };
    },
    async devLoginCode(name) {
      const body = await getJson('/dev/login-code', { name });
      return String(body.code);
    },
  };
}
