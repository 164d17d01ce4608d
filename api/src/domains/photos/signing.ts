// Short-lived signed photo URLs: a mini-program <image> cannot send an Authorization header, so the API
// hands out URLs that carry their own proof, valid for a few minutes, for one file.
import crypto from 'node:crypto';

export const SIGNED_URL_TTL_SECONDS = 600;

function signature(key: string, expires: number, secret: Buffer): string {
  return crypto.createHmac('sha256', secret).update(`media:${key}:${expires}`).digest('base64url');
}

export function signedMediaUrl(key: string, secret: Buffer, now: Date, ttlSeconds = SIGNED_URL_TTL_SECONDS): string {
  // Rounded up to the minute so that a page listing many photos gets stable, cacheable URLs.
  const expires = Math.ceil((now.getTime() / 1000 + ttlSeconds) / 60) * 60;
  return `/media/${key}?exp=${expires}&sig=${signature(key, expires, secret)}`;
}

export function verifyMediaSignature(key: string, exp: string | undefined, sig: string | undefined, secret: Buffer, now: Date): 'valid' | 'expired' | 'invalid' {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return 'invalid';
  const expected = Buffer.from(signature(key, Number(exp), secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'invalid';
  return Number(exp) * 1000 < now.getTime() ? 'expired' : 'valid';
}
