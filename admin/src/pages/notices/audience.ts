// The audience builder's model and its two-way translation with the predicate JSON of the contract:
// `{all|any: [row…]}` where each row is one fact test, optionally wrapped in `{not: …}`. Predicates the rows
// cannot show (groups inside groups) are kept as they are and edited as JSON only. Pure: no React here.
import type { Fact, FactValue, Operator, Predicate } from '../../api/notices';

export type Combinator = 'all' | 'any';

export interface AudienceRow {
  /** Stable React key; not part of the predicate. */
  key: number;
  fact?: string;
  op?: Operator;
  /** 排除: the row is wrapped in `{not: …}`. */
  not: boolean;
  /** eq: the value; age_reaches: the age; within_days: the signed number of days. */
  value?: FactValue | null;
  /** in: the codes, separated by commas. */
  text?: string;
  /** range: numbers, or dates `YYYY-MM-DD` for date facts. */
  min?: number | string | null;
  max?: number | string | null;
  /** age_reaches: within how many days (optional). */
  window?: number | null;
}

export interface Audience {
  combinator: Combinator;
  rows: AudienceRow[];
  /** A predicate the rows cannot show; while set, it is the audience. */
  custom: Predicate | null;
}

const OPERATORS: readonly Operator[] = ['eq', 'in', 'range', 'age_reaches', 'within_days'];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isScalar = (v: unknown): v is FactValue => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The operator a leaf uses: `age_reaches` wins over the `within_days` that may sit beside it. */
function leafOperator(p: Record<string, unknown>): Operator | null {
  if ('age_reaches' in p) return 'age_reaches';
  return OPERATORS.find((op) => op in p) ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Rows → predicate

/** Splits "G-01, G-02，G-03、G-04" into its codes. */
export function splitCodes(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,，、;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A typed value as the fact wants it: numbers as numbers, an enum's value as the server gave it. */
function coerce(raw: FactValue, fact: Fact | undefined): FactValue | null {
  if (!fact) return raw;
  if (fact.type === 'number') {
    const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
    return Number.isFinite(n) ? n : null;
  }
  if (fact.type === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
  }
  const known = fact.values?.find((v) => String(v.value) === String(raw));
  return known ? known.value : typeof raw === 'string' ? raw.trim() : raw;
}

const isWholeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** One row as a predicate, or the sentence that says what is missing. */
export function rowToPredicate(row: AudienceRow, fact: Fact | undefined): { predicate: Predicate } | { error: string } {
  if (!row.fact) return { error: '请选择条件项' };
  if (!row.op) return { error: '请选择比较方式' };
  const name = row.fact;
  let leaf: Predicate;
  switch (row.op) {
    case 'eq': {
      if (isBlank(row.value)) return { error: '请填写或选择值' };
      const value = coerce(row.value as FactValue, fact);
      if (value === null) return { error: '请填写数字' };
      leaf = { fact: name, eq: value };
      break;
    }
    case 'in': {
      const codes = splitCodes(row.text);
      if (codes.length === 0) return { error: '请填写至少一个值，多个值用逗号分隔' };
      const values = codes.map((c) => coerce(c, fact));
      if (values.some((v) => v === null)) return { error: '请填写数字，多个值用逗号分隔' };
      leaf = { fact: name, in: values as FactValue[] };
      break;
    }
    case 'range': {
      const range: { min?: number | string; max?: number | string } = {};
      if (!isBlank(row.min)) range.min = row.min as number | string;
      if (!isBlank(row.max)) range.max = row.max as number | string;
      if (range.min === undefined && range.max === undefined) return { error: '请至少填写最小值或最大值之一' };
      // Numbers with numbers, dates (YYYY-MM-DD) with dates: both order correctly with >.
      if (typeof range.min === typeof range.max && (range.min as number) > (range.max as number)) {
        return { error: '最小值不能大于最大值' };
      }
      leaf = { fact: name, range };
      break;
    }
    case 'age_reaches': {
      if (!isWholeNumber(row.value) || row.value < 0) return { error: '请填写年龄（整数）' };
      if (!isBlank(row.window) && (!isWholeNumber(row.window) || row.window < 0)) {
        return { error: '天数应为不小于 0 的整数' };
      }
      leaf = isBlank(row.window)
        ? { fact: name, age_reaches: row.value }
        : { fact: name, age_reaches: row.value, within_days: row.window as number };
      break;
    }
    case 'within_days': {
      if (!isWholeNumber(row.value)) return { error: '请填写天数（整数，负数表示过去）' };
      leaf = { fact: name, within_days: row.value };
      break;
    }
    default:
      return { error: '不支持的比较方式' };
  }
  return { predicate: row.not ? { not: leaf } : leaf };
}

export type Resolved = { predicate: Predicate } | { rowErrors: Record<number, string>; error: string };

/** The audience as the contract's JSON; rows that are not complete are reported by index. */
export function audienceToPredicate(audience: Audience, facts: Fact[]): Resolved {
  if (audience.custom) return { predicate: audience.custom };
  if (audience.rows.length === 0) return { rowErrors: {}, error: '受众条件不能为空，请添加至少一个条件' };
  const rowErrors: Record<number, string> = {};
  const parts: Predicate[] = [];
  audience.rows.forEach((row, index) => {
    const result = rowToPredicate(row, facts.find((f) => f.fact === row.fact));
    if ('error' in result) rowErrors[index] = result.error;
    else parts.push(result.predicate);
  });
  if (Object.keys(rowErrors).length > 0) {
    return { rowErrors, error: `有 ${Object.keys(rowErrors).length} 个条件未填写完整` };
  }
  return { predicate: audience.combinator === 'all' ? { all: parts } : { any: parts } };
}

/** What the JSON panel shows for rows still being filled in: the complete rows only. */
export function draftPredicate(audience: Audience, facts: Fact[]): Predicate {
  if (audience.custom) return audience.custom;
  const parts = audience.rows
    .map((row) => rowToPredicate(row, facts.find((f) => f.fact === row.fact)))
    .flatMap((r) => ('predicate' in r ? [r.predicate] : []));
  return audience.combinator === 'all' ? { all: parts } : { any: parts };
}

// ---------------------------------------------------------------------------------------------------------
// Predicate → rows

function leafToRow(p: Record<string, unknown>, not: boolean, key: number): AudienceRow | null {
  if (typeof p.fact !== 'string') return null;
  const op = leafOperator(p);
  if (!op) return null;
  const row: AudienceRow = { key, fact: p.fact, op, not };
  switch (op) {
    case 'eq':
      if (!isScalar(p.eq)) return null;
      row.value = p.eq;
      break;
    case 'in':
      if (!Array.isArray(p.in) || !p.in.every(isScalar)) return null;
      row.text = p.in.map(String).join(', ');
      break;
    case 'range': {
      if (!isObject(p.range)) return null;
      const { min, max } = p.range;
      if ((min !== undefined && !isScalar(min)) || (max !== undefined && !isScalar(max))) return null;
      row.min = (min as number | string | undefined) ?? null;
      row.max = (max as number | string | undefined) ?? null;
      break;
    }
    case 'age_reaches':
      if (typeof p.age_reaches !== 'number') return null;
      if (p.within_days !== undefined && typeof p.within_days !== 'number') return null;
      row.value = p.age_reaches;
      row.window = (p.within_days as number | undefined) ?? null;
      break;
    case 'within_days':
      if (typeof p.within_days !== 'number') return null;
      row.value = p.within_days;
      break;
  }
  return row;
}

function toRow(p: unknown, newKey: () => number): AudienceRow | null {
  if (!isObject(p)) return null;
  if ('not' in p) return isObject(p.not) ? leafToRow(p.not, true, newKey()) : null;
  return leafToRow(p, false, newKey());
}

/** The rows for a predicate, or null when it has groups inside groups (or is not a predicate at all). */
export function predicateToAudience(p: Predicate | null | undefined, newKey: () => number): Audience | null {
  if (!p) return { combinator: 'all', rows: [], custom: null };
  const o = p as unknown as Record<string, unknown>;
  const combinator: Combinator | null = Array.isArray(o.all) ? 'all' : Array.isArray(o.any) ? 'any' : null;
  const children = combinator ? (o[combinator] as unknown[]) : [p];
  const rows = children.map((c) => toRow(c, newKey));
  if (rows.some((r) => r === null)) return null;
  return { combinator: combinator ?? 'all', rows: rows as AudienceRow[], custom: null };
}

// ---------------------------------------------------------------------------------------------------------
// The JSON panel

/** Checks the shape of the contract's predicate language; which facts exist is the server's to say. */
export function checkPredicate(p: unknown, path = 'audience'): string | null {
  if (!isObject(p)) return `${path} 应为对象`;
  if ('all' in p || 'any' in p) {
    const key = 'all' in p ? 'all' : 'any';
    const list = p[key];
    if (!Array.isArray(list)) return `${path}.${key} 应为数组`;
    for (let i = 0; i < list.length; i++) {
      const problem = checkPredicate(list[i], `${path}.${key}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if ('not' in p) return checkPredicate(p.not, `${path}.not`);
  if (typeof p.fact !== 'string' || !p.fact) return `${path} 缺少 fact，或应使用 all / any / not`;
  const op = leafOperator(p);
  if (!op) return `${path} 缺少比较方式（eq、in、range、age_reaches 或 within_days）`;
  if (op === 'in' && !Array.isArray(p.in)) return `${path}.in 应为数组`;
  if (op === 'range' && !isObject(p.range)) return `${path}.range 应为 {min, max}`;
  if (op === 'age_reaches' && typeof p.age_reaches !== 'number') return `${path}.age_reaches 应为数字`;
  if ('within_days' in p && typeof p.within_days !== 'number') return `${path}.within_days 应为数字`;
  return null;
}

export function parsePredicateJson(text: string): { predicate: Predicate } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'JSON 格式有误，请检查括号、引号和逗号' };
  }
  const problem = checkPredicate(value);
  return problem ? { error: problem } : { predicate: value as Predicate };
}

/** `audience.all[1].fact` → 1 when the rows are joined by `all`; null for errors about the whole audience. */
export function rowIndexOfField(field: string, combinator: Combinator): number | null {
  const match = /^audience\.(all|any)\[(\d+)\]/.exec(field);
  return match && match[1] === combinator ? Number(match[2]) : null;
}
