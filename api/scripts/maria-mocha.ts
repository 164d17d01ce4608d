// Runs mocha on the given test files against a private MariaDB (for a quick check of one area on the
// second database): node --import tsx scripts/maria-mocha.ts test/domains/notices
import { spawnSync } from 'node:child_process';
import { startPrivateMariaDb } from './mariadb';

async function main(): Promise<void> {
  const maria = await startPrivateMariaDb();
  try {
    const r = spawnSync('npx', ['mocha', '--no-config', '--node-option', 'import=tsx', '--extension', 'ts', '--timeout', '60000', '--recursive', ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: maria.url, TEST_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error' },
  });
    process.exitCode = r.status ?? 1;
  } finally {
    await maria.stop();
  }
}
void main();
