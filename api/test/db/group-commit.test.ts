// Group commit: who goes together, who fails alone.
import { expect } from 'chai';
import { createGroupCommit, type CallResult } from '../../src/db/group-commit';

/** A writer that records its groups and answers each call after the test lets it. */
function recordingWriter(answer: (item: number) => CallResult<string> = (n) => ({ ok: true, value: `#${n}` })) {
  const groups: number[][] = [];
  let release: () => void = () => {};
  let gate = Promise.resolve();
  return {
    groups,
    hold() { gate = new Promise<void>((r) => { release = r; }); },
    release: () => release(),
    async write(items: number[]): Promise<CallResult<string>[]> {
      groups.push(items);
      await gate;
      return items.map(answer);
    },
  };
}

describe('group commit', () => {
  it('writes a lone call at once, and groups the calls that arrive while a group is written', async () => {
    const w = recordingWriter();
    const commit = createGroupCommit(w.write);
    w.hold();
    const first = commit.submit(1);
    const rest = [2, 3, 4].map((n) => commit.submit(n));
    expect(w.groups).to.deep.equal([[1]]);
    w.release();
    expect(await Promise.all([first, ...rest])).to.deep.equal(['#1', '#2', '#3', '#4']);
    expect(w.groups).to.deep.equal([[1], [2, 3, 4]]);
  });

  it('keeps a group within its maximum size, in arrival order', async () => {
    const w = recordingWriter();
    const commit = createGroupCommit(w.write, { maxGroup: 2 });
    w.hold();
    const all = [1, 2, 3, 4, 5].map((n) => commit.submit(n));
    w.release();
    await Promise.all(all);
    expect(w.groups).to.deep.equal([[1], [2, 3], [4, 5]]);
  });

  it('fails a refused call alone and answers the others', async () => {
    const w = recordingWriter((n) => (n === 3 ? { ok: false, error: new Error('冲突') } : { ok: true, value: `#${n}` }));
    const commit = createGroupCommit(w.write);
    w.hold();
    const calls = [1, 2, 3, 4].map((n) => commit.submit(n).catch((e: Error) => e.message));
    w.release();
    expect(await Promise.all(calls)).to.deep.equal(['#1', '#2', '冲突', '#4']);
  });

  it('writes each call of a failed group again alone, so the failure reaches only the call that caused it', async () => {
    const groups: number[][] = [];
    const commit = createGroupCommit(async (items: number[]) => {
      groups.push(items);
      await new Promise((r) => setTimeout(r, 5));
      if (items.includes(3)) throw new Error('写入失败');
      return items.map((n) => ({ ok: true as const, value: n * 10 }));
    });
    const calls = [1, 2, 3, 4].map((n) => commit.submit(n).catch((e: Error) => e.message));
    expect(await Promise.all(calls)).to.deep.equal([10, 20, '写入失败', 40]);
    expect(groups).to.deep.equal([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('is idle when nothing is queued, and takes new calls after', async () => {
    const w = recordingWriter();
    const commit = createGroupCommit(w.write);
    await commit.idle();
    expect(await commit.submit(7)).to.equal('#7');
    await commit.idle();
    expect(await commit.submit(8)).to.equal('#8');
    expect(w.groups).to.deep.equal([[7], [8]]);
  });
});
