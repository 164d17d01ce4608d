// `npm run bench`: runs every benchmark and prints its figures with the command that made them.
// BENCH_SECONDS sets the length of each HTTP load (default 10); BENCH_DATABASE_URL runs on MySQL/MariaDB
// (an empty database); BENCH_ONLY=grid|events runs one of them.
import { eventsBench } from './events';
import { gridLocateBench } from './grid-locate';

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const only = process.env.BENCH_ONLY;
  console.log(`# npm run bench  (node ${process.version}, ${new Date().toISOString()})`);
  if (!only || only === 'grid') await gridLocateBench({ seconds });
  if (!only || only === 'events') await eventsBench({ seconds });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
