// GeoReport v2 representations: the same objects as JSON or XML, W3C datetimes with the city's offset,
// and errors as a list of {code, description}, as the specification has them.
import { create } from 'xmlbuilder2';
import { zoneFormatter, type ZoneFormat } from '../../clock';

export type Format = 'json' | 'xml';

const W3C_PARTS: ZoneFormat = { locale: 'en-GB', options: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' } };

/** 2026-11-23T10:00:00+08:00: ISO 8601 with the city's offset (W3C datetime). */
export function w3c(date: Date | string | null, timeZone: string): string | null {
  if (!date) return null;
  const d = new Date(date);
  const parts = zoneFormatter(W3C_PARTS, timeZone).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}

type Row = Record<string, unknown>;

/** A list of objects under a root and an item element name; nested arrays become repeated elements. */
export function render(format: Format, root: string, item: string, rows: Row[]): { type: string; body: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify(rows) };
  const doc = create({ version: '1.0', encoding: 'utf-8' }).ele(root);
  for (const row of rows) appendObject(doc.ele(item), row);
  return { type: 'text/xml; charset=utf-8', body: doc.end({ prettyPrint: true }) };
}

export function renderOne(format: Format, root: string, row: Row): { type: string; body: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify(row) };
  const doc = create({ version: '1.0', encoding: 'utf-8' }).ele(root);
  appendObject(doc, row);
  return { type: 'text/xml; charset=utf-8', body: doc.end({ prettyPrint: true }) };
}

function appendObject(parent: ReturnType<typeof create>, row: Row): void {
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      const list = parent.ele(key);
      const singular = key.endsWith('s') ? key.slice(0, -1) : 'item';
      for (const v of value) {
        if (v && typeof v === 'object') appendObject(list.ele(singular), v as Row);
        else list.ele(singular).txt(String(v));
      }
    } else if (value && typeof value === 'object') {
      appendObject(parent.ele(key), value as Row);
    } else {
      parent.ele(key).txt(value === null ? '' : String(value));
    }
  }
}

export function renderErrors(format: Format, errors: { code: number; description: string }[]) {
  return render(format, 'errors', 'error', errors);
}
