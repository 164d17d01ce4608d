// `npm run fees:import -- <tax|bureau|finance> <file.csv|file.jsonl>`: imports a ledger file with a progress
// bar, through the same runner as the admin's 数据导入 (two passes, line errors, all or nothing).
import { SingleBar, Presets } from 'cli-progress';
import fs from 'node:fs';
import readline from 'node:readline';
import pino from 'pino';
import { createApp } from '../../app';
import { systemClock } from '../../clock';
import { loadConfig, resolveSecrets } from '../../config';
import { openDatabase } from '../../db/models';
import { createWechatClient } from '../../integrations/wechat/client';

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const _ of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) n++;
  return n;
}

async function main(): Promise<void> {
  const [source, file] = process.argv.slice(2);
  if (!['tax', 'bureau', 'finance'].includes(source) || !file || !fs.existsSync(file)) throw new Error('usage: npm run fees:import -- <tax|bureau|finance> <file.csv|file.jsonl>');
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl);
  const { services } = createApp({
    db, config, secrets: resolveSecrets(config), clock: systemClock, logger: pino({ level: 'silent' }),
    wechat: createWechatClient({ ...config.wechat, apiBase: config.wechat.apiBase ?? 'http://127.0.0.1:9' }),
  });
  const total = await countLines(file);
  // Two passes over the file: the bar runs to twice its lines.
  const bar = new SingleBar({ format: '导入 {bar} {value}/{total} 行 ({eta}s)' }, Presets.shades_classic);
  bar.start(total * 2, 0);
  const result = await services.imports.importFile(`${source}_ledger`, file, (lines) => bar.update(Math.min(total * 2, lines)));
  bar.update(total * 2);
  bar.stop();
  await db.close();
  if (result.status === 'done') { console.log(`已导入 ${result.appliedLines} 行。`); return; }
  console.log(`未导入：${result.errorCount} 处错误`);
  for (const e of result.errors.slice(0, 20)) console.log(`  第 ${e.line} 行 ${e.field}：${e.message}`);
  process.exitCode = 1;
}

main().catch((err) => { console.error(err instanceof Error ? err.message : err); process.exit(2); });
