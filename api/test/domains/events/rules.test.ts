import { expect } from 'chai';
import { chooseUnit } from '../../../src/domains/events/dispatch-rules';
import crypto from 'node:crypto';
import { canonicalJson } from '../../../src/canonical-json';
import { committedForm } from '../../../src/personal-fields';
import { sha256 } from '../../../src/digest';
import { COVERED_FIELDS, hashRecord, payloadDigest, stateDigest, stateJson, verifyChain, type EvidenceRecord } from '../../../src/domains/events/evidence';
import { cityDay, deadlinesFrom, distanceMeters, formatEventCode, isOverdue } from '../../../src/domains/events/rules';

describe('dispatch rules', () => {
  const units = [
    { id: 1, type: 'city_management', regionPath: '/1/2/' },        // district bureau
    { id: 2, type: 'city_management', regionPath: '/1/2/3/' },      // street office
    { id: 3, type: 'water', regionPath: '/1/2/' },
  ];
  const cases: [string, Parameters<typeof chooseUnit>[0], number | null][] = [
    ['a street office beats the district bureau for its own street', { categoryId: 9, unitType: 'city_management', eventRegionPath: '/1/2/3/7/', rules: [], units }, 2],
    ['the district bureau covers another street', { categoryId: 9, unitType: 'city_management', eventRegionPath: '/1/2/4/8/', rules: [], units }, 1],
    ['a blocked drain goes to the water unit', { categoryId: 9, unitType: 'water', eventRegionPath: '/1/2/3/7/', rules: [], units }, 3],
    ['no unit of the type: nobody (the dispatch queue)', { categoryId: 9, unitType: 'tourism', eventRegionPath: '/1/2/3/7/', rules: [], units }, null],
    ['an explicit rule for the area wins', { categoryId: 9, unitType: 'water', eventRegionPath: '/1/2/3/7/', rules: [{ categoryId: null, regionPath: '/1/2/3/', unitId: 2 }], units }, 2],
    ['a rule for the category beats a general rule at the same depth', { categoryId: 9, unitType: 'water', eventRegionPath: '/1/2/3/7/', rules: [{ categoryId: null, regionPath: '/1/2/3/', unitId: 2 }, { categoryId: 9, regionPath: '/1/2/3/', unitId: 1 }], units }, 1],
    ['a rule for another category does not apply', { categoryId: 9, unitType: 'water', eventRegionPath: '/1/2/3/7/', rules: [{ categoryId: 5, regionPath: '/1/2/3/', unitId: 2 }], units }, 3],
    ['a rule elsewhere does not apply', { categoryId: 9, unitType: 'water', eventRegionPath: '/1/2/4/8/', rules: [{ categoryId: null, regionPath: '/1/2/3/', unitId: 2 }], units }, 3],
  ];
  for (const [what, input, unit] of cases) it(what, () => expect(chooseUnit(input)).to.equal(unit));
});

describe('event codes, deadlines, distances', () => {
  it('numbers by the city\'s calendar day: 23:30 in Shanghai is already the next day in codes', () => {
    expect(cityDay(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).to.equal('20261123');
    expect(cityDay(new Date('2026-11-22T15:59:59Z'), 'Asia/Shanghai')).to.equal('20261122');
    expect(formatEventCode('BA', '20261122', 123)).to.equal('BA-20261122-000123');
  });

  it('sets deadlines from the category and flags them overdue only when passed', () => {
    const now = new Date('2026-11-23T02:00:00Z');
    const due = deadlinesFrom(now, { responseHours: 4, resolutionHours: 24 });
    expect(due.responseDueAt.toISOString()).to.equal('2026-11-23T06:00:00.000Z');
    const facts = { status: 'dispatched', ...due, respondedAt: null };
    expect(isOverdue(facts, new Date('2026-11-23T05:59:00Z'))).to.equal(false);
    expect(isOverdue(facts, new Date('2026-11-23T06:01:00Z'))).to.equal(true);
    expect(isOverdue({ ...facts, status: 'in_progress', respondedAt: now }, new Date('2026-11-23T06:01:00Z'))).to.equal(false);
    expect(isOverdue({ ...facts, status: 'in_progress', respondedAt: now }, new Date('2026-11-24T02:01:00Z'))).to.equal(true);
    expect(isOverdue({ ...facts, status: 'closed' }, new Date('2026-12-30T00:00:00Z'))).to.equal(false);
  });

  it('measures 50 m as 50 m', () => {
    const a = { lat: 22.555, lng: 113.883 };
    expect(distanceMeters(a, { lat: 22.555 + 50 / 111_195, lng: 113.883 })).to.be.closeTo(50, 0.5);
  });
});

describe('the evidence chain', () => {
  function chain(n: number) {
    const records: { record: EvidenceRecord; hash: string; payload: unknown }[] = [];
    let prev: string | null = null;
    for (let i = 1; i <= n; i++) {
      const payload = { note: `step ${i}` };
      const record: EvidenceRecord = { event: 'BA-20261123-000001', seq: i, action: 'file', actor: { kind: 'staff', id: 3, role: 'dispatcher' }, from: 'reported', to: 'filed', at: '2026-11-23T02:00:00.000Z', payloadDigest: payloadDigest(payload), attachments: [], stateDigest: `state-${i}`, prevHash: prev };
      const hash = hashRecord(record);
      records.push({ record, hash, payload });
      prev = hash;
    }
    return records;
  }

  it('verifies an untouched chain', () => {
    expect(verifyChain(chain(4), 'state-4')).to.deep.equal({ verified: true, brokenAt: null, reason: null });
  });
  it('names the record whose payload was edited', () => {
    const c = chain(4);
    c[1].payload = { note: 'edited' };
    expect(verifyChain(c, 'state-4')).to.include({ verified: false, brokenAt: 2 });
  });
  it('names the record whose fields were edited, even with its hash recomputed', () => {
    const c = chain(4);
    c[2].record = { ...c[2].record, actor: { kind: 'staff', id: 99, role: 'dispatcher' } };
    c[2].hash = hashRecord(c[2].record);
    expect(verifyChain(c, 'state-4')).to.include({ verified: false, brokenAt: 4 });
  });
  it('notices a deleted record', () => {
    const c = chain(4);
    c.splice(1, 1);
    expect(verifyChain(c, 'state-4').verified).to.equal(false);
  });
  it('notices the event row changed after the last record', () => {
    expect(verifyChain(chain(3), 'something else')).to.include({ verified: false, brokenAt: 3 });
  });
  it('digests the same event alike whatever the driver returned', () => {
    const fromSqlite = { code: 'X', overdue: 0, anonymous: 1, lat: 22.5580404, lng: 113.8781046, responseDueAt: '2026-11-23 06:00:00.000 +00:00', resolutionDueAt: null };
    const fromMaria = { code: 'X', overdue: false, anonymous: true, lat: 22.558040400000001, lng: 113.8781046, responseDueAt: new Date('2026-11-23T06:00:00Z'), resolutionDueAt: null };
    expect(stateDigest(fromSqlite)).to.equal(stateDigest(fromMaria));
  });
  it('writes the state exactly as the generic canonical JSON of the covered fields would, so stored digests keep verifying', () => {
    // The definition the stored digests were taken with: an object of the normalised covered fields, canonicalised.
    const generic = (e: Record<string, unknown>) => canonicalJson(Object.fromEntries(COVERED_FIELDS.map((f) => {
      const v = e[f];
      if (f === 'overdue' || f === 'anonymous') return [f, Boolean(v)];
      if (v === null || v === undefined) return [f, null];
      if (f === 'responseDueAt' || f === 'resolutionDueAt') return [f, new Date(v as string).toISOString()];
      if (f === 'lat' || f === 'lng') return [f, Number(Number(v).toFixed(7))];
      return [f, v];
    })));
    const events: Record<string, unknown>[] = [
      { code: 'BA-20261123-000001', source: 'resident_report', categoryId: 3, level: 2, description: '井盖 "破损"\\ 请尽快处理\n', lat: 22.5580404, lng: 113.8781046, address: null, gridId: 7, unitId: 4, status: 'dispatched', overdue: 1, responseDueAt: '2026-11-23 06:00:00.000 +00:00', resolutionDueAt: new Date('2026-11-25T06:00:00Z'), reporterId: 9, reporterStaffId: null, anonymous: 0, mergedIntoId: null, rating: 4, ratingComment: '好' },
      { code: 'X' },
    ];
    for (const e of events) {
      expect(stateJson(e)).to.equal(generic(e));
      expect(stateDigest(e)).to.equal(crypto.createHash('sha256').update(generic(e)).digest('hex'));
    }
    expect(sha256('随手拍')).to.equal(crypto.createHash('sha256').update('随手拍').digest('hex'));
    expect(sha256(Buffer.from([0, 255, 1]))).to.equal(crypto.createHash('sha256').update(Buffer.from([0, 255, 1])).digest('hex'));
  });
  it('commits to a payload as before: sealed fields without their values, nested objects and arrays, and a key named __proto__ kept', () => {
    const payload = JSON.parse('{"note":"n","who":{"personal":"abc","value":"张三"},"list":[{"personal":"d","value":1},2],"__proto__":{"x":1},"at":null}');
    const form = committedForm(payload) as Record<string, unknown>;
    expect(canonicalJson(form)).to.equal('{"__proto__":{"x":1},"at":null,"list":[{"personal":"d"},2],"note":"n","who":{"personal":"abc"}}');
  });
});
