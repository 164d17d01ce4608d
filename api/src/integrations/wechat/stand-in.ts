// A stand-in for the WeChat server API, for dev and tests: the same paths, parameters and errcodes as
// the documented protocol. It accepts login codes of the form `dev:<name>` and answers openid `dev-<name>`.
// Codes can also ask for WeChat's failures: `dev:!busy` (-1), `dev:!frequent` (45011), `dev:!risky` (40226).
// Phone numbers: /cgi-bin/token issues an access token, and /wxa/business/getuserphonenumber takes the codes
// `dev-phone:<11 digits>[:<nonce>]` (each usable once, as WeChat's are) and answers that number.
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface StandInOptions { appId: string; secret: string; port?: number; host?: string }
export interface StandIn { url: string; close(): Promise<void> }

const NAME = /^[A-Za-z0-9_-]{1,32}$/;
const FAILURES: Record<string, [number, string]> = {
  '!busy': [-1, 'system error'],
  '!frequent': [45011, 'api minute-quota reach limit mustslower retry next minute'],
  '!risky': [40226, 'invalid user, high risk'],
};

export function standInHandler(options: StandInOptions): http.RequestListener {
  const accessToken = `dev-token-${crypto.randomBytes(8).toString('hex')}`;
  const usedPhoneCodes = new Set<string>();
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
      return send({ access_token: accessToken, expires_in: 7200 });
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
  const server = http.createServer(standInHandler(options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
