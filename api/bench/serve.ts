// A server in its own process for the HTTP benchmarks, so the load generator does not share its core:
// `tsx bench/serve.ts bare` (bare Koa, the baseline) or `tsx bench/serve.ts weave <DATABASE_URL>`.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import pino from 'pino';
import { createApp } from '../src/app';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/models';
import { createWechatClient } from '../src/integrations/wechat/client';

async function main(): Promise<void> {
  const [kind, url] = process.argv.slice(2);
  let app: Koa;
  if (kind === 'bare') {
    app = new Koa();
    app.use((ctx) => { ctx.body = { hello: 'world' }; });
  } else {
    const db = await openDatabase(url);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', WECHAT_API_BASE: 'http://127.0.0.1:9' });
    app = createApp({
      db, config, clock: systemClock, logger: pino({ level: 'silent' }),
      secrets: { tokenKey: crypto.randomBytes(32), encryptionKey: crypto.randomBytes(32) },
      wechat: createWechatClient({ ...config.wechat, apiBase: 'http://127.0.0.1:9' }),
    }).app;
  }
  const server = http.createServer(app.callback());
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

main().catch((err) => { console.error(err); process.exit(1); });
