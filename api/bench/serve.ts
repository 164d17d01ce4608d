// A server in its own process for the HTTP benchmarks, so the load generator does not share its core:
//   tsx bench/serve.ts bare                 bare Koa, the baseline for routing
//   tsx bench/serve.ts findbypk <url> [Model] bare Koa + raw Sequelize findByPk (Event unless a model is named), the baseline for reads
//   tsx bench/serve.ts declare-raw <url>    bare Koa + raw Sequelize Declaration.create, the baseline for declaration intake
//   tsx bench/serve.ts weave <url>          the Weave app (BENCH_TOKEN_KEY signs tokens, MEDIA_DIR holds photos,
//                                           BENCH_LOG_LEVEL=error shows its errors on stderr)
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import pino from 'pino';
import { createApp } from '../src/app';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/models';
import { createWechatClient } from '../src/integrations/wechat/client';

async function main(): Promise<void> {
  const [kind, url, modelName] = process.argv.slice(2);
  let app: Koa;
  if (kind === 'bare') {
    app = new Koa();
    app.use((ctx) => { ctx.body = { hello: 'world' }; });
  } else if (kind === 'findbypk') {
    const db = await openDatabase(url, { migrate: false });
    app = new Koa();
    app.use(async (ctx) => {
      const id = Number(ctx.path.slice(1));
      const model = (db.models as unknown as Record<string, typeof db.models.Event>)[modelName ?? 'Event'];
      ctx.body = await model.findByPk(id, { raw: true });
    });
  } else if (kind === 'declare-raw') {
    const db = await openDatabase(url, { migrate: false });
    app = new Koa();
    app.use(bodyParser());
    app.use(async (ctx) => {
      const b = ctx.request.body as { houseId: number; idHash: string; idCipher: string; idMasked: string; name: string };
      const row = await db.models.Declaration.create({
        houseId: b.houseId, gridId: 1, regionPath: '/', idHash: b.idHash, idCipher: b.idCipher, idMasked: b.idMasked, name: b.name, sex: 'male',
        birthDate: '1990-01-01', moveInDate: '2026-11-23', status: 'accepted', validUntil: '2027-11-23', risks: [],
      });
      ctx.status = 201;
      ctx.body = row.get({ plain: true });
    });
  } else {
    const db = await openDatabase(url, { migrate: false });
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', WECHAT_API_BASE: 'http://127.0.0.1:9', ...(process.env.MEDIA_DIR ? { MEDIA_DIR: process.env.MEDIA_DIR } : {}) });
    const tokenKey = process.env.BENCH_TOKEN_KEY ? Buffer.from(process.env.BENCH_TOKEN_KEY, 'hex') : crypto.randomBytes(32);
    app = createApp({
      db, config, clock: systemClock, logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }, pino.destination(2)),
      secrets: { tokenKey, encryptionKey: process.env.BENCH_ENCRYPTION_KEY ? Buffer.from(process.env.BENCH_ENCRYPTION_KEY, 'hex') : crypto.randomBytes(32) },
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
