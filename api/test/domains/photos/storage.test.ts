// Local disk storage: write-then-rename, keys confined to the root, and a directory removed behind its back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { LocalDiskStorage } from '../../../src/domains/photos';

describe('local disk photo storage', () => {
  let root: string;
  beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-storage-')); });
  afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

  it('stores, reads back and deletes a file, leaving no temporary file behind', async () => {
    const storage = new LocalDiskStorage(root);
    await storage.put('2026/12/03/a.jpg', Buffer.from('photo'));
    expect((await storage.get('2026/12/03/a.jpg'))?.toString()).to.equal('photo');
    expect(fs.readdirSync(path.join(root, '2026/12/03'))).to.deep.equal(['a.jpg']);
    await storage.delete('2026/12/03/a.jpg');
    expect(await storage.get('2026/12/03/a.jpg')).to.equal(null);
  });

  it('makes a directory again when it was removed after its first file', async () => {
    const storage = new LocalDiskStorage(root);
    await storage.put('2026/12/03/a.jpg', Buffer.from('one'));
    fs.rmSync(path.join(root, '2026'), { recursive: true });
    await storage.put('2026/12/03/b.jpg', Buffer.from('two'));
    expect((await storage.get('2026/12/03/b.jpg'))?.toString()).to.equal('two');
  });

  it('refuses keys that would leave its root', async () => {
    const storage = new LocalDiskStorage(root);
    for (const key of ['../x.jpg', '/etc/passwd.jpg', 'a/../../x.jpg']) {
      const error = await storage.put(key, Buffer.from('x')).then(() => null, (err: Error) => err);
      expect(error?.message).to.include('unsafe storage key');
    }
  });
});
