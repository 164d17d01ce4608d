// The audience language of notice rules: a JSON predicate over facts about people (all / any / not, and
// leaves eq, in, range, age_reaches, within_days). Pure: it is parsed with named errors, evaluated against
// one person's facts, and compiled to a Sequelize condition over resident_facts; the two must agree, and
// an unknown fact (null) makes a leaf false in both, so that `not` includes the unknown in both.
import { Op, type WhereOptions } from 'sequelize';
import { FACTS, isFact, isTopic, type FactName } from './vocabulary';

export type Leaf =
  | { fact: FactName; eq: string | number | boolean }
  | { fact: FactName; in: (string | number)[] }
  | { fact: FactName; range: { min?: number; max?: number } }
  | { fact: 'age'; age_reaches: number; within_days?: number }
  | { fact: FactName; within_days: number };
export type Audience = { all: Audience[] } | { any: Audience[] } | { not: Audience } | Leaf;
/** A leaf as code reads it: exactly one operator is present (parseAudience made sure). */
type LooseLeaf = { fact: FactName; eq?: string | number | boolean; in?: (string | number)[]; range?: { min?: number; max?: number }; age_reaches?: number; within_days?: number };

/** One person's facts as resident_facts holds them (dates YYYY-MM-DD in city time). */
export interface PersonFacts {
  birthDate: string | null; sex: string | null; regionPath: string | null; gridCode: string | null; declared: boolean;
  declarationValidUntil: string | null; insured: boolean; arrearsMonths: number; islandCode: string | null; islandSeenOn: string | null;
  openEvents: number; topics: string[];
}

export interface FieldError { field: string; message: string }
const MAX_NODES = 60, MAX_DEPTH = 6, MAX_LIST = 200;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const LEAF_OPS = ['eq', 'in', 'range', 'age_reaches', 'within_days'] as const;

/** Validates untrusted JSON into an Audience, or lists every problem with its path. */
export function parseAudience(input: unknown, path = 'audience'): { audience: Audience; codes: { region: string[] } } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const regionCodes = new Set<string>();
  let nodes = 0;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

  function node(v: unknown, at: string, depth: number): void {
    if (++nodes > MAX_NODES) { if (nodes === MAX_NODES + 1) errors.push({ field: at, message: `条件过多（最多 ${MAX_NODES} 个）` }); return; }
    if (depth > MAX_DEPTH) { errors.push({ field: at, message: `嵌套过深（最多 ${MAX_DEPTH} 层）` }); return; }
    if (!isObject(v)) { errors.push({ field: at, message: '应为条件对象' }); return; }
    const keys = Object.keys(v);
    if (keys.length === 0) { errors.push({ field: at, message: '受众条件不能为空' }); return; }
    for (const group of ['all', 'any'] as const) {
      if (group in v) {
        if (keys.length !== 1) { errors.push({ field: at, message: `${group} 不能与其他键并列` }); return; }
        const list = v[group];
        if (!Array.isArray(list)) { errors.push({ field: `${at}.${group}`, message: '应为条件数组' }); return; }
        if (list.length === 0) { errors.push({ field: `${at}.${group}`, message: '条件组不能为空' }); return; }
        list.forEach((child, i) => node(child, `${at}.${group}[${i}]`, depth + 1));
        return;
      }
    }
    if ('not' in v) {
      if (keys.length !== 1) { errors.push({ field: at, message: 'not 不能与其他键并列' }); return; }
      node(v.not, `${at}.not`, depth + 1);
      return;
    }
    leaf(v, at);
  }

  function leaf(v: Record<string, unknown>, at: string): void {
    const fact = v.fact;
    if (typeof fact !== 'string') { errors.push({ field: `${at}.fact`, message: '缺少事实名称（fact）' }); return; }
    if (!isFact(fact)) { errors.push({ field: `${at}.fact`, message: `未知的事实：${fact}` }); return; }
    const spec = FACTS[fact];
    const ops = Object.keys(v).filter((k) => k !== 'fact');
    const op = ops.includes('age_reaches') ? 'age_reaches' : ops.find((k) => (LEAF_OPS as readonly string[]).includes(k));
    const extra = ops.filter((k) => k !== op && !(op === 'age_reaches' && k === 'within_days'));
    if (!op) { errors.push({ field: at, message: `缺少比较方式（${spec.operators.join(' / ')}）` }); return; }
    if (extra.length) { errors.push({ field: `${at}.${extra[0]}`, message: `不支持的键：${extra[0]}` }); return; }
    if (!(spec.operators as readonly string[]).includes(op)) { errors.push({ field: `${at}.${op}`, message: `「${spec.name}」不支持 ${op}，可用：${spec.operators.join(' / ')}` }); return; }
    const value = v[op];
    const f = `${at}.${op}`;
    const scalar = (x: unknown, where: string): boolean => {
      switch (spec.type) {
        case 'number': if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 200) { errors.push({ field: where, message: '应为 0–200 的整数' }); return false; } return true;
        case 'boolean': if (typeof x !== 'boolean') { errors.push({ field: where, message: '应为 true 或 false' }); return false; } return true;
        case 'enum': if (typeof x !== 'string' || !('values' in spec) || !spec.values.some((e) => e.value === x)) { errors.push({ field: where, message: `应为 ${'values' in spec ? spec.values.map((e) => e.value).join(' / ') : ''} 之一` }); return false; } return true;
        case 'topics': if (typeof x !== 'string' || !isTopic(x)) { errors.push({ field: where, message: `未知的订阅主题：${String(x)}` }); return false; } return true;
        case 'code':
          if (typeof x !== 'string' || !CODE.test(x)) { errors.push({ field: where, message: '应为编码（字母、数字、-、_）' }); return false; }
          if (fact === 'region') regionCodes.add(x);
          return true;
        default: errors.push({ field: where, message: '不能用于此事实' }); return false;
      }
    };
    switch (op) {
      case 'eq': scalar(value, f); break;
      case 'in':
        if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) { errors.push({ field: f, message: `应为 1–${MAX_LIST} 个值的数组` }); break; }
        value.forEach((x, i) => scalar(x, `${f}[${i}]`));
        break;
      case 'range': {
        if (!isObject(value) || Object.keys(value).some((k) => k !== 'min' && k !== 'max') || (value.min === undefined && value.max === undefined)) { errors.push({ field: f, message: '应为 {min, max}，至少给出一个' }); break; }
        const okMin = value.min === undefined || scalar(value.min, `${f}.min`), okMax = value.max === undefined || scalar(value.max, `${f}.max`);
        if (okMin && okMax && typeof value.min === 'number' && typeof value.max === 'number' && value.min > value.max) errors.push({ field: f, message: '下限不能大于上限' });
        break;
      }
      case 'age_reaches':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 150) { errors.push({ field: f, message: '应为 1–150 的整数（周岁）' }); break; }
        if (v.within_days !== undefined && (typeof v.within_days !== 'number' || !Number.isInteger(v.within_days) || v.within_days < 0 || v.within_days > 366)) errors.push({ field: `${at}.within_days`, message: '应为 0–366 的整数（天）' });
        break;
      case 'within_days':
        if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 3660) errors.push({ field: f, message: '应为 -3660–3660 的整数（天；负数表示过去）' });
        break;
    }
  }

  if (input === undefined || input === null || (isObject(input) && Object.keys(input).length === 0)) return { errors: [{ field: path, message: '受众条件不能为空' }] };
  node(input, path, 1);
  return errors.length ? { errors } : { audience: input as Audience, codes: { region: [...regionCodes] } };
}

// ---- dates (YYYY-MM-DD), in the city's calendar ----
const toUtc = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
const fromUtc = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => fromUtc(toUtc(d) + n * 86_400_000);
/** The same day n years later; 29 February becomes 28 February in a common year. */
export function addYears(d: string, n: number): string {
  const y = +d.slice(0, 4) + n, m = +d.slice(5, 7), day = +d.slice(8, 10);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}
/** Whole years of age on `today`. */
export function ageOn(birthDate: string, today: string): number {
  let age = +today.slice(0, 4) - +birthDate.slice(0, 4);
  if (addYears(birthDate, age) > today) age -= 1;
  return age;
}

/** Birth dates (inclusive bounds) of people whose age on `today` lies in [min, max]. */
function birthBounds(today: string, min: number | undefined, max: number | undefined): { from?: string; to?: string } {
  return {
    to: min === undefined ? undefined : addYears(today, -min),
    from: max === undefined ? undefined : addDays(addYears(today, -(max + 1)), 1),
  };
}
function dateWindow(today: string, days: number): { from: string; to: string } {
  return days >= 0 ? { from: today, to: addDays(today, days) } : { from: addDays(today, days), to: today };
}
export const DEFAULT_AGE_WINDOW_DAYS = 7;

/** Region paths of the region codes the audience names (resolved by the caller, which knows the regions). */
export type RegionPaths = ReadonlyMap<string, string>;

/** Does this person belong to the audience on `today`? */
export function matches(facts: PersonFacts, audience: Audience, today: string, regions: RegionPaths): boolean {
  if ('all' in audience) return audience.all.every((a) => matches(facts, a, today, regions));
  if ('any' in audience) return audience.any.some((a) => matches(facts, a, today, regions));
  if ('not' in audience) return !matches(facts, audience.not, today, regions);
  const leaf = audience as LooseLeaf;
  const within = (d: string | null, lo?: string, hi?: string) => d !== null && (lo === undefined || d >= lo) && (hi === undefined || d <= hi);
  switch (leaf.fact) {
    case 'age': {
      if (!facts.birthDate) return false;
      if (leaf.age_reaches !== undefined) {
        const w = leaf.within_days ?? DEFAULT_AGE_WINDOW_DAYS, n = leaf.age_reaches;
        return within(facts.birthDate, addYears(addDays(today, -w), -n), addYears(today, -n));
      }
      const ranges = leaf.eq !== undefined ? [[leaf.eq, leaf.eq]] : leaf.in !== undefined ? leaf.in.map((v) => [v, v]) : [[leaf.range!.min, leaf.range!.max]];
      return ranges.some(([min, max]) => { const b = birthBounds(today, min as number | undefined, max as number | undefined); return within(facts.birthDate, b.from, b.to); });
    }
    case 'arrearsMonths': case 'openEvents': return numberMatches(facts[leaf.fact], leaf);
    case 'sex': return valueIn(facts.sex, leaf);
    case 'grid': return valueIn(facts.gridCode, leaf);
    case 'island': return valueIn(facts.islandCode, leaf);
    case 'declared': case 'insured': return leaf.eq !== undefined && facts[leaf.fact] === leaf.eq;
    case 'region': {
      const codes = leaf.eq !== undefined ? [String(leaf.eq)] : leaf.in !== undefined ? leaf.in.map(String) : [];
      return facts.regionPath !== null && codes.some((c) => { const p = regions.get(c); return p !== undefined && facts.regionPath!.startsWith(p); });
    }
    case 'declarationValidUntil': case 'islandSeenOn': {
      const w = dateWindow(today, leaf.within_days!);
      return within(facts[leaf.fact], w.from, w.to);
    }
    case 'subscribed': {
      const topics = leaf.eq !== undefined ? [String(leaf.eq)] : leaf.in !== undefined ? leaf.in.map(String) : [];
      return topics.some((t) => facts.topics.includes(t));
    }
  }
  return false;
}
function numberMatches(v: number, leaf: LooseLeaf): boolean {
  if (leaf.eq !== undefined) return v === leaf.eq;
  if (leaf.in !== undefined) return leaf.in.includes(v);
  if (leaf.range !== undefined) return (leaf.range.min === undefined || v >= leaf.range.min) && (leaf.range.max === undefined || v <= leaf.range.max);
  return false;
}
function valueIn(v: string | null, leaf: LooseLeaf): boolean {
  if (v === null) return false;
  if (leaf.eq !== undefined) return v === leaf.eq;
  if (leaf.in !== undefined) return leaf.in.includes(v);
  return false;
}

/** The same predicate as a condition on ResidentFact's attributes (a leaf on an unknown fact is false, never NULL). */
export function compileAudience(audience: Audience, today: string, regions: RegionPaths): WhereOptions {
  if ('all' in audience) return { [Op.and]: audience.all.map((a) => compileAudience(a, today, regions)) };
  if ('any' in audience) return { [Op.or]: audience.any.map((a) => compileAudience(a, today, regions)) };
  if ('not' in audience) return { [Op.not]: compileAudience(audience.not, today, regions) };
  const leaf = audience as LooseLeaf;
  const known = (attr: string, cond: object) => ({ [Op.and]: [{ [attr]: { [Op.ne]: null } }, { [attr]: cond }] });
  const between = (attr: string, lo?: string, hi?: string) => known(attr, { ...(lo !== undefined ? { [Op.gte]: lo } : {}), ...(hi !== undefined ? { [Op.lte]: hi } : {}) });
  const NONE = { [Op.and]: [{ personId: null }, { personId: { [Op.ne]: null } }] }; // false on every row
  switch (leaf.fact) {
    case 'age': {
      if (leaf.age_reaches !== undefined) {
        const w = leaf.within_days ?? DEFAULT_AGE_WINDOW_DAYS, n = leaf.age_reaches;
        return between('birthDate', addYears(addDays(today, -w), -n), addYears(today, -n));
      }
      const ranges = leaf.eq !== undefined ? [[leaf.eq, leaf.eq]] : leaf.in !== undefined ? leaf.in.map((v) => [v, v]) : [[leaf.range!.min, leaf.range!.max]];
      return { [Op.or]: ranges.map(([min, max]) => { const b = birthBounds(today, min as number | undefined, max as number | undefined); return between('birthDate', b.from, b.to); }) };
    }
    case 'arrearsMonths': case 'openEvents': {
      if (leaf.eq !== undefined) return { [leaf.fact]: leaf.eq };
      if (leaf.in !== undefined) return { [leaf.fact]: { [Op.in]: leaf.in } };
      const r = leaf.range!;
      return { [leaf.fact]: { ...(r.min !== undefined ? { [Op.gte]: r.min } : {}), ...(r.max !== undefined ? { [Op.lte]: r.max } : {}) } };
    }
    case 'sex': case 'grid': case 'island': {
      const attr = leaf.fact === 'sex' ? 'sex' : leaf.fact === 'grid' ? 'gridCode' : 'islandCode';
      return known(attr, leaf.eq !== undefined ? { [Op.eq]: leaf.eq } : { [Op.in]: leaf.in! });
    }
    case 'declared': case 'insured': return { [leaf.fact]: leaf.eq };
    case 'region': {
      const codes = leaf.eq !== undefined ? [String(leaf.eq)] : leaf.in !== undefined ? leaf.in.map(String) : [];
      const paths = codes.map((c) => regions.get(c)).filter((p): p is string => p !== undefined);
      return paths.length ? { [Op.or]: paths.map((p) => known('regionPath', { [Op.like]: `${p}%` })) } : NONE;
    }
    case 'declarationValidUntil': case 'islandSeenOn': {
      const w = dateWindow(today, leaf.within_days!);
      return between(leaf.fact, w.from, w.to);
    }
    case 'subscribed': {
      const topics = leaf.eq !== undefined ? [String(leaf.eq)] : leaf.in !== undefined ? leaf.in.map(String) : [];
      return { [Op.or]: topics.map((t) => ({ topics: { [Op.like]: `%,${t},%` } })) };
    }
  }
  return NONE;
}

/** Facts a rule's message may quote, for one person (nothing that identifies them). */
export function personVariables(facts: PersonFacts, today: string, names: { grid?: string; region?: string; island?: string }): Record<string, string> {
  return {
    age: facts.birthDate ? String(ageOn(facts.birthDate, today)) : '',
    grid: names.grid ?? facts.gridCode ?? '', region: names.region ?? '', island: names.island ?? facts.islandCode ?? '',
    validUntil: facts.declarationValidUntil ?? '', arrearsMonths: String(facts.arrearsMonths),
    date: today, year: today.slice(0, 4), month: today.slice(0, 7),
  };
}
