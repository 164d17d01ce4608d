// Staff passwords: scrypt (Node's built-in, memory-hard) with a per-password salt, stored with its
// parameters so they can be raised later without invalidating old hashes.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(key, expected);
}

/** Verifying against this when the username is unknown keeps the timing the same as a wrong password. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Sign-in throttle: after this many failures in the window, the account waits until the window passes. */
export const SIGN_IN_THROTTLE = { maxFailures: 5, windowMs: 15 * 60_000 };

export function signInThrottled(failedSignIns: number, lastFailedAt: Date | null, now: Date): boolean {
  return failedSignIns >= SIGN_IN_THROTTLE.maxFailures && lastFailedAt !== null && now.getTime() - lastFailedAt.getTime() < SIGN_IN_THROTTLE.windowMs;
}
