// The three-way match of the social-security fee ledgers (社保费三方对账): for one payer × period × insurance
// type, what the tax office collected, what the social-security bureau credited and what finance received.
// Pure: the reconciliation job streams keys in, this decides each key's outcome. Amounts are in fen.

export type LedgerSource = 'tax' | 'bureau' | 'finance';
export const LEDGER_SOURCES: Record<LedgerSource, string> = { tax: '税务', bureau: '社保', finance: '财政' };

/** One source's record(s) for a key: more than one row for a key is a duplicate in that source. */
export interface SourceRecord { rows: number; amountFen: number }

export type MatchOutcome =
  | { kind: 'matched'; amountFen: number }
  | { kind: 'missing'; missingIn: LedgerSource[]; amountFen: number }
  | { kind: 'amount_mismatch'; amounts: Record<LedgerSource, number> }
  | { kind: 'duplicate'; duplicatedIn: LedgerSource[] };

export const OUTCOMES = { matched: '已对平', missing: '单边缺失', amount_mismatch: '金额不符', duplicate: '重复记录' } as const;

/**
 * Duplicates come first (a doubled row makes any amount comparison meaningless), then missing sources,
 * then amounts. A key that no source has is not a key.
 */
export function matchKey(records: Partial<Record<LedgerSource, SourceRecord>>): MatchOutcome {
  const sources = Object.keys(LEDGER_SOURCES) as LedgerSource[];
  const duplicatedIn = sources.filter((s) => (records[s]?.rows ?? 0) > 1);
  if (duplicatedIn.length) return { kind: 'duplicate', duplicatedIn };
  const present = sources.filter((s) => (records[s]?.rows ?? 0) === 1);
  if (present.length === 0) throw new Error('matchKey: a key with no record in any source');
  const amounts = present.map((s) => records[s]!.amountFen);
  if (present.length < sources.length) {
    return { kind: 'missing', missingIn: sources.filter((s) => !present.includes(s)), amountFen: Math.max(...amounts) };
  }
  if (amounts.every((a) => a === amounts[0])) return { kind: 'matched', amountFen: amounts[0] };
  return { kind: 'amount_mismatch', amounts: Object.fromEntries(sources.map((s) => [s, records[s]!.amountFen])) as Record<LedgerSource, number> };
}
