// `npm run bench`: runs every benchmark and prints its figures with the command that made them.
// BENCH_SECONDS sets the length of each HTTP load (default 10); BENCH_DATABASE_URL runs on MySQL/MariaDB.
import { gridLocateBench } from './grid-locate';

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  console.log(`# npm run bench  (node ${process.version}, ${new Date().toISOString()})`);
  await gridLocateBench({ seconds });
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
