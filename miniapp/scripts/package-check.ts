// WeChat's package limits, checked on a weapp build: the main package and each subpackage at most 2 MB, the
// whole mini-program at most 20 MB, and every page that app.json names has its output. WeChat's own upload
// refuses a build that breaks these; checking here keeps the failure in CI, with the sizes to act on.
import fs from 'node:fs';
import path from 'node:path';

export const PACKAGE_LIMIT = 2 * 1024 * 1024;
export const TOTAL_LIMIT = 20 * 1024 * 1024;

export interface PackageSize { name: string; root: string; bytes: number; limit: number }
export interface PackageReport { packages: PackageSize[]; totalBytes: number; problems: string[] }

function filesUnder(dir: string): { file: string; bytes: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [{ file: full, bytes: fs.statSync(full).size }];
  });
}

export function checkPackages(dist: string): PackageReport {
  const problems: string[] = [];
  const appJsonFile = path.join(dist, 'app.json');
  if (!fs.existsSync(appJsonFile)) return { packages: [], totalBytes: 0, problems: [`${appJsonFile} is missing: build weapp first`] };
  const app = JSON.parse(fs.readFileSync(appJsonFile, 'utf8')) as { pages?: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] };
  const subs = (app.subPackages ?? app.subpackages ?? []).map((s) => ({ root: s.root.replace(/\/+$/, ''), pages: s.pages }));
  const pages = [...(app.pages ?? []), ...subs.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
  for (const page of pages) {
    if (!fs.existsSync(path.join(dist, `${page}.js`))) problems.push(`app.json names ${page}, which has no output (${page}.js)`);
  }
  const all = filesUnder(dist);
  const within = (f: string, root: string) => path.relative(path.join(dist, root), f).split(path.sep)[0] !== '..';
  const sizes: PackageSize[] = [{ name: 'main', root: '', bytes: all.filter((f) => !subs.some((s) => within(f.file, s.root))).reduce((a, f) => a + f.bytes, 0), limit: PACKAGE_LIMIT }];
  for (const s of subs) sizes.push({ name: s.root, root: s.root, bytes: all.filter((f) => within(f.file, s.root)).reduce((a, f) => a + f.bytes, 0), limit: PACKAGE_LIMIT });
  for (const p of sizes) if (p.bytes > p.limit) problems.push(`package ${p.name} is ${(p.bytes / 1048576).toFixed(2)} MB, over WeChat's ${p.limit / 1048576} MB`);
  const totalBytes = all.reduce((a, f) => a + f.bytes, 0);
  if (totalBytes > TOTAL_LIMIT) problems.push(`the whole mini-program is ${(totalBytes / 1048576).toFixed(2)} MB, over WeChat's 20 MB`);
  return { packages: sizes, totalBytes, problems };
}

export function formatReport(r: PackageReport): string {
  const kb = (b: number) => `${(b / 1024).toFixed(0).padStart(6)} KB`;
  return [
    ...r.packages.map((p) => `${p.name.padEnd(22)} ${kb(p.bytes)}  (${Math.round((100 * p.bytes) / p.limit)} % of 2 MB)`),
    `${'total'.padEnd(22)} ${kb(r.totalBytes)}  (${Math.round((100 * r.totalBytes) / TOTAL_LIMIT)} % of 20 MB)`,
    ...r.problems.map((p) => `✘ ${p}`),
  ].join('\n');
}
