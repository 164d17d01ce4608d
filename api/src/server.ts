// The process: config → secrets → database (migrate, demo seed) → WeChat stand-in when no real API is
// configured → listen → scheduler. Stops cleanly on SIGINT/SIGTERM.
import pino from 'pino';
import { createApp } from './app';
import { systemClock } from './clock';
import { ConfigError, loadConfig, resolveSecrets } from './config';
import { openDatabase } from './db/models';
import { ALL_DEMO_STAFF, DEMO_PASSWORD, seedDemo } from './db/seed/demo';
import { seedDemoPopulation } from './db/seed/residence';
import { seedDemoNoticeRules } from './db/seed/notices';
import { createPiiCipher } from './domains/declarations';
import { housekeepingJobs } from './housekeeping';
import { standInTemplates, templateIds } from './domains/notices';
import { createWechatClient } from './integrations/wechat/client';
import { startWechatStandIn, type StandIn } from './integrations/wechat/stand-in';
import { Scheduler } from './scheduler';
import { noticeJobs } from './domains/notices/jobs';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) { console.error(err.message); process.exit(2); }
    throw err;
  }
  const logger = pino({ level: config.logLevel });
  const secrets = resolveSecrets(config);
  const db = await openDatabase(config.databaseUrl, { poolMax: config.databasePoolMax });
  if (config.demoSeed && (await seedDemo(db)).seeded) {
    await seedDemoPopulation(db, createPiiCipher(secrets.encryptionKey));
    await seedDemoNoticeRules(db);
    logger.info('demo data seeded');
  }

  let standIn: StandIn | null = null;
  let apiBase = config.wechat.apiBase;
  if (!apiBase) {
    standIn = await startWechatStandIn({ appId: config.wechat.appId, secret: config.wechat.secret, templates: standInTemplates(templateIds(config.wechat.templateIds)) });
    apiBase = standIn.url;
    logger.info({ url: apiBase }, 'WeChat stand-in started');
  }
  const wechat = createWechatClient({ ...config.wechat, apiBase });
  const { app, services } = createApp({ db, config, secrets, clock: systemClock, wechat, logger });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); });
  // The stand-in pushes its media-check verdicts to us, signed, as WeChat does to the URL set in its console.
  standIn?.configurePush({ url: `http://127.0.0.1:${config.port}/api/v1/wechat/push`, token: config.wechat.pushToken });
  const scheduler = new Scheduler({ Lease: db.models.Lease, clock: systemClock, logger, timezone: config.cityTimezone }, [
    ...housekeepingJobs(db.models),
    ...noticeJobs(services),
    { name: 'event-deadlines', cron: '* * * * *', run: () => services.events.checkDeadlines() },
    // The three fee ledgers of last month, reconciled at night.
    { name: 'fee-reconciliation', cron: '30 3 * * *', run: async () => { const r = await services.reconciliation.run(services.reconciliation.previousPeriod(new Date(), config.cityTimezone)); return { period: r.period, matched: r.matched, discrepancies: r.discrepancies }; }, leaseMs: 60 * 60_000 },
    // Signatures of posted payments older than the replay window can never come back: forget them.
    { name: 'fee-signatures', cron: '*/10 * * * *', run: () => services.fees.purgeSignatures() },
    // Payers' years marked by an import that committed but was not recomputed (the process stopped in between).
    { name: 'fee-summaries', cron: '* * * * *', run: () => services.payerYears.drain(), quiet: true },
    // Declarations: reminders 30 days before they end, and expiry, early each morning (city time).
    { name: 'declaration-expiry', cron: '30 6 * * *', run: () => services.declarations.runExpiry(), leaseMs: 30 * 60_000 },
    // Collision of other departments' rental reports with declarations, at night when the database is quiet.
    { name: 'collision', cron: '0 2 * * *', run: async () => { const run = await services.collisions.run('schedule'); return { id: run.id, undeclared: run.undeclared, declaredButEmpty: run.declaredButEmpty }; }, leaseMs: 60 * 60_000 },
  ]);
  scheduler.start();

  const base = `http://localhost:${config.port}`;
  console.log([
    '',
    `Weave is running (${config.env}, ${db.dialect})`,
    `  H5 mini-program  ${base}/h5/`,
    `  Admin app        ${base}/admin/`,
    `  API              ${base}/api/v1   (OpenAPI: ${base}/api/v1/openapi.json)`,
    `  Health           ${base}/healthz  ${base}/readyz`,
    ...(config.demoSeed ? [
      '  Demo staff (password ' + DEMO_PASSWORD + '): ' + ALL_DEMO_STAFF().map((s) => s.username).join(', '),
      '  Demo residents: sign in on the H5 page with any name (e.g. resident)',
    ] : []),
    '',
  ].join('\n'));

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await scheduler.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await standIn?.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
