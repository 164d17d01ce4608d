// The difference-hash distance that near-duplicate detection uses, against the plain BigInt definition.
import { expect } from 'chai';
import { filesOfAttempts, hammingDistance } from '../../../src/domains/photos';

const reference = (a: string, b: string) => {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x) { n += Number(x & 1n); x >>= 1n; }
  return n;
};

describe('hammingDistance', () => {
  it('counts the differing bits of two 64-bit hashes', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).to.equal(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).to.equal(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).to.equal(2);
    expect(hammingDistance('00000000ffffffff', 'ffffffff00000000')).to.equal(64);
    // Stored hashes are 16 digits, but a shorter one means leading zeros.
    expect(hammingDistance('f', '000000000000000f')).to.equal(0);
  });

  it('agrees with the BigInt definition on random hashes', () => {
    let seed = 7;
    const hex = () => Array.from({ length: 16 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 4 & 15).toString(16)).join('');
    for (let i = 0; i < 2_000; i++) {
      const a = hex(), b = hex();
      expect(hammingDistance(a, b), `${a} ${b}`).to.equal(reference(a, b));
    }
  });
});

describe('filesOfAttempts', () => {
  const attempt = (removed: string[], name: string) => ({ discard: async () => { removed.push(name); } });

  it('keeps the files of the attempt that committed and removes those of the attempts that rolled back', async () => {
    const removed: string[] = [];
    const files = filesOfAttempts();
    for (const name of ['first', 'second', 'third']) files.track(attempt(removed, name));
    await files.committed();
    expect(removed.sort()).to.deep.equal(['first', 'second']);
  });

  it('removes every attempt\'s files when the use case fails for good, and nothing when none was saved', async () => {
    const removed: string[] = [];
    const files = filesOfAttempts();
    await files.committed();
    await files.failed();
    expect(removed).to.deep.equal([]);
    files.track(attempt(removed, 'first'));
    files.track(attempt(removed, 'second'));
    await files.failed();
    expect(removed.sort()).to.deep.equal(['first', 'second']);
  });
});
