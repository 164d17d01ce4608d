// Personal fields inside evidence payloads. A record commits to such a field through an HMAC under the
// person's own key (person_keys), never to the value itself: `{ personal: hmac, value }`. Digests are taken
// over the committed form (the value left out), so erasing a person (the value deleted, the key destroyed)
// changes no digest and the chain still verifies; while the key lives, a changed value is detected.
import crypto from 'node:crypto';
import { canonicalJson } from './canonical-json';

export interface Sealed { personal: string; value?: unknown }

export function isSealed(v: unknown): v is Sealed {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return typeof (v as Sealed).personal === 'string' && keys.every((k) => k === 'personal' || k === 'value');
}

export function seal(key: Buffer, value: unknown): Sealed {
  return { personal: crypto.createHmac('sha256', key).update(canonicalJson(value)).digest('hex'), value };
}

/** The payload as evidence commits to it: sealed fields without their values. */
export function committedForm(payload: unknown): unknown {
  if (isSealed(payload)) return { personal: payload.personal };
  if (Array.isArray(payload)) return payload.map(committedForm);
  if (typeof payload === 'object' && payload !== null && !(payload instanceof Date)) {
    return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, committedForm(v)]));
  }
  return payload;
}

/** The payload with every personal value removed (what erasure leaves). */
export const withoutPersonalValues = (payload: unknown): unknown => committedForm(payload);

/** Whether every sealed value still matches its commitment under `key` (erased ones have nothing to check). */
export function personalValuesIntact(payload: unknown, key: Buffer): boolean {
  if (isSealed(payload)) return !('value' in payload) || seal(key, payload.value).personal === payload.personal;
  if (Array.isArray(payload)) return payload.every((p) => personalValuesIntact(p, key));
  if (typeof payload === 'object' && payload !== null) return Object.values(payload).every((p) => personalValuesIntact(p, key));
  return true;
}
