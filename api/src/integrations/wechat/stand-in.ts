// A stand-in for the WeChat server API, for dev and tests: the same paths, parameters and errcodes as
// the documented protocol. It accepts login codes of the form `dev:<name>` and answers openid `dev-<name>`.
// Codes can also ask for WeChat's failures: `dev:!busy` (-1), `dev:!frequent` (45011), `dev:!risky` (40226).
// Phone numbers: /cgi-bin/token issues an access token, and /wxa/business/getuserphonenumber takes the codes
// `dev-phone:<11 digits>[:<nonce>]` (each usable once, as WeChat's are) and answers that number.
// Subscribe messages: /cgi-bin/message/subscribe/send checks the token (40001 unknown, 42001 expired), the
// openid (40003), the template (40037), the data against the template's fields and WeChat's value limits
// (47003) and the user's one-time subscriptions (43101 when none is left). What the mini-program's
// requestSubscribeMessage grants on a phone is granted here with /dev/subscribe. Tests and benchmarks steer
// it with /dev/fail-next (the next sends answer an errcode), /dev/expire-token and read it with /dev/sent.
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface StandInOptions {
  appId: string; secret: string; port?: number; host?: string;
  /** Subscribe-message templates the account has: template id → field names (thing1, time3, …). */
  templates?: Record<string, string[]>;
  /** Remember at most this many sent messages for /dev/sent (benchmarks send many). */
  keepSent?: number;
  /** msg_sec_check: a text containing one of these is `risky`, one of the review words `review`; all else passes. */
  riskyWords?: string[];
  reviewWords?: string[];
  /** media_check_async: how long before the verdict is pushed (WeChat takes seconds to minutes). */
  mediaCheckDelayMs?: number;
}
export interface StandIn { url: string; close(): Promise<void>; configurePush(target: { url: string; token: string }): void }

/** The stand-in's words for text checks: deterministic, so tests can ask for each verdict. */
export const STAND_IN_RISKY_WORDS = ['赌博网站', '代开发票', '出售枪支'];
export const STAND_IN_REVIEW_WORDS = ['集体上访', '维权群'];
/**
 * The stand-in's marker for images: a picture that is mostly pure red is `risky`, mostly pure blue
 * `review`, anything else passes (it fetches the media_url and looks, as WeChat does).
 */
export async function imageVerdict(bytes: Buffer): Promise<'pass' | 'review' | 'risky'> {
  const sharp = (await import('sharp')).default;
  const { channels } = await sharp(bytes).stats();
  const [r, g, b] = channels.map((c) => c.mean);
  if (r > 200 && g < 60 && b < 60) return 'risky';
  if (b > 200 && r < 60 && g < 60) return 'review';
  return 'pass';
}
const NAME = /^[A-Za-z0-9_-]{1,32}$/;
const FAILURES: Record<string, [number, string]> = {
  '!busy': [-1, 'system error'],
  '!frequent': [45011, 'api minute-quota reach limit mustslower retry next minute'],
  '!risky': [40226, 'invalid user, high risk'],
};

const VALUE_LIMITS: Record<string, number> = { thing: 20, phrase: 5, character_string: 32, time: 32, date: 32, number: 32, name: 10 };

export function standInHandler(options: StandInOptions, push: { target: { url: string; token: string } | null } = { target: null }): http.RequestListener {
  const riskyWords = options.riskyWords ?? STAND_IN_RISKY_WORDS, reviewWords = options.reviewWords ?? STAND_IN_REVIEW_WORDS;
  let traces = 0;
  /** Signs and posts a media verdict to our push endpoint, as WeChat does (token, timestamp, nonce → sha1). */
  const pushVerdict = async (event: Record<string, unknown>) => {
    if (!push.target) return;
    const timestamp = String(Math.floor(Date.now() / 1000)), nonce = crypto.randomBytes(6).toString('hex');
    const signature = crypto.createHash('sha1').update([push.target.token, timestamp, nonce].sort().join('')).digest('hex');
    try {
      await fetch(`${push.target.url}?${new URLSearchParams({ signature, timestamp, nonce })}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(event) });
    } catch { /* WeChat does not retry forever either; the moderator sees the item still pending */ }
  };
  let accessToken = `dev-token-${crypto.randomBytes(8).toString('hex')}`;
  const expiredTokens = new Set<string>();
  let tokensIssued = 0;
  const usedPhoneCodes = new Set<string>();
  const grants = new Map<string, number>(); // `${openid} ${templateId}` → one-time subscriptions left
  const failNext: number[] = [];
  const sent: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[] = [];
  let sentCount = 0;
  const keepSent = options.keepSent ?? 1000;
  const templates = options.templates ?? {};
  const readJson = (req: http.IncomingMessage, then: (body: Record<string, unknown> | null) => void) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => { try { const v = JSON.parse(body) as unknown; then(typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null); } catch { then(null); } });
  };
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const send = (body: object, status = 200) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      const q = url.searchParams;
      if (q.get('appid') !== options.appId) return send({ errcode: 40013, errmsg: 'invalid appid' });
      if (q.get('secret') !== options.secret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (q.get('grant_type') !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
      const code = q.get('js_code') ?? '';
      if (!code.startsWith('dev:')) return send({ errcode: 40029, errmsg: 'invalid code' });
      const name = code.slice(4);
      const failure = FAILURES[name];
      if (failure) return send({ errcode: failure[0], errmsg: failure[1] });
      if (!NAME.test(name)) return send({ errcode: 40029, errmsg: 'invalid code' });
      return send({ openid: `dev-${name}`, session_key: crypto.randomBytes(16).toString('base64'), unionid: `dev-union-${name}` });
    }
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      const q = url.searchParams;
      if (q.get('grant_type') !== 'client_credential') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (q.get('appid') !== options.appId) return send({ errcode: 40013, errmsg: 'invalid appid' });
      if (q.get('secret') !== options.secret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
      tokensIssued += 1;
      return send({ access_token: accessToken, expires_in: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      const token = url.searchParams.get('access_token') ?? '';
      if (expiredTokens.has(token)) return send({ errcode: 42001, errmsg: 'access_token expired' });
      if (token !== accessToken) return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      readJson(req, (body) => {
        if (!body) return send({ errcode: 47001, errmsg: 'data format error' });
        const injected = failNext.shift();
        if (injected !== undefined) return send({ errcode: injected, errmsg: injected === -1 ? 'system error' : 'injected failure' });
        const touser = String(body.touser ?? ''), templateId = String(body.template_id ?? '');
        if (!/^dev-[A-Za-z0-9_-]{1,40}$/.test(touser)) return send({ errcode: 40003, errmsg: 'invalid openid' });
        const fields = templates[templateId];
        if (!fields) return send({ errcode: 40037, errmsg: 'invalid template_id' });
        const data = body.data as Record<string, { value?: unknown }> | undefined;
        if (typeof data !== 'object' || data === null) return send({ errcode: 47003, errmsg: 'argument invalid! data is empty' });
        for (const field of fields) {
          const value = data[field]?.value;
          if (typeof value !== 'string' || value === '') return send({ errcode: 47003, errmsg: `argument invalid! data.${field}.value is empty` });
          const limit = VALUE_LIMITS[field.replace(/\d+$/, '')] ?? 20;
          if ([...value].length > limit) return send({ errcode: 47003, errmsg: `argument invalid! data.${field}.value exceeds limit` });
        }
        const key = `${touser} ${templateId}`;
        const left = grants.get(key) ?? 0;
        if (left <= 0) return send({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        grants.set(key, left - 1);
        sentCount += 1;
        sent.push({ touser, template_id: templateId, page: typeof body.page === 'string' ? body.page : undefined, data: data as Record<string, { value: string }> });
        if (sent.length > keepSent) sent.shift();
        send({ errcode: 0, errmsg: 'ok', msgid: sentCount });
      });
      return;
    }
    if (req.method === 'POST' && (url.pathname === '/wxa/msg_sec_check' || url.pathname === '/wxa/media_check_async')) {
      const token = url.searchParams.get('access_token') ?? '';
      if (expiredTokens.has(token)) return send({ errcode: 42001, errmsg: 'access_token expired' });
      if (token !== accessToken) return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      readJson(req, (body) => {
        if (!body) return send({ errcode: 47001, errmsg: 'data format error' });
        const injected = failNext.shift();
        if (injected !== undefined) return send({ errcode: injected, errmsg: injected === -1 ? 'system error' : 'injected failure' });
        if (body.version !== 2) return send({ errcode: 40097, errmsg: 'invalid args: version must be 2' });
        if (!/^dev-/.test(String(body.openid ?? ''))) return send({ errcode: 40003, errmsg: 'invalid openid' });
        const traceId = `dev-trace-${++traces}-${crypto.randomBytes(4).toString('hex')}`;
        if (url.pathname === '/wxa/msg_sec_check') {
          const content = String(body.content ?? '');
          const suggest = riskyWords.some((w) => content.includes(w)) ? 'risky' : reviewWords.some((w) => content.includes(w)) ? 'review' : 'pass';
          const label = suggest === 'pass' ? 100 : suggest === 'risky' ? 20006 : 20001;
          return send({ errcode: 0, errmsg: 'ok', trace_id: traceId, result: { suggest, label }, detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }] });
        }
        const mediaUrl = String(body.media_url ?? '');
        send({ errcode: 0, errmsg: 'ok', trace_id: traceId });
        setTimeout(() => {
          void (async () => {
            let suggest: 'pass' | 'review' | 'risky' = 'review';
            try { suggest = await imageVerdict(Buffer.from(await (await fetch(mediaUrl)).arrayBuffer())); } catch { /* an image it cannot fetch goes to review */ }
            await pushVerdict({
              ToUserName: 'gh_weave', FromUserName: String(body.openid), CreateTime: Math.floor(Date.now() / 1000), MsgType: 'event', Event: 'wxa_media_check',
              appid: options.appId, trace_id: traceId, version: 2, detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20002, prob: 90 }],
              errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
            });
          })();
        }, options.mediaCheckDelayMs ?? 200);
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/dev/subscribe') {
      const openid = url.searchParams.get('openid') ?? '', templateId = url.searchParams.get('template_id') ?? '';
      const times = Number(url.searchParams.get('times') ?? 1);
      if (!templates[templateId] || !/^dev-/.test(openid) || !Number.isInteger(times) || times < 1) return send({ errcode: 40037, errmsg: 'unknown template, openid or times' });
      grants.set(`${openid} ${templateId}`, (grants.get(`${openid} ${templateId}`) ?? 0) + times);
      return send({ errcode: 0, remaining: grants.get(`${openid} ${templateId}`) });
    }
    if (req.method === 'POST' && url.pathname === '/dev/fail-next') {
      const errcode = Number(url.searchParams.get('errcode')), times = Number(url.searchParams.get('times') ?? 1);
      if (!Number.isInteger(errcode) || !Number.isInteger(times) || times < 1) return send({ errcode: 40097, errmsg: 'errcode and times must be integers' });
      for (let i = 0; i < times; i++) failNext.push(errcode);
      return send({ errcode: 0 });
    }
    if (req.method === 'POST' && url.pathname === '/dev/expire-token') {
      // WeChat expires a token early when another server fetched a new one: the old one answers 42001.
      expiredTokens.add(accessToken);
      accessToken = `dev-token-${crypto.randomBytes(8).toString('hex')}`;
      return send({ errcode: 0 });
    }
    if (req.method === 'GET' && url.pathname === '/dev/sent') {
      const touser = url.searchParams.get('touser');
      return send({ errcode: 0, tokensIssued, sentCount, messages: touser ? sent.filter((m) => m.touser === touser) : sent });
    }
    if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
      if (url.searchParams.get('access_token') !== accessToken) return send({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        let code = '';
        try { code = String((JSON.parse(body) as { code?: unknown }).code ?? ''); } catch { return send({ errcode: 47001, errmsg: 'data format error' }); }
        const phone = /^dev-phone:(1\d{10})(?::[0-9a-f]{1,32})?$/.exec(code)?.[1];
        if (!phone || usedPhoneCodes.has(code)) return send({ errcode: 40029, errmsg: 'invalid code' });
        usedPhoneCodes.add(code);
        send({ errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: options.appId } } });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/dev/phone-code') {
      const phone = url.searchParams.get('phone') ?? '';
      if (!/^1\d{10}$/.test(phone)) return send({ errcode: 40029, errmsg: 'phone must be 11 digits starting with 1' });
      return send({ errcode: 0, code: `dev-phone:${phone}:${crypto.randomBytes(4).toString('hex')}` });
    }
    if (req.method === 'GET' && url.pathname === '/dev/login-code') {
      const name = url.searchParams.get('name') ?? '';
      if (!NAME.test(name)) return send({ errcode: 40029, errmsg: 'name must be 1-32 letters, digits, _ or -' });
      return send({ errcode: 0, code: `dev:${name}` });
    }
    send({ errcode: 404, errmsg: `no such api: ${url.pathname}` }, 404);
  };
}

export async function startWechatStandIn(options: StandInOptions): Promise<StandIn> {
  const push: { target: { url: string; token: string } | null } = { target: null };
  const server = http.createServer(standInHandler(options, push));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    configurePush(target) { push.target = target; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
