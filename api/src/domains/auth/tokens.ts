// Access tokens: short-lived HS256 JWTs (jsonwebtoken) carrying the actor, so that a request needs no
// database read to know who asks. Refresh tokens: random, stored hashed, rotated on every use.
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Actor } from '../../actor';
import type { StaffRole } from '../grid';

interface Claims { sub: string; kind: 'staff' | 'resident'; sid: number; role?: StaffRole; rid?: number; rpath?: string; uid?: number | null }

export class TokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') { super(reason); }
}

/**
 * The HMAC key as a KeyObject, made once: given a Buffer, jsonwebtoken builds a key object on every call,
 * which showed up as 8 % of the API's CPU in the event-detail benchmark.
 */
export function tokenKeyObject(key: Buffer | crypto.KeyObject): crypto.KeyObject {
  return key instanceof crypto.KeyObject ? key : crypto.createSecretKey(key);
}

export function signAccessToken(actor: Exclude<Actor, { kind: 'anonymous' }>, sessionId: number, key: Buffer | crypto.KeyObject, now: Date, ttlSeconds: number): { token: string; expiresAt: Date } {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: Claims & { iat: number; exp: number } = { sub: String(actor.id), kind: actor.kind, sid: sessionId, iat, exp: iat + ttlSeconds };
  if (actor.kind === 'staff') Object.assign(claims, { role: actor.role, rid: actor.regionId, rpath: actor.regionPath, uid: actor.unitId });
  return { token: jwt.sign(claims, tokenKeyObject(key), { algorithm: 'HS256', issuer: 'weave' }), expiresAt: new Date((iat + ttlSeconds) * 1000) };
}

export function verifyAccessToken(token: string, key: Buffer | crypto.KeyObject, now: Date): Actor {
  return verifyClaims(token, tokenKeyObject(key), now).actor;
}

function verifyClaims(token: string, key: crypto.KeyObject, now: Date): { actor: Actor; exp: number } {
  let claims: Claims & { exp: number };
  try {
    claims = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'weave', clockTimestamp: Math.floor(now.getTime() / 1000) }) as Claims & { exp: number };
  } catch (err) {
    throw new TokenError(err instanceof jwt.TokenExpiredError ? 'expired' : 'invalid');
  }
  const id = Number(claims.sub);
  if (!Number.isInteger(id) || !Number.isInteger(claims.exp)) throw new TokenError('invalid');
  if (claims.kind === 'resident') return { actor: { kind: 'resident', id }, exp: claims.exp };
  if (claims.kind === 'staff' && claims.role && claims.rid && claims.rpath) {
    return { actor: { kind: 'staff', id, role: claims.role, regionId: claims.rid, regionPath: claims.rpath, unitId: claims.uid ?? null }, exp: claims.exp };
  }
  throw new TokenError('invalid');
}

/**
 * verifyAccessToken with a memory of the tokens it has accepted, until each one expires: a signed-in app
 * sends the same token with every request, and its HMAC and JSON parsing were the largest cost of a read
 * after the query. Only accepted tokens are remembered (so a forged one is checked every time), the expiry
 * is checked on every use exactly as jsonwebtoken does (expired once now ≥ exp), and the actor is frozen.
 */
export function accessTokenVerifier(key: Buffer | crypto.KeyObject, remember = 10_000): (token: string, now: Date) => Actor {
  const keyObject = tokenKeyObject(key);
  const accepted = new Map<string, { actor: Actor; exp: number }>();
  return (token, now) => {
    const seconds = Math.floor(now.getTime() / 1000);
    const known = accepted.get(token);
    if (known && seconds < known.exp) return known.actor;
    if (known) accepted.delete(token);
    const verified = verifyClaims(token, keyObject, now);
    Object.freeze(verified.actor);
    if (accepted.size >= remember) accepted.delete(accepted.keys().next().value!); // oldest first
    accepted.set(token, verified);
    return verified.actor;
  };
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
