import { bootApp } from '../test/helpers/app';
import { postReport } from '../test/helpers/events';
import { noisyJpeg } from '../test/helpers/photos';
async function main() {
  const t = await bootApp();
  const token = await t.residentToken('dev-resident');
  const photo = await noisyJpeg({ width: 800, height: 600 });
  await postReport(t, token, { photos: [photo], key: 'warm' }).expect(201);
  const log: string[] = [];
  (t.db.sequelize as any).options.logging = (sql: string, ms: number) => log.push(`${ms}ms ${sql.slice(0, 200)}`);
  (t.db.sequelize as any).options.benchmark = true;
  const started = Date.now();
  const res = await postReport(t, token, { photos: [await noisyJpeg({ width: 800, height: 600, seed: 7 })], key: 'k2' });
  console.log(res.status, Date.now() - started, 'ms');
  console.log(log.length, 'statements'); for (const l of log) console.log(l);
  await t.close();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
