// `npm run evidence:verify`: checks every event's evidence chain, its covered fields and its photo files,
// and names the first broken link. Exit code 0 when all verify, 1 otherwise.
import pino from 'pino';
import { createApp } from '../../app';
import { systemClock } from '../../clock';
import { loadConfig, resolveSecrets } from '../../config';
import { openDatabase } from '../../db/models';
import { createWechatClient } from '../../integrations/wechat/client';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl);
  const { services } = createApp({
    db, config, secrets: resolveSecrets(config), clock: systemClock, logger: pino({ level: 'silent' }),
    wechat: createWechatClient({ ...config.wechat, apiBase: config.wechat.apiBase ?? 'http://127.0.0.1:9' }),
  });
  const started = Date.now();
  const result = await services.events.verifyAll((done, total) => process.stdout.write(`\r${done}/${total} events checked`));
  process.stdout.write('\n');
  await db.close();
  if (result.verified) {
    console.log(`All ${result.checked} evidence chains verify (${((Date.now() - started) / 1000).toFixed(1)} s).`);
    return;
  }
  const b = result.firstBroken!;
  console.log(`BROKEN: event ${b.code}, record ${b.seq}: ${b.reason}`);
  process.exitCode = 1;
}

main().catch((err) => { console.error(err instanceof Error ? err.message : err); process.exit(2); });
