import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/models';
import { seedDemo } from '../src/db/seed/demo';
import { signAccessToken } from '../src/domains/auth/tokens';
import { execSync } from 'node:child_process';
import { serve } from '../bench/support';
import { cameraLikePhoto, rawSharp, multipartBody, post, timed } from '../bench/events';

function cpuOf(pid: string) { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; }
let serverPid = '';
function sys() { const l = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number); const idle = l[3] + l[4]; const all = l.reduce((a, b) => a + b, 0); return { idle: idle * 10, all: all * 10, server: serverPid ? cpuOf(serverPid) : 0, bench: cpuOf(String(process.pid)), t: Date.now() }; }
function delta(a: ReturnType<typeof sys>) { const b = sys(); return { wall: b.t - a.t, busy: (b.all - b.idle) - (a.all - a.idle), idle: b.idle - a.idle, server: b.server - a.server, bench: b.bench - a.bench }; }
async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-intake-'));
  const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dir, 'bench.sqlite')}`;
  const db = await openDatabase(url);
  await seedDemo(db);
  const resident = (await db.models.Person.findOne({ where: { openid: 'dev-resident' }, raw: true }))!;
  await db.close();
  const tokenKey = crypto.randomBytes(32);
  const token = signAccessToken({ kind: 'resident', id: resident.id }, 1, tokenKey, new Date(), 3600).token;
  const weave = await serve(['weave', url], { BENCH_TOKEN_KEY: tokenKey.toString('hex'), MEDIA_DIR: path.join(dir, 'media') });
  serverPid = execSync("pgrep -f 'serve.ts weave' | head -1").toString().trim();
  const photo = await cameraLikePhoto();
  const n = Number(process.env.N ?? 24);
  const conc = (process.env.C ?? '2').split(',').map(Number);
  const runId = crypto.randomBytes(4).toString('hex');
  let k = 0;
  try {
    for (let round = 0; round < Number(process.env.R ?? 2); round++) for (const c of conc) {
      await rawSharp(photo);
      let st = sys();
      const rawRate = await timed(n, c, async () => rawSharp(photo));
      const rawCpu = delta(st);
      const bodies = Array.from({ length: n }, (_, i) => multipartBody({ category: 'road-damage', description: `测试 ${i}`, lat: '22.555', lng: '113.883' }, { field: 'photos', name: 'c.jpg', type: 'image/jpeg', data: photo }));
      const agent = new http.Agent({ keepAlive: true, maxSockets: c });
      st = sys();
      const rate = await timed(n, c, async (i) => {
        const res = await post(weave.url, '/api/v1/reports', bodies[i].body, { 'Content-Type': bodies[i].type, Authorization: `Bearer ${token}`, 'Idempotency-Key': `b-${runId}-${k++}` }, agent);
        if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
      });
      agent.destroy();
      const apiCpu = delta(st);
      console.log('raw cpu', rawCpu, 'api cpu', apiCpu, 'per item ms: raw', (rawCpu.busy / n).toFixed(0), 'api', (apiCpu.busy / n).toFixed(0), 'server', (apiCpu.server / n).toFixed(0), 'bench', (apiCpu.bench / n).toFixed(0));
      console.log('server rss', fs.readFileSync(`/proc/${serverPid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1], 'kB');
      console.log(`c=${c} raw ${rawRate.toFixed(2)}/s intake ${rate.toFixed(2)}/s ratio ${(rate / rawRate * 100).toFixed(0)} %`);
    }
  } finally { await weave.close(); fs.rmSync(dir, { recursive: true, force: true }); }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
