// SHA-256 of bytes in memory: photos as they are uploaded and stored, files as they are re-checked.
import crypto from 'node:crypto';

const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Buffer, encoding: 'hex') => string }).hash;

/** In one call where Node has one (crypto.hash, Node ≥ 20.12): no Hash object for the collector to finalise. */
export const sha256: (bytes: Buffer) => string = oneShot
  ? (bytes) => oneShot('sha256', bytes, 'hex')
  : (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
