// Message templates of rules ("您已年满{age}周岁…") and the data of a WeChat subscribe message. Pure.
import { zoneFormatter, type ZoneFormat } from '../../clock';
import { WECHAT_TEMPLATES, type TemplateKey } from './vocabulary';

const VARIABLE = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]))];
}

/** Unknown variables are left as they are; the rule was checked against the known ones when it was saved. */
export function render(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(VARIABLE, (all, name: string) => (Object.hasOwn(vars, name) ? vars[name] : all));
}

/** WeChat's limits for template values: thing ≤ 20 characters, phrase ≤ 5, character_string ≤ 32. */
const LIMITS: Record<string, number> = { thing: 20, phrase: 5, character_string: 32 };
function fit(kind: string, value: string): string {
  const limit = LIMITS[kind];
  if (!limit) return value;
  const chars = [...value];
  return chars.length <= limit ? value : chars.slice(0, limit - 1).join('') + '…';
}

const MINUTE: ZoneFormat = { locale: 'en-CA', options: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } };

/** "2026-12-02 09:30" in the city's time zone, the format WeChat's time fields take. */
export function wechatTime(at: Date, timeZone: string): string {
  const p = Object.fromEntries(zoneFormatter(MINUTE, timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function subscribeData(key: TemplateKey, message: { title: string; body: string; eventCode?: string | null; at: Date }, timeZone: string): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [field, source] of Object.entries(WECHAT_TEMPLATES[key].fields)) {
    const kind = field.replace(/\d+$/, '');
    const raw = source === 'at' ? (kind === 'date' ? wechatTime(message.at, timeZone).slice(0, 10) : wechatTime(message.at, timeZone)) : source === 'eventCode' ? message.eventCode ?? '-' : message[source];
    out[field] = { value: fit(kind, raw || '-') };
  }
  return out;
}
