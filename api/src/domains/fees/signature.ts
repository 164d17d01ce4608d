// Signed posting of payments by department systems: HMAC-SHA-256 over `timestamp.body` with the key's
// secret; a request older (or newer) than the window is stale, and a signature seen before is a replay.
// Pure apart from the HMAC itself: the caller supplies "now" and the set of signatures already seen.
import crypto from 'node:crypto';

export const SIGNATURE_WINDOW_SECONDS = 300;

export function signBody(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export type SignatureVerdict = 'ok' | 'missing' | 'stale' | 'bad_signature' | 'replayed';

export function checkSignature(input: {
  secret: string; timestampHeader: string | undefined; signatureHeader: string | undefined; body: string; nowSeconds: number; seen: (signature: string) => boolean;
}): SignatureVerdict {
  const { timestampHeader, signatureHeader } = input;
  if (!timestampHeader || !signatureHeader || !/^\d{9,11}$/.test(timestampHeader) || !/^[0-9a-f]{64}$/.test(signatureHeader)) return 'missing';
  const timestamp = Number(timestampHeader);
  if (Math.abs(input.nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS) return 'stale';
  const expected = Buffer.from(signBody(input.secret, timestamp, input.body), 'hex');
  const given = Buffer.from(signatureHeader, 'hex');
  if (!crypto.timingSafeEqual(expected, given)) return 'bad_signature';
  if (input.seen(signatureHeader)) return 'replayed';
  return 'ok';
}
