import { expect } from 'chai';
import { openDatabase, type Database } from '../../src/db/models';
import { tryAcquireLease } from '../../src/scheduler/leases';
import { freshDatabase } from '../helpers/app';

describe('scheduler leases', () => {
  let db: Database;
  let drop: () => Promise<void>;
  before(async () => { const f = await freshDatabase(); drop = f.drop; db = await openDatabase(f.url); });
  after(async () => { await db.close(); await drop(); });

  it('lets one of two instances run a job, and the other only after the lease expires', async () => {
    const t0 = new Date('2026-11-23T03:17:00.000Z');
    expect(await tryAcquireLease(db.models.Lease, 'housekeeping', 'a', t0, 60_000)).to.equal(true);
    expect(await tryAcquireLease(db.models.Lease, 'housekeeping', 'b', new Date(t0.getTime() + 1000), 60_000)).to.equal(false);
    expect(await tryAcquireLease(db.models.Lease, 'housekeeping', 'b', new Date(t0.getTime() + 61_000), 60_000)).to.equal(true);
  });

  it('gives a lease to exactly one of many racing instances', async () => {
    const now = new Date('2026-11-24T03:17:00.000Z');
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((h) => tryAcquireLease(db.models.Lease, 'race', h, now, 60_000)));
    expect(results.filter(Boolean)).to.have.length(1);
  });
});
