// Registration at one moment: the chain it builds is the one that appending each step would write, and it
// verifies against the event as it then stands.
import { expect } from 'chai';
import { stateDigest, verifyChain } from '../../../src/domains/events/evidence';
import { registration, SYSTEM } from '../../../src/domains/events/registration';

const reported = {
  code: 'BA-20261202-000007', source: 'resident_report', categoryId: 3, level: 4, description: '路面破损', lat: 22.5551234, lng: 113.8831234, address: null,
  gridId: 12, regionId: 7, regionPath: '/1/7/', status: 'reported' as const, unitId: null, overdue: false, responseDueAt: null, resolutionDueAt: null,
  reporterId: 4, reporterStaffId: null, anonymous: false, mergedIntoId: null, rating: null, ratingComment: null,
};
const reporter = { kind: 'resident', id: 4, role: 'reporter' };
const at = new Date('2026-12-02T08:00:00.000Z');
const due = { responseDueAt: new Date('2026-12-02T10:00:00.000Z'), resolutionDueAt: new Date('2026-12-05T08:00:00.000Z') };

describe('registration at one moment', () => {
  it('reports, files and dispatches: three linked records, the last one vouching for the event as dispatched', () => {
    const { event, chain } = registration(reported, { actor: reporter, payload: { category: 'road-damage' }, attachments: ['a'.repeat(64)] }, { unitId: 9, unitName: '城管中队', due, rule: 'auto_dispatch' }, at);
    expect(event).to.include({ status: 'dispatched', unitId: 9, responseDueAt: due.responseDueAt, resolutionDueAt: due.resolutionDueAt, code: reported.code });
    expect(chain.map((c) => [c.record.action, c.record.from, c.record.to, c.record.actor.kind])).to.deep.equal([
      ['report', null, 'reported', 'resident'], ['file', 'reported', 'filed', 'system'], ['dispatch', 'filed', 'dispatched', 'system'],
    ]);
    expect(chain[0].record.attachments).to.deep.equal(['a'.repeat(64)]);
    expect(chain[0].record.stateDigest).to.equal(stateDigest(reported));
    expect(chain[2].payload).to.deep.equal({ unitId: 9, unitName: '城管中队', ...due });
    expect(chain.every((c) => c.record.at === at.toISOString())).to.equal(true);
    expect(verifyChain(chain, stateDigest(event)).verified).to.equal(true);
    expect(verifyChain(chain, stateDigest(reported)).verified).to.equal(false);
  });

  it('without a unit, only reports: one record, the event left as reported', () => {
    const { event, chain } = registration(reported, { actor: SYSTEM, payload: { rule: 'collision' } }, null, at);
    expect(event).to.equal(reported);
    expect(chain).to.have.length(1);
    expect(chain[0].record.prevHash).to.equal(null);
    expect(verifyChain(chain, stateDigest(event)).verified).to.equal(true);
  });
});
