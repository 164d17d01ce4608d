// Photo files written beside a transaction (store), their rows inserted in it once written (insert), and removed
// again when it does not commit (discard): on both databases, with real files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { systemClock } from '../../../src/clock';
import type { Database } from '../../../src/db/models';
import { createPhotoService, LocalDiskStorage } from '../../../src/domains/photos';
import type { PhotoStorage } from '../../../src/domains/photos/storage';
import { processPhoto } from '../../../src/domains/photos/processor';
import { openFreshDatabase } from '../../helpers/app';
import { noisyJpeg } from '../../helpers/photos';

describe('photo files beside a transaction', () => {
  let db: Database;
  let close: () => Promise<void>;
  let root: string;
  before(async () => { ({ db, close } = await openFreshDatabase()); });
  after(() => close());
  beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'weave-store-')); });
  afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

  const service = (storage: PhotoStorage = new LocalDiskStorage(root)) => createPhotoService({ Photo: db.models.Photo, storage, clock: systemClock, secret: crypto.randomBytes(32), canView: async () => true });
  const files = () => fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
  const prepared = async () => [await processPhoto(await noisyJpeg({ width: 320, height: 240, seed: 11 }))];

  it('inserts the rows of the written files in the transaction that commits', async () => {
    const photos = service();
    const stored = photos.store(await prepared(), 'event');
    const rows = await db.sequelize.transaction((t) => photos.insert(stored, { kind: 'event', id: 424242 }, 'report', t));
    expect(rows).to.have.length(1);
    expect(files().sort()).to.deep.equal([path.basename(rows[0].displayKey), path.basename(rows[0].thumbKey)].sort());
    expect(await db.models.Photo.count({ where: { ownerId: 424242 } })).to.equal(1);
  });

  it('inserts the same files again when a transaction is tried again after rolling back, and keeps one set of them', async () => {
    const photos = service();
    const stored = photos.store(await prepared(), 'event');
    const attempt = (fail: boolean) => db.sequelize.transaction(async (t) => {
      const rows = await photos.insert(stored, { kind: 'event', id: 444444 }, 'report', t);
      if (fail) throw new Error('deadlock');
      return rows;
    });
    expect(await attempt(true).catch((err: Error) => err.message)).to.equal('deadlock');
    const rows = await attempt(false);
    expect(files().sort()).to.deep.equal([path.basename(rows[0].displayKey), path.basename(rows[0].thumbKey)].sort());
    expect(await db.models.Photo.count({ where: { ownerId: 444444 } })).to.equal(1);
  });

  it('removes the files when the transaction fails after inserting their rows, or before', async () => {
    const photos = service();
    for (const failAfterInsert of [true, false]) {
      const stored = photos.store(await prepared(), 'event');
      const failed = await db.sequelize.transaction(async (t) => {
        if (failAfterInsert) await photos.insert(stored, { kind: 'event', id: 434343 }, 'report', t);
        throw new Error('refused');
      }).catch(async (err: Error) => { await stored.discard(); return err.message; });
      expect(failed).to.equal('refused');
      expect(files(), `failing ${failAfterInsert ? 'after' : 'before'} the insert`).to.deep.equal([]);
    }
    expect(await db.models.Photo.count({ where: { ownerId: 434343 } })).to.equal(0);
  });

  it('inserts nothing when a file cannot be written, and leaves none of the others', async () => {
    const disk = new LocalDiskStorage(root);
    // The thumbnail's write fails (a full disk, say); the display's goes through.
    const photos = service({ put: (key, data) => (key.endsWith('-thumb.jpg') ? Promise.reject(new Error('ENOSPC')) : disk.put(key, data)), get: (key) => disk.get(key), delete: (key) => disk.delete(key) });
    const stored = photos.store(await prepared(), 'event');
    const failed = await db.sequelize.transaction((t) => photos.insert(stored, { kind: 'event', id: 454545 }, 'report', t))
      .catch(async (err: Error) => { await stored.discard(); return err.message; });
    expect(failed).to.equal('ENOSPC');
    expect(files()).to.deep.equal([]);
    expect(await db.models.Photo.count({ where: { ownerId: 454545 } })).to.equal(0);
  });
});
