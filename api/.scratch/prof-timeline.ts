import fs from 'node:fs';
const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map<number, any>(); for (const n of p.nodes) byId.set(n.id, n);
const bucket = Number(process.argv[3] ?? 2000) * 1000;
let ts = p.startTime; const rows = new Map<number, { idle: number; gc: number; busy: number }>();
for (let i = 0; i < p.samples.length; i++) {
  ts += p.timeDeltas[i] ?? 0; const b = Math.floor((ts - p.startTime) / bucket); const r = rows.get(b) ?? { idle: 0, gc: 0, busy: 0 }; rows.set(b, r);
  const name = byId.get(p.samples[i]).callFrame.functionName; const d = p.timeDeltas[i] ?? 0;
  if (name === '(idle)') r.idle += d; else if (name === '(garbage collector)') r.gc += d; else r.busy += d;
}
for (const [b, r] of [...rows].sort((a, b) => a[0] - b[0])) console.log(`${(b * bucket / 1e6).toFixed(0)}s busy ${(r.busy / 1000).toFixed(0)} gc ${(r.gc / 1000).toFixed(0)} idle ${(r.idle / 1000).toFixed(0)}`);
