// The difference hash and its distance, which near-duplicate detection uses (the distance against the plain
// BigInt definition).
import crypto from 'node:crypto';
import { expect } from 'chai';
import sharp from 'sharp';
import { hammingDistance } from '../../../src/domains/photos';
import { dhashOfPixels, processPhoto } from '../../../src/domains/photos/processor';
import { NEAR_IDENTICAL_PHOTO_BITS } from '../../../src/domains/events/rules';

/** A photo-like scene: smooth shapes placed by the seed, under camera-like noise. */
function scene(seed: number, width = 800, height = 600): Promise<Buffer> {
  const r = crypto.createHash('sha256').update(`scene ${seed}`).digest();
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = 128 + 70 * Math.sin(x / (20 + r[0]) + r[1]) * Math.cos(y / (15 + r[2]) + r[3]) + 40 * Math.sin((x + y) / (10 + r[4]));
      for (let c = 0; c < 3; c++, i++) raw[i] = Math.max(0, Math.min(255, base + (c - 1) * r[5 + c] / 8 + ((i * 2654435761) >>> 27) - 16));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

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

describe('difference hash', () => {
  it('gives 16 hex digits, the same for a grey picture given as grey or as RGB pixels', () => {
    const width = 37, height = 23;
    const grey = Buffer.alloc(width * height), rgb = Buffer.alloc(width * height * 3);
    for (let i = 0; i < width * height; i++) { grey[i] = (i * 7919) % 251; rgb.fill(grey[i], i * 3, i * 3 + 3); }
    const hash = dhashOfPixels(grey, width, height, 1);
    expect(hash).to.match(/^[0-9a-f]{16}$/);
    expect(dhashOfPixels(rgb, width, height, 3)).to.equal(hash);
    // Brighter to the right everywhere: no cell is brighter than its right neighbour.
    const ramp = Buffer.alloc(90 * 80);
    for (let i = 0; i < ramp.length; i++) ramp[i] = (i % 90) * 2;
    expect(dhashOfPixels(ramp, 90, 80, 1)).to.equal('0000000000000000');
  });

  it('stays within a few bits for the same photo re-saved smaller and at a lower quality, and not for another photo', async () => {
    const photo = await scene(1);
    const resaved = await sharp(photo).resize(700).jpeg({ quality: 55 }).toBuffer();
    const [a, b, c, d] = await Promise.all([photo, resaved, await scene(2), await scene(3)].map((p) => processPhoto(p)));
    expect(hammingDistance(a.dhash, b.dhash)).to.be.at.most(NEAR_IDENTICAL_PHOTO_BITS);
    for (const other of [c, d]) expect(hammingDistance(a.dhash, other.dhash)).to.be.above(NEAR_IDENTICAL_PHOTO_BITS * 2);
  });
});
