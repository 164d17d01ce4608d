// A private MariaDB server for tests and benchmarks: its own data folder under a temp dir, a free port,
// started from Debian's mariadbd and stopped by the PID we started (never by name).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PrivateMariaDb { url: string; stop(): Promise<void> }

export function findMariadbd(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin'])) {
    const file = path.join(dir, 'mariadbd');
    if (fs.existsSync(file)) return file;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivateMariaDb(options: { bufferPool?: string } = {}): Promise<PrivateMariaDb> {
  const mariadbd = findMariadbd();
  if (!mariadbd) throw new Error('mariadbd not found: apt-get install -y mariadb-server');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-mariadb-'));
  const datadir = path.join(dir, 'data');
  const socket = path.join(dir, 'sock');
  const asRoot = process.getuid?.() === 0;
  const install = spawnSync('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', ...(asRoot ? ['--user=root'] : [])], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
  const port = await freePort();
  const child: ChildProcess = spawn(mariadbd, [
    '--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, `--port=${port}`, '--bind-address=127.0.0.1',
    '--skip-log-bin', `--innodb-buffer-pool-size=${options.bufferPool ?? '256M'}`, '--innodb-flush-log-at-trx-commit=2', '--max-connections=500',
    '--tmp-table-size=256M', '--max-heap-table-size=256M', `--pid-file=${path.join(dir, 'pid')}`, ...(asRoot ? ['--user=root'] : []),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr += d; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ping = spawnSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e',
      "CREATE DATABASE IF NOT EXISTS weave; CREATE USER IF NOT EXISTS 'weave'@'127.0.0.1' IDENTIFIED BY 'weave'; GRANT ALL ON *.* TO 'weave'@'127.0.0.1'; FLUSH PRIVILEGES;"], { encoding: 'utf8' });
    if (ping.status === 0) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`MariaDB did not start: ${stderr.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `mysql://weave:weave@127.0.0.1:${port}/weave`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
