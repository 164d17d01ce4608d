// Before `npm start`: build the admin app and the H5 mini-program when their output is missing or older
// than their sources, so a fresh clone serves both without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function newest(dir) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const targets = [
  { name: 'admin app', output: 'admin/dist/index.html', sources: ['admin/src', 'admin/index.html', 'admin/vite.config.ts'], args: ['run', 'build', '-w', 'admin'] },
  { name: 'H5 mini-program', output: 'miniapp/dist/h5/index.html', sources: ['miniapp/src', 'miniapp/config'], args: ['run', 'build:h5', '-w', 'miniapp'] },
];

for (const t of targets) {
  const output = path.join(root, t.output);
  const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  const changed = Math.max(...t.sources.map((s) => { const p = path.join(root, s); return fs.existsSync(p) && fs.statSync(p).isDirectory() ? newest(p) : fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0; }));
  if (built && built >= changed) { console.log(`${t.name}: up to date`); continue; }
  console.log(`${t.name}: building…`);
  const result = spawnSync('npm', t.args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) { console.error(`${t.name}: build failed`); process.exit(result.status ?? 1); }
}
