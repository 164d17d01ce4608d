// WeChat's message-push signature: sha1 of token, timestamp and nonce sorted and joined. Pure.
import crypto from 'node:crypto';

export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return crypto.createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** Constant-time comparison; an empty token (none configured) never verifies. */
export function validPushSignature(token: string, q: { signature?: string; timestamp?: string; nonce?: string }): boolean {
  if (!token || !q.signature || !q.timestamp || !q.nonce) return false;
  const expected = Buffer.from(pushSignature(token, q.timestamp, q.nonce));
  const given = Buffer.from(q.signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
