// The pure rules of social-security fees, as tables: the three-way match, the month status, signatures.
import { expect } from 'chai';
import { matchKey, type MatchOutcome } from '../../../src/domains/fees/matcher';
import { graceEnds, monthStatus, type FeeStatus } from '../../../src/domains/fees/fee-status';
import { checkSignature, signBody } from '../../../src/domains/fees/signature';

describe('three-way match of the fee ledgers', () => {
  const one = (amountFen: number) => ({ rows: 1, amountFen });
  const cases: [string, Parameters<typeof matchKey>[0], MatchOutcome][] = [
    ['all three agree → matched', { tax: one(45600), bureau: one(45600), finance: one(45600) }, { kind: 'matched', amountFen: 45600 }],
    ['finance has not received it → missing in finance', { tax: one(45600), bureau: one(45600) }, { kind: 'missing', missingIn: ['finance'], amountFen: 45600 }],
    ['only the bank knows → missing in tax and bureau', { finance: one(100) }, { kind: 'missing', missingIn: ['tax', 'bureau'], amountFen: 100 }],
    ['the bureau credited less → amount mismatch', { tax: one(45600), bureau: one(40000), finance: one(45600) }, { kind: 'amount_mismatch', amounts: { tax: 45600, bureau: 40000, finance: 45600 } }],
    ['tax holds the key twice → duplicate, whatever the amounts', { tax: { rows: 2, amountFen: 91200 }, bureau: one(45600), finance: one(45600) }, { kind: 'duplicate', duplicatedIn: ['tax'] }],
    ['duplicates in two sources are both named', { tax: { rows: 2, amountFen: 1 }, finance: { rows: 3, amountFen: 1 } }, { kind: 'duplicate', duplicatedIn: ['tax', 'finance'] }],
  ];
  for (const [what, records, outcome] of cases) it(what, () => expect(matchKey(records)).to.deep.equal(outcome));
  it('refuses a key that no source holds', () => expect(() => matchKey({})).to.throw());
});

describe('month status of a fee', () => {
  const cases: [string, Parameters<typeof monthStatus>[0], FeeStatus][] = [
    ['collected and received → paid', { period: '2026-10', dueFen: 500, collectedFen: 500, receivedFen: 500, today: '2026-11-23' }, 'paid'],
    ['collected, not yet at finance → in transit', { period: '2026-10', dueFen: 500, collectedFen: 500, receivedFen: 0, today: '2026-11-23' }, 'in_transit'],
    ['nothing collected before the 15th of the next month → due', { period: '2026-11', dueFen: 500, collectedFen: 0, receivedFen: 0, today: '2026-12-15' }, 'due'],
    ['nothing collected after the grace day → arrears', { period: '2026-11', dueFen: 500, collectedFen: 0, receivedFen: 0, today: '2026-12-16' }, 'arrears'],
    ['part collected after the grace day → arrears', { period: '2026-10', dueFen: 500, collectedFen: 200, receivedFen: 200, today: '2026-11-23' }, 'arrears'],
    ['collected twice → refund due', { period: '2026-10', dueFen: 500, collectedFen: 1000, receivedFen: 1000, today: '2026-11-23' }, 'refund_due'],
  ];
  for (const [what, input, status] of cases) it(what, () => expect(monthStatus(input)).to.equal(status));
  it('ends the grace period on the 15th of the following month, across a year', () => {
    expect(graceEnds('2026-12')).to.equal('2027-01-15');
    expect(graceEnds('2026-01')).to.equal('2026-02-15');
  });
});

describe('signed posting', () => {
  const secret = 's3cret';
  const body = '{"payer":"x"}';
  const now = 1_800_000_000;
  const base = { secret, body, nowSeconds: now, seen: () => false };
  it('accepts a fresh, correctly signed body', () => {
    expect(checkSignature({ ...base, timestampHeader: String(now), signatureHeader: signBody(secret, now, body) })).to.equal('ok');
  });
  it('refuses a changed body, a stale or future timestamp, a replay and missing headers', () => {
    expect(checkSignature({ ...base, body: '{"payer":"y"}', timestampHeader: String(now), signatureHeader: signBody(secret, now, body) })).to.equal('bad_signature');
    expect(checkSignature({ ...base, timestampHeader: String(now - 301), signatureHeader: signBody(secret, now - 301, body) })).to.equal('stale');
    expect(checkSignature({ ...base, timestampHeader: String(now + 301), signatureHeader: signBody(secret, now + 301, body) })).to.equal('stale');
    expect(checkSignature({ ...base, seen: () => true, timestampHeader: String(now), signatureHeader: signBody(secret, now, body) })).to.equal('replayed');
    expect(checkSignature({ ...base, timestampHeader: undefined, signatureHeader: undefined })).to.equal('missing');
    expect(checkSignature({ ...base, timestampHeader: String(now), signatureHeader: 'zz' })).to.equal('missing');
  });
});
