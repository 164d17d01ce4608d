// createApp(deps): the Koa application with its middleware and routers. It does not listen and holds no
// module-level state, so tests build as many apps as they need, each on its own database and clock.
import path from 'node:path';
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config, Secrets } from './config';
import { REPO_ROOT } from './config';
import type { Database } from './db/models';
import type { WechatClient } from './integrations/wechat/client';
import { authRoutes, createAuthService } from './domains/auth';
import { createGridService, gridRoutes, GridLocator } from './domains/grid';
import { createCategoryService, createEventService, createEventViews, eventRoutes } from './domains/events';
import { createDeliverer, createDeliveryLog, createFactService, createNoticeService, createRuleService, noticeRoutes, templateIds } from './domains/notices';
import { createPhotoService, LocalDiskStorage, mediaRoutes, type PhotoStorage } from './domains/photos';
import { uploads } from './http/uploads';
import { createOpen311Service, open311KeyRoutes, open311Router } from './domains/open311';
import { createCollisionService, createDeclarationService, createHouseService, createImportService, createPiiCipher, declarationRoutes, houseLinkRoutes } from './domains/declarations';
import { fileUpload } from './http/file-upload';
import { createFeeService, createPayerYears, createReconciliationService, feeRoutes, ledgerImporters } from './domains/fees';
import { createTourismService, placeImporter, tourismRoutes } from './domains/tourism';
import { createPrivacyService, privacyRoutes } from './domains/privacy';
import { createModerationService, moderationRoutes, wechatPushRouter } from './domains/moderation';
import { signedMediaUrl } from './domains/photos/signing';
import { authenticate } from './http/authenticate';
import { idempotent } from './http/idempotency';
import { notFound, problemErrors, problemFor, sendProblem } from './http/problem';
import { requestContext } from './http/request-context';
import { ApiRouter } from './http/route';
import { staticApps } from './http/static-apps';
import { openApiDocument } from './openapi';

export interface AppDeps {
  db: Database;
  config: Config;
  secrets: Secrets;
  clock: Clock;
  wechat: WechatClient;
  logger: Logger;
  /** Photo files; local disk under config.mediaDir unless given. */
  storage?: PhotoStorage;
}

export function createApp(deps: AppDeps) {
  const { db, config, clock, logger } = deps;
  // Validation messages in Chinese: they reach residents and staff as field errors.
  z.config(z.locales.zhCN());

  const locator = new GridLocator(db.models, clock);
  const grid = createGridService({ models: db.models, clock, locator });
  const auth = createAuthService({
    models: db.models, clock, wechat: deps.wechat, grid, tokenKey: deps.secrets.tokenKey,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds, refreshTokenTtlDays: config.refreshTokenTtlDays, devSignIn: config.devSignIn,
  });
  const pii = createPiiCipher(deps.secrets.encryptionKey);
  const templates = templateIds(config.wechat.templateIds);
  const privacy = createPrivacyService({ sequelize: db.sequelize, models: db.models, clock, pii, onErased: (personId) => auth.forgetResident(personId) });
  const facts = createFactService({ models: db.models, clock, timezone: config.cityTimezone, pii });
  const notices = createNoticeService({ models: db.models, clock, facts, templates });
  const noticeCaps = { caps: { perDay: config.notices.capPerDay, perWeek: config.notices.capPerWeek }, quietHours: config.notices.quietHours };
  const rules = createRuleService({ sequelize: db.sequelize, models: db.models, clock, timezone: config.cityTimezone, facts, ...noticeCaps });
  const deliverer = createDeliverer({ sequelize: db.sequelize, models: db.models, clock, timezone: config.cityTimezone, wechat: deps.wechat, templates, logger, ...noticeCaps });
  const noticeLog = createDeliveryLog({ models: db.models, clock, timezone: config.cityTimezone });
  let events: ReturnType<typeof createEventService> | null = null;
  let declarations: ReturnType<typeof createDeclarationService> | null = null;
  const photos = createPhotoService({
    Photo: db.models.Photo, storage: deps.storage ?? new LocalDiskStorage(config.mediaDir), clock, secret: deps.secrets.tokenKey,
    limits: { maxPixels: config.photoMaxPixels, displaySide: 1600, thumbSide: 320 },
    // Photos are as visible as the event they belong to.
    canView: async (actor, kind, ownerId) => {
      if (kind === 'task') return declarations ? declarations.canViewTaskPhotos(actor, ownerId) : false;
      return events ? events.canViewPhotoOwner(actor, ownerId) : false;
    },
  });
  const views = createEventViews({ models: db.models, photos, clock, locator });
  const moderation = createModerationService({
    sequelize: db.sequelize, models: db.models, clock, wechat: deps.wechat, logger, pushToken: config.wechat.pushToken,
    publicBaseUrl: config.publicBaseUrl ?? `http://localhost:${config.port}`,
    // WeChat fetches the photo itself, minutes later perhaps: a signed URL that lasts an hour.
    photoUrl: (photo) => signedMediaUrl(photo.displayKey, deps.secrets.tokenKey, clock.now(), 3600),
    evidence: (t, eventId, actor, payload) => events!.recordModeration(t, eventId, actor as never, payload),
    tellAuthor: (t, personId, title, body, eventCode) => notices.notifyPeople([personId], { title, body, eventCode, link: `/pages/report/detail/index?code=${eventCode}`, topic: 'event_progress' }, t),
  });
  events = createEventService({ content: moderation, sequelize: db.sequelize, models: db.models, clock, locator, photos, notices, views, codePrefix: config.eventCodePrefix, timezone: config.cityTimezone });
  const categories = createCategoryService(db.models.Category);
  const open311 = createOpen311Service({ Key: db.models.Open311Key, models: db.models, events, photos, clock, timezone: config.cityTimezone });
  const houses = createHouseService({ models: db.models, locator, clock, timezone: config.cityTimezone, publicBaseUrl: config.publicBaseUrl ?? `http://localhost:${config.port}` });
  declarations = createDeclarationService({ sequelize: db.sequelize, models: db.models, clock, locator, houses, notices, photos, pii, timezone: config.cityTimezone, domainEvents: rules, personalKey: (personId, t) => privacy.keyFor(personId, t), personalKeys: (personIds, t) => privacy.keysFor(personIds, t) });
  const tourism = createTourismService({ sequelize: db.sequelize, models: db.models, clock, locator, events, timezone: config.cityTimezone });
  const payerYears = createPayerYears({ sequelize: db.sequelize, clock });
  const imports = createImportService({
    sequelize: db.sequelize, models: db.models, clock, pii,
    importers: { ...ledgerImporters({ models: db.models, pii, now: () => clock.now(), payerYears }), places: placeImporter({ models: db.models, now: () => clock.now(), committed: () => tourism.directory.invalidate() }) },
  });
  const collisions = createCollisionService({ sequelize: db.sequelize, models: db.models, clock, timezone: config.cityTimezone, houses, declarations, notices, events, locator });
  const fees = createFeeService({ sequelize: db.sequelize, models: db.models, clock, pii, timezone: config.cityTimezone, payerYears });
  const reconciliation = createReconciliationService({ sequelize: db.sequelize, models: db.models, clock });
  const services = { grid, auth, locator, events, categories, notices, facts, rules, deliverer, noticeLog, privacy, moderation, photos, open311, pii, houses, declarations, imports, collisions, fees, payerYears, reconciliation, tourism };

  const registry = new OpenAPIRegistry();
  const api = new ApiRouter(registry);
  const idem = idempotent({ model: db.models.IdempotencyKey, clock });
  authRoutes(api, auth, { landlordHouses: (personId) => declarations!.landlordHouseCount(personId) });
  gridRoutes(api, grid, { idempotent: idem });
  // A report may wait days in a phone's queue on an island with no signal: its key is kept for a week.
  const reportIdem = idempotent({ model: db.models.IdempotencyKey, clock, ttlHours: 24 * 7 });
  eventRoutes(api, { events, categories, idempotent: idem, reportIdempotent: reportIdem, photoUpload: uploads({ field: 'photos', maxFiles: 9, maxFileBytes: config.photoMaxBytes }) });
  noticeRoutes(api, { notices, rules, log: noticeLog, idempotent: idem });
  declarationRoutes(api, {
    houses, declarations, imports, collisions, idempotent: idem,
    taskPhotoUpload: uploads({ field: 'photos', maxFiles: 3, maxFileBytes: config.photoMaxBytes }),
    csvUpload: fileUpload({ field: 'file', maxBytes: 200 * 1024 * 1024 }),
  });
  feeRoutes(api, fees, reconciliation);
  // Complaints and calls for help wait in a phone's queue like reports do: their keys are kept for a week too.
  tourismRoutes(api, tourism, { submissionIdempotent: reportIdem, idempotent: idem, photoUpload: uploads({ field: 'photos', maxFiles: 9, maxFileBytes: config.photoMaxBytes }) });
  open311KeyRoutes(api, open311, { idempotent: idem });
  privacyRoutes(api, privacy);
  moderationRoutes(api, moderation);
  const openapi = openApiDocument(registry);

  const app = new Koa({ proxy: config.trustProxy });
  app.silent = true;

  const health = new Router();
  health.get('/healthz', (ctx) => { ctx.body = { status: 'ok' }; });
  health.get('/readyz', async (ctx) => {
    try {
      await db.sequelize.query('SELECT 1');
      ctx.body = { status: 'ready', database: db.dialect };
    } catch {
      sendProblem(ctx, problemFor('unavailable', '数据库无响应'));
    }
  });
  health.get('/api/v1/openapi.json', (ctx) => { ctx.body = openapi; });
  health.get('/', (ctx) => { ctx.redirect('/h5/'); });

  app.use(requestContext({ logger }));
  app.use(problemErrors({ logger }));
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Taro's H5 index.html carries its bootstrap inline; antd injects its styles at run time.
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // blob: lets the H5 mini-program read the photos it just picked or shrank (fetch(blobUrl)).
        connectSrc: ["'self'", 'blob:'],
      },
    },
    crossOriginEmbedderPolicy: false,
  }));
  app.use(cors({
    origin: (ctx) => (config.corsOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    credentials: true,
    exposeHeaders: ['X-Request-Id', 'Idempotent-Replayed'],
  }));
  app.use(health.routes());
  app.use(houseLinkRoutes().routes());
  for (const mw of staticApps([
    { prefix: '/admin', dir: path.join(REPO_ROOT, 'admin', 'dist'), title: '管理后台' },
    { prefix: '/h5', dir: path.join(REPO_ROOT, 'miniapp', 'dist', 'h5'), title: 'H5 小程序' },
  ])) app.use(mw);
  // Forms only for Open311 clients (GeoReport v2 posts application/x-www-form-urlencoded); JSON everywhere else.
  app.use(bodyParser({ parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'], enableTypes: ['json', 'form'], jsonLimit: config.jsonBodyLimit, formLimit: '64kb', encoding: 'utf-8' }));
  app.use(authenticate({ verify: (token) => auth.authenticate(token) }));
  app.use(mediaRoutes(photos));
  app.use(wechatPushRouter(moderation).routes());
  const open311Routes = open311Router(open311, { logger, changeset: '2026-11-23T00:00:00+08:00', publicBaseUrl: config.publicBaseUrl });
  app.use(open311Routes.routes());
  app.use(api.router.routes());
  app.use(api.router.allowedMethods());
  app.use(notFound());

  return { app, services, openapi };
}
