// Shared by the benchmarks: servers in child processes and autocannon runs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';

/** Starts bench/serve.ts in a child process: the server gets a core of its own. */
export async function serve(args: string[], env: Record<string, string> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'serve.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url: JSON.parse(line).url, close: async () => { child.kill(); } };
}

export interface LoadResult { rps: number; p50: number; p99: number; errors: number }

export async function load(url: string, paths: string[], seconds: number, headers: Record<string, string> = {}, connections = 50): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url, connections, duration: seconds, headers,
    requests: [{ method: 'GET', setupRequest: (req: object) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}
