// `npm run bench`: runs every benchmark and prints its figures with the command that made them.
// BENCH_SECONDS sets the length of each HTTP load (default 10); BENCH_ONLY=grid|events|residence|fees|fee-query|tourism|notices runs one of them
// (BENCH_RESIDENCE_SCALE=0.1 shrinks the residence data for a quick look);
// BENCH_DATABASE=mariadb runs on a private MariaDB started for the run (mariadbd from Debian), and
// BENCH_DATABASE_URL on a database of yours (an empty one).
import { startPrivateMariaDb } from '../scripts/mariadb';
import { eventsBench } from './events';
import { gridLocateBench } from './grid-locate';
import { residenceBench } from './residence';
import { feesBench } from './fees';
import { tourismBench } from './tourism';
import { feeQueryBench } from './fee-query';
import { noticesBench } from './notices';

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const only = process.env.BENCH_ONLY;
  // City-scale data wants the buffer pool a production server would give it (the tests' 256 MB is for speed of start).
  const maria = process.env.BENCH_DATABASE === 'mariadb' ? await startPrivateMariaDb({ bufferPool: process.env.BENCH_BUFFER_POOL ?? '4G' }) : null;
  try {
    console.log(`# npm run bench  (node ${process.version}, ${new Date().toISOString()}${maria ? ', private MariaDB' : ''})`);
    if (!only || only === 'grid') {
      if (maria) process.env.BENCH_DATABASE_URL = maria.url;
      await gridLocateBench({ seconds });
    }
    if (!only || only === 'events') {
      if (maria) {
        // A database of its own: the grid benchmark already filled `weave`.
        const { Sequelize } = await import('sequelize');
        const admin = new Sequelize(maria.url, { dialect: 'mysql', logging: false });
        await admin.query('CREATE DATABASE IF NOT EXISTS weave_events CHARACTER SET utf8mb4');
        await admin.close();
        process.env.BENCH_DATABASE_URL = maria.url.replace(/\/weave$/, '/weave_events');
      }
      await eventsBench({ seconds });
    }
    if (!only || only === 'residence') {
      if (maria) {
        const { Sequelize } = await import('sequelize');
        const admin = new Sequelize(maria.url, { dialect: 'mysql', logging: false });
        await admin.query('CREATE DATABASE IF NOT EXISTS weave_residence CHARACTER SET utf8mb4');
        await admin.close();
        process.env.BENCH_DATABASE_URL = maria.url.replace(/\/weave$/, '/weave_residence');
      }
      await residenceBench({ seconds });
    }
    if (!only || only === 'fees') {
      if (maria) {
        const { Sequelize } = await import('sequelize');
        const admin = new Sequelize(maria.url, { dialect: 'mysql', logging: false });
        await admin.query('CREATE DATABASE IF NOT EXISTS weave_fees CHARACTER SET utf8mb4');
        await admin.close();
        process.env.BENCH_DATABASE_URL = maria.url.replace(/\/weave$/, '/weave_fees');
      }
      await feesBench();
    }
    if (!only || only === 'fee-query') {
      if (maria) {
        const { Sequelize } = await import('sequelize');
        const admin = new Sequelize(maria.url, { dialect: 'mysql', logging: false });
        await admin.query('CREATE DATABASE IF NOT EXISTS weave_fee_query CHARACTER SET utf8mb4');
        await admin.close();
        process.env.BENCH_DATABASE_URL = maria.url.replace(/\/weave$/, '/weave_fee_query');
      }
      await feeQueryBench({ seconds });
    }
    if (!only || only === 'tourism') {
      if (maria) {
        const { Sequelize } = await import('sequelize');
        const admin = new Sequelize(maria.url, { dialect: 'mysql', logging: false });
        await admin.query('CREATE DATABASE IF NOT EXISTS weave_tourism CHARACTER SET utf8mb4');
        await admin.close();
        process.env.BENCH_DATABASE_URL = maria.url.replace(/\/weave$/, '/weave_tourism');
      }
      await tourismBench({ seconds });
    }
    if (!only || only === 'notices') {
      if (maria) {
        const { Sequelize } = await import('sequelize');
        const admin = new Sequelize(maria.url, { dialect: 'mysql', logging: false });
        await admin.query('CREATE DATABASE IF NOT EXISTS weave_notices CHARACTER SET utf8mb4');
        await admin.close();
        process.env.BENCH_DATABASE_URL = maria.url.replace(/\/weave$/, '/weave_notices');
      }
      await noticesBench();
    }
  } finally {
    await maria?.stop();
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
