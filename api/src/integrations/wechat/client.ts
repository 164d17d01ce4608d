// Client for the WeChat server API (api.weixin.qq.com), over real HTTP to a configurable base URL.
// In dev and tests that base URL is our stand-in (stand-in.ts), which speaks the same protocol.

export interface WechatClientOptions {
  apiBase: string;
  appId: string;
  secret: string;
  timeoutMs: number;
  /**
   * After WeChat could not be reached (no connection, a timeout, an HTTP error from a gateway), calls fail at
   * once for this long instead of each waiting for its own timeout; then one call tries again. 0: never.
   */
  breakerMs?: number;
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
  /** POST /wxa/business/getuserphonenumber: a getPhoneNumber button's code → the verified mobile number. */
  phoneNumber(code: string): Promise<string>;
  /** Stand-in only: a getPhoneNumber code for the H5 build. */
  devPhoneCode(phone: string): Promise<string>;
  /** POST /cgi-bin/message/subscribe/send: one subscribe message; uses one of the user's one-time subscriptions. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
  /** POST /wxa/msg_sec_check (version 2): WeChat's verdict on a text a user wrote. */
  msgSecCheck(input: { openid: string; scene: 1 | 2 | 3 | 4; content: string }): Promise<{ suggest: 'pass' | 'review' | 'risky'; label: number; traceId: string | null }>;
  /** POST /wxa/media_check_async (version 2): the verdict on an image comes later, pushed to our endpoint. */
  mediaCheckAsync(input: { openid: string; scene: 1 | 2 | 3 | 4; mediaUrl: string }): Promise<{ traceId: string }>;
  /** False while the breaker is open: WeChat could not be reached a moment ago and calls fail at once. */
  reachable(): boolean;
}

export interface SubscribeMessage { touser: string; templateId: string; page?: string; data: Record<string, { value: string }>; state?: 'formal' | 'trial' | 'developer' }

export function createWechatClient(options: WechatClientOptions): WechatClient {
  const base = options.apiBase.replace(/\/+$/, '');
  const breakerMs = options.breakerMs ?? 0;
  // While WeChat is out of reach, until when calls are not tried. Every report calls it twice (its text and its
  // photos are checked) and would otherwise wait out both timeouts; what the calls do without WeChat (hold the
  // content for a moderator, retry the message later) happens at once instead.
  let unreachableUntil = 0;
  const reachable = () => unreachableUntil <= Date.now();
  const unreachable = (message: string, cause?: unknown) => {
    if (breakerMs > 0) unreachableUntil = Date.now() + breakerMs;
    return new WechatUnreachable(message, cause);
  };

  async function getJson(path: string, params: Record<string, string>, post?: object): Promise<Record<string, unknown>> {
    if (!reachable()) throw new WechatUnreachable(`WeChat API unreachable at ${base} (not tried again until ${new Date(unreachableUntil).toISOString()})`);
    const url = `${base}${path}?${new URLSearchParams(params)}`;
    let response: Response;
    try {
      response = await fetch(url, post
        ? { method: 'POST', body: JSON.stringify(post), headers: { 'Content-Type': 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs) }
        : { signal: AbortSignal.timeout(options.timeoutMs) });
    } catch (err) {
      throw unreachable(`WeChat API unreachable at ${base}`, err);
    }
    if (!response.ok) throw unreachable(`WeChat API answered HTTP ${response.status}`);
    unreachableUntil = 0;
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

  // The server-side access token (cgi-bin/token) is valid for expires_in seconds; kept until 5 minutes before.
  let token: { value: string; until: number } | null = null;
  // One fetch at a time: a burst of sends on a cold or revoked token asks WeChat once, not once per send
  // (cgi-bin/token has a daily quota, and each new token invalidates the previous one).
  let fetching: Promise<string> | null = null;
  async function accessToken(refresh = false, stale?: string): Promise<string> {
    if (!refresh && token && token.until > Date.now()) return token.value;
    if (refresh && token && stale !== undefined && token.value !== stale) return token.value; // another call refreshed it already
    fetching ??= (async () => {
      try {
        const body = await getJson('/cgi-bin/token', { grant_type: 'client_credential', appid: options.appId, secret: options.secret });
        if (typeof body.access_token !== 'string') throw new WechatUnreachable('cgi-bin/token answered without access_token');
        token = { value: body.access_token, until: Date.now() + (Number(body.expires_in ?? 7200) - 300) * 1000 };
        return token.value;
      } finally { fetching = null; }
    })();
    return fetching;
  }

  /** A call with the access token; 40001/42001 (revoked, or expired early because another server took a new one): fetch one and retry once. */
  async function withToken(path: string, post: object): Promise<Record<string, unknown>> {
    const used = await accessToken();
    try {
      return await getJson(path, { access_token: used }, post);
    } catch (err) {
      if (!(err instanceof WechatApiError) || (err.errcode !== 40001 && err.errcode !== 42001)) throw err;
      return getJson(path, { access_token: await accessToken(true, used) }, post);
    }
  }

  return {
    reachable,
    async msgSecCheck(input) {
      const body = await withToken('/wxa/msg_sec_check', { version: 2, openid: input.openid, scene: input.scene, content: input.content });
      const result = body.result as { suggest?: unknown; label?: unknown } | undefined;
      const suggest = result?.suggest;
      if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') throw new WechatUnreachable('msg_sec_check answered without result.suggest');
      return { suggest, label: Number(result?.label ?? 0), traceId: typeof body.trace_id === 'string' ? body.trace_id : null };
    },
    async mediaCheckAsync(input) {
      const body = await withToken('/wxa/media_check_async', { version: 2, openid: input.openid, scene: input.scene, media_url: input.mediaUrl, media_type: 2 });
      if (typeof body.trace_id !== 'string') throw new WechatUnreachable('media_check_async answered without trace_id');
      return { traceId: body.trace_id };
    },
    async sendSubscribeMessage(message) {
      await withToken('/cgi-bin/message/subscribe/send', {
        touser: message.touser, template_id: message.templateId, page: message.page, data: message.data,
        miniprogram_state: message.state ?? 'formal', lang: 'zh_CN',
      });
    },
    async phoneNumber(code) {
      const body = await withToken('/wxa/business/getuserphonenumber', { code });
      const info = body.phone_info as { purePhoneNumber?: unknown } | undefined;
      if (!info || typeof info.purePhoneNumber !== 'string') throw new WechatUnreachable('getuserphonenumber answered without phone_info');
      return info.purePhoneNumber;
    },
    async devPhoneCode(phone) {
      const body = await getJson('/dev/phone-code', { phone });
      return String(body.code);
    },
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
