// Personal fields inside evidence payloads. A record commits to such a field through an HMAC under the
// person's own key (person_keys), never to the value itself: `{ personal: hmac, value }`. Digests are taken
// over the committed form (the value left out), so erasing a person (the value deleted, the key destroyed)
// changes no digest and the chain still verifies; while the key lives, a changed value is detected.
import crypto from 'node:crypto';
import { canonicalJson } from './canonical-json';

export interface Sealed { personal: string; value?: unknown }

export function isSealed(v: unknown): v is Sealed {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (v as Sealed).personal !== 'string') return false;
  for (const k in v) if (k !== 'personal' && k !== 'value') return false;
  return true;
}

export function seal(key: Buffer, value: unknown): Sealed {
  return { personal: crypto.createHmac('sha256', key).update(canonicalJson(value)).digest('hex'), value };
}

/** The payload as evidence commits to it: sealed fields without their values. */
export function committedForm(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || payload instanceof Date) return payload;
  if (isSealed(payload)) return { personal: payload.personal };
  if (Array.isArray(payload)) return payload.map(committedForm);
  // Plain loops: every event detail digests its records' payloads through this. No prototype, so that a key
  // named __proto__ stays a key, as Object.fromEntries keeps it.
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(payload)) out[k] = committedForm((payload as Record<string, unknown>)[k]);
  return out;
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
