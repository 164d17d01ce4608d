import { expect } from 'chai';
import { allowedActions, decide, EVENT_STATUSES, type EventAction, type EventStatus, type Relation } from '../../../src/domains/events/lifecycle';

// Written out by hand from the issue, independently of the table in lifecycle.ts: "status action relation → next".
const ALLOWED = `
reported file dispatcher filed | reported file supervisor filed | reported file admin filed | reported file system filed
reported reject dispatcher rejected | reported reject supervisor rejected | reported reject admin rejected
filed reject dispatcher rejected | filed reject supervisor rejected | filed reject admin rejected
returned reject dispatcher rejected | returned reject supervisor rejected | returned reject admin rejected
reopened reject dispatcher rejected | reopened reject supervisor rejected | reopened reject admin rejected
reported dispatch dispatcher dispatched | reported dispatch supervisor dispatched | reported dispatch admin dispatched | reported dispatch system dispatched
filed dispatch dispatcher dispatched | filed dispatch supervisor dispatched | filed dispatch admin dispatched | filed dispatch system dispatched
returned dispatch dispatcher dispatched | returned dispatch supervisor dispatched | returned dispatch admin dispatched | returned dispatch system dispatched
reopened dispatch dispatcher dispatched | reopened dispatch supervisor dispatched | reopened dispatch admin dispatched | reopened dispatch system dispatched
dispatched dispatch dispatcher dispatched | dispatched dispatch supervisor dispatched | dispatched dispatch admin dispatched | dispatched dispatch system dispatched
dispatched accept handler in_progress
dispatched return handler returned | in_progress return handler returned
dispatched resolve handler resolved | in_progress resolve handler resolved
resolved verify_pass grid_worker closed | resolved verify_pass dispatcher closed | resolved verify_pass supervisor closed | resolved verify_pass admin closed
resolved verify_fail grid_worker reopened | resolved verify_fail dispatcher reopened | resolved verify_fail supervisor reopened | resolved verify_fail admin reopened
resolved confirm reporter closed
resolved dispute reporter reopened | closed dispute reporter reopened
closed rate reporter closed
reported merge dispatcher merged | reported merge supervisor merged | reported merge admin merged | reported merge reporter merged
filed merge dispatcher merged | filed merge supervisor merged | filed merge admin merged | filed merge reporter merged
dispatched merge dispatcher merged | dispatched merge supervisor merged | dispatched merge admin merged | dispatched merge reporter merged
returned merge dispatcher merged | returned merge supervisor merged | returned merge admin merged
reopened merge dispatcher merged | reopened merge supervisor merged | reopened merge admin merged
`.split(/[|\n]/).map((s) => s.trim()).filter(Boolean);

const STATUSES = Object.keys(EVENT_STATUSES) as EventStatus[];
const ACTIONS: EventAction[] = ['file', 'reject', 'dispatch', 'accept', 'return', 'resolve', 'verify_pass', 'verify_fail', 'confirm', 'dispute', 'rate', 'merge'];
const RELATIONS: Relation[] = ['dispatcher', 'supervisor', 'admin', 'handler', 'grid_worker', 'reporter', 'system'];

describe('the event state machine', () => {
  const expected = new Map(ALLOWED.map((line) => { const [s, a, r, to] = line.split(' '); return [`${s} ${a} ${r}`, to]; }));
  for (const status of STATUSES) {
    for (const action of ACTIONS) {
      it(`${status} × ${action}: only ${RELATIONS.filter((r) => expected.has(`${status} ${action} ${r}`)).join(', ') || 'nobody'}`, () => {
        for (const relation of RELATIONS) {
          // A reporter's merge is allowed only for a fresh report; the facts say so here.
          const facts = { status, rated: false, daysSinceClosed: 1, mergeableByReporter: ['reported', 'filed', 'dispatched'].includes(status) };
          const decision = decide(action, [relation], facts);
          const want = expected.get(`${status} ${action} ${relation}`);
          expect(decision.ok ? decision.to : null, `${status} ${action} by ${relation}`).to.equal(want ?? null);
        }
      });
    }
  }

  it('tells a wrong state (409) from a wrong role (403)', () => {
    const facts = { status: 'dispatched' as const, rated: false, daysSinceClosed: null, mergeableByReporter: true };
    expect(decide('file', ['dispatcher'], facts)).to.deep.equal({ ok: false, reason: 'state' });
    expect(decide('accept', ['dispatcher'], facts)).to.deep.equal({ ok: false, reason: 'role' });
  });

  it('allows a dispute only within 7 days of closing', () => {
    expect(decide('dispute', ['reporter'], { status: 'closed', rated: false, daysSinceClosed: 6.9, mergeableByReporter: false }).ok).to.equal(true);
    expect(decide('dispute', ['reporter'], { status: 'closed', rated: false, daysSinceClosed: 7.1, mergeableByReporter: false }).ok).to.equal(false);
  });

  it('allows one rating only', () => {
    expect(decide('rate', ['reporter'], { status: 'closed', rated: true, daysSinceClosed: 0, mergeableByReporter: false }).ok).to.equal(false);
  });

  it('keeps a reporter from merging a report the unit already works on', () => {
    expect(decide('merge', ['reporter'], { status: 'dispatched', rated: false, daysSinceClosed: null, mergeableByReporter: false }).ok).to.equal(false);
  });

  it('lists the actions a caller may take, with verify standing for pass and fail', () => {
    expect(allowedActions(['grid_worker'], { status: 'resolved', rated: false, daysSinceClosed: null, mergeableByReporter: false })).to.deep.equal(['verify']);
    expect(allowedActions(['reporter'], { status: 'resolved', rated: false, daysSinceClosed: null, mergeableByReporter: false }).sort()).to.deep.equal(['confirm', 'dispute']);
    expect(allowedActions(['dispatcher'], { status: 'reported', rated: false, daysSinceClosed: null, mergeableByReporter: false }).sort()).to.deep.equal(['dispatch', 'file', 'merge', 'reject']);
    expect(allowedActions([], { status: 'reported', rated: false, daysSinceClosed: null, mergeableByReporter: false })).to.deep.equal([]);
  });
});
