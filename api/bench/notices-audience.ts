// The audience half of the notices benchmark, in a process of its own so that its peak RSS is the
// audience's (the parent seeds 5.28 million people first). Prints its lines on stdout.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { QueryTypes } from 'sequelize';
import { createApp } from '../src/app';
import { cityDate, FakeClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/models';
import { addDays, addYears, type Audience } from '../src/domains/notices/audience';
import { createWechatClient } from '../src/integrations/wechat/client';
import { measured } from './support';

async function main(url: string): Promise<void> {
  const clock = new FakeClock('2026-11-23T02:00:00.000Z');
  const today = cityDate(clock.now(), 'Asia/Shanghai');
  const db = await openDatabase(url, { poolMax: 10, migrate: false });
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, LOG_LEVEL: 'silent', WECHAT_API_BASE: 'http://127.0.0.1:9', MEDIA_DIR: path.join(os.tmpdir(), 'weave-bench-notices-media') });
  const { services } = createApp({ db, config, clock, logger: pino({ level: 'silent' }), secrets: { tokenKey: crypto.randomBytes(32), encryptionKey: crypto.randomBytes(32) }, wechat: createWechatClient({ ...config.wechat, apiBase: 'http://127.0.0.1:9' }) });
  const people = await db.models.ResidentFact.count();
  const district = (await db.models.Region.findOne({ where: { code: '440306' }, raw: true }))!;
  const cases: [string, Audience, string, unknown[]][] = [
    ['turned 60 in the last 7 days, living in 宝安区', { all: [{ fact: 'age', age_reaches: 60 }, { fact: 'region', eq: '440306' }] },
      'SELECT COUNT(*) AS n FROM resident_facts WHERE birth_date BETWEEN ? AND ? AND region_path LIKE ?', [addYears(addDays(today, -7), -60), addYears(today, -60), `${district.path}%`]],
    ['aged 60 or over, anywhere', { fact: 'age', range: { min: 60 } },
      'SELECT COUNT(*) AS n FROM resident_facts WHERE birth_date <= ?', [addYears(today, -60)]],
  ];
  const lines: string[] = [`audience measured in a process of its own (RSS at start ${Math.round(process.memoryUsage().rss / 1048576)} MB)`];
  for (const [name, audience, sql, replacements] of cases) {
    const bare = await measured(() => db.sequelize.query<{ n: number }>(sql, { replacements, type: QueryTypes.SELECT }));
    const ours = await measured(async () => { let n = 0; for await (const page of services.rules.audienceIds(audience)) n += page.length; return n; });
    lines.push(`audience "${name}": ${ours.result.toLocaleString('en')} people of ${people.toLocaleString('en')} in ${ours.seconds.toFixed(2)} s, peak RSS ${ours.peakRssMb} MB (goal ≤ 15 s, ≤ 1024 MB)`);
    lines.push(`  baseline, the bare SQL COUNT of the same people: ${Number(bare.result[0].n).toLocaleString('en')} in ${bare.seconds.toFixed(2)} s; the audience (ids streamed page by page) takes ${(ours.seconds / bare.seconds).toFixed(1)}× as long`);
  }
  await db.close();
  process.stdout.write(lines.join('\n') + '\n');
}

main(process.argv[2]).catch((err) => { console.error(err); process.exit(1); });
