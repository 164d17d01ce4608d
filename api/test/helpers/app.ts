// Boots the real app on a fresh database of its own: an SQLite file by default, or a new database on
// the MariaDB server named by TEST_DATABASE_URL (the test runner starts a private one). No mocks: the
// WeChat API is our stand-in, reached over real HTTP.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { Sequelize } from 'sequelize';
import { createApp } from '../../src/app';
import { FakeClock } from '../../src/clock';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, type Database } from '../../src/db/models';
import { seedDemo, DEMO_PASSWORD } from '../../src/db/seed/demo';
import { seedDemoPopulation } from '../../src/db/seed/residence';
import { createWechatClient } from '../../src/integrations/wechat/client';
import { startWechatStandIn, type StandIn } from '../../src/integrations/wechat/stand-in';
import { standInTemplates, templateIds } from '../../src/domains/notices';

export const WECHAT = { appId: 'wxtest0000000001', secret: 'test-secret' };

export interface TestApp {
  koa: ReturnType<typeof createApp>['app'];
  db: Database;
  clock: FakeClock;
  config: Config;
  http: ReturnType<typeof request>;
  services: ReturnType<typeof createApp>['services'];
  standIn: StandIn;
  close(): Promise<void>;
  staffToken(username: string): Promise<string>;
  residentToken(name: string): Promise<string>;
}

export const usingMariaDb = () => Boolean(process.env.TEST_DATABASE_URL);

/** A fresh, migrated, empty database on the dialect under test. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `weave_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const admin = new Sequelize(server, { dialect: 'mysql', logging: false });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.close();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const again = new Sequelize(server, { dialect: 'mysql', logging: false });
        await again.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await again.close();
      },
    };
  }
  const file = path.join(os.tmpdir(), `${name}.sqlite`);
  return { url: `sqlite:${file}`, async drop() { for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true }); } };
}

/** A migrated database of its own for a suite of database tests; close() closes and drops it. */
export async function openFreshDatabase(): Promise<{ db: Database; close(): Promise<void> }> {
  const database = await freshDatabase();
  const db = await openDatabase(database.url);
  return { db, async close() { await db.close(); await database.drop(); } };
}

export async function bootApp(options: { seed?: boolean; env?: Record<string, string>; clock?: FakeClock } = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const db = await openDatabase(database.url);
  if (options.seed !== false) await seedDemo(db);
  const standIn = await startWechatStandIn({ ...WECHAT, templates: standInTemplates(templateIds({})) });
  // Each app keeps its photos in a folder of its own, so tests (and runs side by side) never see each other's files.
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-test-media-'));
  const config = loadConfig({ NODE_ENV: 'test', MEDIA_DIR: mediaDir, DATABASE_URL: database.url, WECHAT_APPID: WECHAT.appId, WECHAT_SECRET: WECHAT.secret, WECHAT_API_BASE: standIn.url, LOG_LEVEL: 'silent', ...options.env });
  const clock = options.clock ?? new FakeClock();
  const secrets = { tokenKey: crypto.randomBytes(32), encryptionKey: crypto.randomBytes(32) };
  const wechat = createWechatClient({ ...config.wechat, apiBase: standIn.url });
  const { app, services } = createApp({ db, config, secrets, clock, wechat, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  if (options.seed !== false) await seedDemoPopulation(db, services.pii);
  const http = request(app.callback());
  const tokens = new Map<string, string>();
  return {
    koa: app, db, clock, config, http, services, standIn,
    async close() {
      // Background work (imports, collision runs) finishes before its database goes away.
      await services.imports.settled();
      await services.collisions.settled();
      await services.reconciliation.settled();
      await standIn.close(); await db.close(); await database.drop();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    },
    async staffToken(username) {
      const key = `staff:${username}`;
      if (!tokens.has(key)) {
        const res = await http.post('/api/v1/auth/staff').send({ username, password: DEMO_PASSWORD }).expect(200);
        tokens.set(key, res.body.accessToken);
      }
      return tokens.get(key)!;
    },
    async residentToken(name) {
      const key = `resident:${name}`;
      if (!tokens.has(key)) {
        const res = await http.post('/api/v1/auth/wechat').send({ code: `dev:${name}` }).expect(200);
        tokens.set(key, res.body.accessToken);
      }
      return tokens.get(key)!;
    },
  };
}
