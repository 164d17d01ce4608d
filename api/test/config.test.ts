import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, resolveSecrets } from '../src/config';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../scripts/node-flags';

describe('config', () => {
  it('starts the API with the Node flags the benchmarks measured it with', () => {
    const start: string = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).scripts.start;
    for (const flag of SERVER_NODE_FLAGS) expect(start.split(' ')).to.include(flag);
    // The environment too, unless the operator sets it: `NAME=${NAME:-value}` before node.
    for (const [name, value] of Object.entries(SERVER_ENV)) expect(start.split(' ')).to.include(`${name}=\${${name}:-${value}}`);
  });

  it('runs the benchmarks\' raw sharp pipeline with the allocator settings the servers have', () => {
    const bench: string = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).scripts.bench;
    const allocator = Object.entries(SERVER_ENV).filter(([name]) => name.startsWith('MALLOC_'));
    expect(allocator).to.have.length(2);
    for (const [name, value] of allocator) expect(bench.split(' ')).to.include(`${name}=\${${name}:-${value}}`);
  });

  it('serves the embedded demo when nothing is set: SQLite under data/, port 3000, dev sign-in on', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3000);
    expect(config.databaseUrl).to.match(/^sqlite:.*data[/\\]weave\.sqlite$/);
    expect(config.devSignIn).to.equal(true);
    expect(config.demoSeed).to.equal(true);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'eighty' }, /PORT/],
    ['a port out of range', { PORT: '70000' }, /PORT/],
    ['a database URL of an unknown kind', { DATABASE_URL: 'postgres://x' }, /DATABASE_URL/],
    ['a WeChat base that is not a URL', { WECHAT_API_BASE: 'not a url' }, /WECHAT_API_BASE/],
    ['a token key that is not 32 bytes of hex', { TOKEN_KEY: 'short' }, /TOKEN_KEY/],
    ['an unknown NODE_ENV', { NODE_ENV: 'staging' }, /NODE_ENV/],
    ['a body limit without a unit', { JSON_BODY_LIMIT: 'lots' }, /JSON_BODY_LIMIT/],
  ];
  for (const [what, env, name] of bad) {
    it(`stops with a message naming the variable for ${what}`, () => {
      expect(() => loadConfig(env)).to.throw(ConfigError, name);
    });
  }

  it('requires the database, WeChat credentials and secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /DATABASE_URL is required/);
    const full = {
      NODE_ENV: 'production', DATABASE_URL: 'mysql://u:p@db/weave', WECHAT_API_BASE: 'https://api.weixin.qq.com',
      WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', TOKEN_KEY: 'a'.repeat(64),
    };
    expect(() => loadConfig(full)).to.throw(ConfigError, /ENCRYPTION_KEY is required/);
    const config = loadConfig({ ...full, ENCRYPTION_KEY: 'b'.repeat(64) });
    expect(config.devSignIn).to.equal(false);
    expect(config.demoSeed).to.equal(false);
    expect(config.corsOrigins).to.deep.equal([]);
  });

  it('generates the demo secrets once into the data folder and reuses them on the next start', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-secrets-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = resolveSecrets(config);
    const second = resolveSecrets(config);
    expect(first.tokenKey).to.have.length(32);
    expect(second.tokenKey.equals(first.tokenKey)).to.equal(true);
    expect(second.encryptionKey.equals(first.encryptionKey)).to.equal(true);
    expect(fs.statSync(path.join(dataDir, 'secrets.json')).mode & 0o077).to.equal(0);
    fs.rmSync(dataDir, { recursive: true });
  });
});
