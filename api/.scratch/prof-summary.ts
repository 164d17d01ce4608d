import fs from 'node:fs';
const file = process.argv[2];
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map<number, any>(); for (const n of p.nodes) byId.set(n.id, n);
const parent = new Map<number, number>(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
const W = Number(process.env.WINDOW_MS ?? 0) * 1000; let ts = p.startTime; const tsArr: number[] = []; for (let i = 0; i < p.samples.length; i++) { ts += p.timeDeltas[i] ?? 0; tsArr.push(ts); }
for (let i = 0; i < p.samples.length; i++) if (!W || tsArr[i] >= p.endTime - W) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map<string, number>();
const key = (n: any) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*node_modules\//, 'nm/').replace(/^.*\/api\//, '')}:${n.callFrame.lineNumber}`;
for (const [id, t] of self) { const k = key(byId.get(id)); fn.set(k, (fn.get(k) ?? 0) + t); }
console.log('total ms', (total / 1000).toFixed(0));
for (const [k, t] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 30))) console.log((t / 1000).toFixed(0).padStart(7), (t / total * 100).toFixed(1).padStart(5) + '%', k);
// inclusive by substring of url
const incl = new Map<string, number>();
for (const [id, t] of self) {
  const seen = new Set<string>(); let cur: number | undefined = id;
  while (cur !== undefined) { const n = byId.get(cur); const u = n.callFrame.url; const m = u.match(/node_modules\/((@[^/]+\/)?[^/]+)/); const g = m ? m[1] : u.includes('/api/src/') ? u.replace(/^.*\/api\/src\//, 'src/').split('/').slice(0, 3).join('/') : ''; if (g && !seen.has(g)) { seen.add(g); incl.set(g, (incl.get(g) ?? 0) + t); } cur = parent.get(cur); }
}
console.log('--- inclusive by package/module');
for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((t / 1000).toFixed(0).padStart(7), (t / total * 100).toFixed(1).padStart(5) + '%', k);
