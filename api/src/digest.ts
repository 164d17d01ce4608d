// SHA-256 in hex of text or bytes in memory: evidence records, photos as they are uploaded and stored, files as
// they are re-checked.
import crypto from 'node:crypto';

const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string | Buffer, encoding: 'hex') => string }).hash;

/**
 * In one call where Node has one (crypto.hash, Node ≥ 20.12): every event detail verifies its chain, and a Hash
 * object per digest, with the native handle the collector must finalise, cost more than the hashing.
 */
export const sha256: (data: string | Buffer) => string = oneShot
  ? (data) => oneShot('sha256', data, 'hex')
  : (data) => crypto.createHash('sha256').update(data).digest('hex');

/** A SHA-256 fed piece by piece: an upload's file hashed chunk by chunk as it arrives (multipart.ts). */
export const sha256Hash = (): crypto.Hash => crypto.createHash('sha256');
