// Social-security fees (社保费), the staff side (docs/api.md, "Social-security fees" and "Reconciliation"):
// the three-way reconciliation of the tax office's, the bureau's and finance's ledgers by month, the
// discrepancies it finds, and the API keys department systems sign their postings with. Amounts are integers
// in fen; payers arrive masked. Nothing here decides a match: the server does.
import { newIdempotencyKey, request } from './client';

// ---------------------------------------------------------------------------------------------------------
// Vocabularies. Every record names its own values (statusName, kindName, …); these are for filters and forms.

export type FeeSource = 'tax' | 'bureau' | 'finance';

/** In the order the money travels: the tax office collects, the bureau accrues, finance receives. */
export const FEE_SOURCES: { value: FeeSource; label: string }[] = [
  { value: 'tax', label: '税务' },
  { value: 'bureau', label: '社保' },
  { value: 'finance', label: '财政' },
];

export const SOURCE_NAMES: Record<FeeSource, string> = { tax: '税务', bureau: '社保', finance: '财政' };

export type DiscrepancyKind = 'missing' | 'amount_mismatch' | 'duplicate';

export const DISCREPANCY_KINDS: { value: DiscrepancyKind; label: string }[] = [
  { value: 'missing', label: '单边缺失' },
  { value: 'amount_mismatch', label: '金额不符' },
  { value: 'duplicate', label: '重复记录' },
];

export type DiscrepancyStatus = 'open' | 'closed';

export const DISCREPANCY_STATUSES: { value: DiscrepancyStatus; label: string }[] = [
  { value: 'open', label: '待处理' },
  { value: 'closed', label: '已关闭' },
];

/** `YYYY-MM`, as the API checks it. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface Paged<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Reconciliation (三方对账)

export interface SourceTotals {
  rows: number;
  amountFen: number;
}

export interface ReconciliationRun {
  id: number;
  period: string;
  status: 'running' | 'done' | 'failed';
  statusName: string;
  /** A running run may not have counted every source yet. */
  sources: Partial<Record<FeeSource, SourceTotals | null>> | null;
  /** Distinct (payer, period, insurance type) keys compared. */
  keys: number;
  matched: number;
  discrepancies: number;
  /** 0–1. */
  reconciledShare: number | null;
  startedAt: string;
  finishedAt: string | null;
}

/** 202: the run, still running; poll the list. Re-running a period is idempotent on the server. */
export function startReconciliation(
  period: string,
  idempotencyKey: string = newIdempotencyKey(),
): Promise<ReconciliationRun> {
  return request<ReconciliationRun>('/fees/reconciliations', { method: 'POST', body: { period }, idempotencyKey });
}

export function listReconciliations(
  period: string | undefined,
  signal?: AbortSignal,
): Promise<{ items: ReconciliationRun[] }> {
  return request<{ items: ReconciliationRun[] }>('/fees/reconciliations', { query: { period }, signal });
}

// ---------------------------------------------------------------------------------------------------------
// Discrepancies (差异)

export interface Discrepancy {
  id: number;
  period: string;
  payerMasked: string;
  type: string;
  typeName: string;
  kind: DiscrepancyKind;
  kindName: string;
  /** For `missing`: the ledgers that have no row for this key. */
  missingIn: FeeSource[];
  /** Fen, or null where that ledger has no row. */
  amounts: Record<FeeSource, number | null>;
  status: DiscrepancyStatus;
  statusName: string;
  note: string | null;
  closedAt: string | null;
}

export interface DiscrepancyQuery {
  period?: string;
  kind?: DiscrepancyKind;
  status?: DiscrepancyStatus;
  page?: number;
  pageSize?: number;
}

export function listDiscrepancies(query: DiscrepancyQuery, signal?: AbortSignal): Promise<Paged<Discrepancy>> {
  return request<Paged<Discrepancy>>('/fees/discrepancies', { query: { ...query }, signal });
}

export type DiscrepancyCommand = 'note' | 'close';

/** 备注 or 关闭 (a note is required for both); answers the discrepancy as it now is. */
export function commandDiscrepancy(id: number, command: DiscrepancyCommand, note: string): Promise<Discrepancy> {
  return request<Discrepancy>(`/fees/discrepancies/${id}/${command}`, { method: 'POST', body: { note } });
}

// ---------------------------------------------------------------------------------------------------------
// API keys of department systems (admin)

export interface FeeKey {
  id: number;
  /** Sent as X-Weave-Key; not a secret. */
  keyId: string;
  name: string;
  source: FeeSource;
  sourceName: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewFeeKey {
  id: number;
  keyId: string;
  name: string;
  source: FeeSource;
  sourceName: string;
  /** Shown once; the server keeps it encrypted to check signatures. */
  secret: string;
}

export function listFeeKeys(signal?: AbortSignal): Promise<{ items: FeeKey[] }> {
  return request<{ items: FeeKey[] }>('/fee-keys', { signal });
}

export function createFeeKey(
  input: { name: string; source: FeeSource },
  idempotencyKey: string = newIdempotencyKey(),
): Promise<NewFeeKey> {
  return request<NewFeeKey>('/fee-keys', { method: 'POST', body: input, idempotencyKey });
}

export function revokeFeeKey(id: number): Promise<void> {
  return request<void>(`/fee-keys/${id}/revoke`, { method: 'POST' });
}

// ---------------------------------------------------------------------------------------------------------
// Payer look-up (缴费人查询): a payer's months by identity number, with a reason the server logs.

export interface PayerFees {
  payer: { idNumberMasked: string; name: string; boundAt: string | null };
  months: { period: string; types: { type: string; typeName: string; dueFen: number; paidFen: number; status: string; statusName: string }[] }[];
  totals: { dueFen: number; paidFen: number; arrearsFen: number; refundFen: number };
}

/** The number travels in the body, never in a URL; every call is written to the access log with its reason. */
export function lookUpPayer(input: { idNumber: string; reason: string; from: string; to: string }): Promise<PayerFees> {
  return request<PayerFees>('/fees/payers', { method: 'POST', body: input });
}
