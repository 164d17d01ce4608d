// The package check on fixtures: within limits passes; an oversize subpackage, an oversize main package and a
// page with no output fail, each named.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { checkPackages, PACKAGE_LIMIT } from '../scripts/package-check';

function fixture(files: Record<string, number>, app: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-fixture-'));
  fs.writeFileSync(path.join(dir, 'app.json'), JSON.stringify(app));
  for (const [file, bytes] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), Buffer.alloc(bytes, 97));
  }
  return dir;
}
const APP = { pages: ['pages/index/index'], subPackages: [{ root: 'packages/fees', pages: ['pages/index/index'] }] };

describe('weapp package check', () => {
  it('passes a build within the limits, with the size of each package', () => {
    const r = checkPackages(fixture({ 'pages/index/index.js': 1000, 'app.js': 500, 'packages/fees/pages/index/index.js': 3000 }, APP));
    expect(r.problems).to.deep.equal([]);
    expect(r.packages).to.deep.equal([
      { name: 'main', root: '', bytes: 1500 + JSON.stringify(APP).length, limit: PACKAGE_LIMIT },
      { name: 'packages/fees', root: 'packages/fees', bytes: 3000, limit: PACKAGE_LIMIT },
    ]);
  });
  it('fails an oversize subpackage', () => {
    const r = checkPackages(fixture({ 'pages/index/index.js': 10, 'packages/fees/pages/index/index.js': 10, 'packages/fees/big.js': PACKAGE_LIMIT }, APP));
    expect(r.problems).to.have.length(1);
    expect(r.problems[0]).to.match(/package packages\/fees is 2\.00 MB, over WeChat's 2 MB/);
  });
  it('fails an oversize main package', () => {
    const r = checkPackages(fixture({ 'pages/index/index.js': 10, 'vendors.js': PACKAGE_LIMIT + 1, 'packages/fees/pages/index/index.js': 10 }, APP));
    expect(r.problems[0]).to.match(/package main is/);
  });
  it('fails a page that app.json names but the build did not produce', () => {
    const r = checkPackages(fixture({ 'pages/index/index.js': 10 }, APP));
    expect(r.problems).to.deep.equal(['app.json names packages/fees/pages/index/index, which has no output (packages/fees/pages/index/index.js)']);
  });
  it('passes our own weapp build, when there is one', function () {
    const dist = path.resolve(__dirname, '..', 'dist', 'weapp');
    if (!fs.existsSync(path.join(dist, 'app.json'))) this.skip();
    expect(checkPackages(dist).problems).to.deep.equal([]);
  });
});
