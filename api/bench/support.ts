// Shared by the benchmarks: servers in child processes, and HTTP load from a separate process (wrk, which
// takes far less CPU than the server it measures; autocannon in this process when wrk is not installed).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../scripts/node-flags';

/**
 * Starts bench/serve.ts in a child process: the server gets a core of its own, and the Node flags `npm start`
 * gives the API (both sides of a comparison alike). BENCH_CPU_PROF=<dir> makes each
 * server write a V8 CPU profile there when it stops (open it in Chrome's DevTools); BENCH_TRACE_GC=<file>
 * appends each server's --trace-gc lines to that file, with the time.
 */
export async function serve(args: string[], env: Record<string, string> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const profile = [
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []),
  ];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, '--import', 'tsx', path.join(__dirname, 'serve.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...SERVER_ENV, ...process.env, ...env } });
  const line = await new Promise<string>((resolve, reject) => {
    // The first line of JSON is the server's address; anything else on stdout is --trace-gc's.
    readline.createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('{"url"')) resolve(l);
      else if (process.env.BENCH_TRACE_GC) fs.appendFileSync(process.env.BENCH_TRACE_GC, `${Date.now()} ${l}\n`);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { url: JSON.parse(line).url, close: async () => { child.kill(); await exited; } };
}

export interface LoadResult { rps: number; p50: number; p99: number; errors: number; tool: string }
export interface LoadOptions {
  headers?: Record<string, string>;
  connections?: number;
  /** Each request takes a path uniformly at random from `paths` (default: in turn). */
  random?: boolean;
}

/** The load generator in use: BENCH_LOADGEN=autocannon forces autocannon. */
export const loadGenerator = (): 'wrk' | 'autocannon' =>
  process.env.BENCH_LOADGEN !== 'autocannon' && spawnSync('wrk', ['--version']).error === undefined ? 'wrk' : 'autocannon';

export function describeLoad(connections = 50): string {
  return loadGenerator() === 'wrk' ? `wrk in its own process, 1 thread, ${connections} connections` : `autocannon in the bench process, ${connections} connections`;
}

// Paths from a file given as the script's argument; each thread seeds its own random sequence.
const WRK_SCRIPT = `
local paths, auths, n, i, random = {}, {}, 0, 0, false
local counter = 0
function setup(thread) counter = counter + 1; thread:set("tid", counter) end
function init(args)
  -- A line may carry the request's own bearer token after a tab (one person per request).
  for line in io.lines(args[1]) do
    n = n + 1
    local tab = string.find(line, "\t", 1, true)
    if tab then paths[n] = string.sub(line, 1, tab - 1); auths[n] = string.sub(line, tab + 1) else paths[n] = line end
  end
  random = args[2] == "random"
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end
local function at(k)
  if auths[k] then return wrk.format(nil, paths[k], { Authorization = "Bearer " .. auths[k] }) end
  return wrk.format(nil, paths[k])
end
function request()
  if random then return at(math.random(n)) end
  i = i % n + 1
  return at(i)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
`;

async function wrkLoad(url: string, paths: string[], seconds: number, options: LoadOptions): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-wrk-'));
  try {
    fs.writeFileSync(path.join(dir, 'paths.txt'), paths.join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'load.lua'), WRK_SCRIPT);
    const args = [`-t${process.env.BENCH_WRK_THREADS ?? 1}`, `-c${options.connections ?? 50}`, `-d${seconds}s`, '--timeout', '10s', '-s', path.join(dir, 'load.lua')];
    for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
    args.push(url, '--', path.join(dir, 'paths.txt'), options.random ? 'random' : 'cycle');
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d) => { text += d; });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}: ${text}`))));
    });
    const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
    if (!line) throw new Error(`wrk gave no summary: ${out}`);
    const r = JSON.parse(line.slice('WRKJSON '.length));
    return { rps: r.requests / (r.duration_us / 1e6), p50: Math.round(r.p50_us / 100) / 10, p99: Math.round(r.p99_us / 100) / 10, errors: r.errors, tool: 'wrk' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function autocannonLoad(url: string, paths: string[], seconds: number, options: LoadOptions): Promise<LoadResult> {
  let i = 0;
  const pick = options.random ? () => paths[Math.floor(Math.random() * paths.length)] : () => paths[i++ % paths.length];
  const result = await autocannon({
    url, connections: options.connections ?? 50, duration: seconds, headers: options.headers ?? {},
    requests: [{ method: 'GET', setupRequest: (req: { headers?: Record<string, string> }) => {
      const [p, token] = pick().split('\t');
      return { ...req, path: p, ...(token ? { headers: { ...req.headers, Authorization: `Bearer ${token}` } } : {}) };
    } }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, tool: 'autocannon' };
}

/**
 * GET load on `url` over `paths` for `seconds`; both sides of a comparison must go through the same call. A path
 * may be followed by a tab and a bearer token: that request is sent as that person.
 */
export async function load(url: string, paths: string[], seconds: number, options: LoadOptions = {}): Promise<LoadResult> {
  return loadGenerator() === 'wrk' ? wrkLoad(url, paths, seconds, options) : autocannonLoad(url, paths, seconds, options);
}

/** Runs `work`, timing it and sampling the process's peak RSS and heap every 20 ms. */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number; peakHeapMb: number }> {
  let peakRss = 0, peakHeap = 0;
  const sample = () => { const m = process.memoryUsage(); peakRss = Math.max(peakRss, m.rss); peakHeap = Math.max(peakHeap, m.heapUsed); };
  const timer = setInterval(sample, 20);
  const t0 = process.hrtime.bigint();
  try {
    const result = await work();
    sample();
    return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakRssMb: Math.round(peakRss / 1048576), peakHeapMb: Math.round(peakHeap / 1048576) };
  } finally { clearInterval(timer); }
}
