// `npm test`: every check a change must pass, in order, ending with one line `N passed, N failed, N skipped`.
// Locally a missing MariaDB or Chromium skips that part with a line saying how to get it; with CI=true
// a missing part is a failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findMariadbd, startPrivateMariaDb } from './mariadb';

const ROOT = path.resolve(__dirname, '..', '..');
const CI = process.env.CI === 'true' || process.env.CI === '1';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

function run(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (d: Buffer) => { output += d; process.stdout.write(d); };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function step(name: string, cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<boolean> {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const { code } = await run(cmd, args, opts);
  const ok = code === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (ok) totals.passed++; else { totals.failed++; failures.push(name); }
  return ok;
}

/** A mocha suite counts its own tests; a crash with no summary counts as one failure. */
async function mochaStep(name: string, cwd: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  console.log(`\n▶ ${name}`);
  const { code, output } = await run('npx', ['mocha', ...args], { cwd, env });
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(output)?.[1] ?? 0);
  const [passing, failing, pending] = [count('passing'), count('failing'), count('pending')];
  totals.passed += passing;
  totals.failed += failing;
  totals.skipped += pending;
  if (code !== 0 && failing === 0) totals.failed++;
  if (code !== 0) failures.push(name);
  console.log(`${code === 0 ? '✔' : '✘'} ${name}: ${passing} passing, ${failing} failing, ${pending} pending`);
}

function skip(name: string, how: string): void {
  if (CI) {
    console.log(`\n✘ ${name}: required with CI=true but not available. ${how}`);
    totals.failed++;
    failures.push(name);
  } else {
    console.log(`\n⚠ skipped ${name}: ${how}`);
    totals.skipped++;
  }
}

async function main(): Promise<void> {
  const api = path.join(ROOT, 'api');
  const miniapp = path.join(ROOT, 'miniapp');
  await step('type-check api', 'npx', ['tsc', '-p', 'api/tsconfig.json']);
  await step('type-check admin', 'npx', ['tsc', '-p', 'admin/tsconfig.json']);
  await step('type-check miniapp', 'npx', ['tsc', '-p', 'miniapp/tsconfig.json']);

  await mochaStep('API tests on SQLite', api, []);
  await mochaStep('mini-program unit tests', miniapp, ['--require', 'tsx/cjs', 'test/**/*.test.ts']);

  if (findMariadbd()) {
    console.log('\n▶ starting a private MariaDB');
    const server = await startPrivateMariaDb();
    try {
      await mochaStep('API tests on MariaDB', api, [], { TEST_DATABASE_URL: server.url });
    } finally {
      await server.stop();
    }
  } else {
    skip('API tests on MariaDB', 'mariadbd not found; install it with `apt-get install -y mariadb-server`.');
  }

  const admin = await step('admin build', 'npm', ['run', 'build', '-w', 'admin']);
  const weapp = await step('weapp build', 'npm', ['run', 'build:weapp', '-w', 'miniapp']);
  // WeChat's limits: every package ≤ 2 MB, all ≤ 20 MB, every page in app.json built (npm run check:weapp).
  if (weapp) await step('weapp package limits', 'npx', ['tsx', 'scripts/check-weapp.ts', '--no-build'], { cwd: miniapp });
  const h5 = await step('H5 build', 'npm', ['run', 'build:h5', '-w', 'miniapp']);

  if (fs.existsSync(CHROMIUM)) {
    if (admin && h5) await mochaStep('browser tests (Chromium)', api, ['--config', '.mocharc.e2e.json']);
    else skip('browser tests (Chromium)', 'the builds they test failed.');
  } else {
    skip('browser tests (Chromium)', `${CHROMIUM} not found; install it with \`apt-get install -y chromium fonts-noto-cjk\`.`);
  }

  if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  console.log(`${totals.passed} passed, ${totals.failed + 1} failed, ${totals.skipped} skipped`);
  process.exit(1);
});
