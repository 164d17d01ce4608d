// `npm run check:weapp`: builds the weapp (unless --no-build) and fails when a package passes WeChat's limit
// or app.json names a page with no output. Prints every package's size.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { checkPackages, formatReport } from './package-check';

const root = path.resolve(__dirname, '..');
if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build:weapp'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const report = checkPackages(path.join(root, 'dist', 'weapp'));
console.log(formatReport(report));
process.exit(report.problems.length ? 1 : 0);
