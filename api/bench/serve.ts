// A server in its own process for the HTTP benchmarks, so the load generator does not share its core:
//   tsx bench/serve.ts bare                 bare Koa, the baseline for routing
//   tsx bench/serve.ts findbypk <url>       bare Koa + raw Sequelize Event.findByPk, the baseline for reads
//   tsx bench/serve.ts weave <url>          the Weave app (BENCH_TOKEN_KEY signs tokens, MEDIA_DIR holds photos)
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
  } else if (kind === 'findbypk') {
    const db = await openDatabase(url, { migrate: false });
    app = new Koa();
    app.use(async (ctx) => {
      const id = Number(ctx.path.slice(1));
      ctx.body = await db.models.Event.findByPk(id, { raw: true });
    });
  } else {
    const db = await openDatabase(url, { migrate: false });
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', WECHAT_API_BASE: 'http://127.0.0.1:9', ...(process.env.MEDIA_DIR ? { MEDIA_DIR: process.env.MEDIA_DIR } : {}) });
    const tokenKey = process.env.BENCH_TOKEN_KEY ? Buffer.from(process.env.BENCH_TOKEN_KEY, 'hex') : crypto.randomBytes(32);
    app = createApp({
      db, config, clock: systemClock, logger: pino({ level: 'silent' }),
      secrets: { tokenKey, encryptionKey: crypto.randomBytes(32) },
      wechat: createWechatClient({ ...config.wechat, apiBase: 'http://127.0.0.1:9' }),
    }).app;
  }
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

// Exit normally on a signal so that --cpu-prof can write its profile.
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

main().catch((err) => { console.error(err); process.exit(1); });
