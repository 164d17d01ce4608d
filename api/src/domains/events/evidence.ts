// Evidence (事过留痕): every state change and attachment appends a record that commits to the previous
// record's hash, to a digest of its payload and attachments, and to a digest of the event's covered fields
// at that moment. Changing any stored record, covered field or photo breaks the chain where it happened.
import { canonicalJson } from '../../canonical-json';
import { sha256 } from '../../digest';
import { committedForm } from '../../personal-fields';


export interface EvidenceRecord {
  event: string; seq: number; action: string; actor: { kind: string; id: number | null; role: string };
  from: string | null; to: string; at: string; payloadDigest: string; attachments: string[]; stateDigest: string; prevHash: string | null;
}

/** The event fields the evidence vouches for. */
export const COVERED_FIELDS = [
  'code', 'source', 'categoryId', 'level', 'description', 'lat', 'lng', 'address', 'gridId', 'unitId', 'status', 'overdue',
  'responseDueAt', 'resolutionDueAt', 'reporterId', 'reporterStaffId', 'anonymous', 'mergedIntoId', 'rating', 'ratingComment',
] as const;

/** The same event gives the same digest on SQLite (0/1, date strings) and MariaDB (booleans, Dates). */
function normalise(field: string, v: unknown): unknown {
  if (field === 'overdue' || field === 'anonymous') return Boolean(v);
  if (v === null || v === undefined) return null;
  if (field === 'responseDueAt' || field === 'resolutionDueAt') return (v instanceof Date ? v : new Date(v as string)).toISOString();
  if (field === 'lat' || field === 'lng') return Number(Number(v).toFixed(7));
  return v;
}

// The covered fields in the order canonicalJson sorts them, each with the text before its value: the state's
// canonical JSON is written straight from the event, without building and sorting an object for every read.
const STATE_KEYS = [...COVERED_FIELDS].sort().map((field, i) => ({ field, before: `${i ? ',' : '{'}${JSON.stringify(field)}:` }));

/** canonicalJson of the covered fields, normalised (stateJsonOf in the tests checks it against the generic form). */
export function stateJson(event: Record<string, unknown>): string {
  let text = '';
  for (const { field, before } of STATE_KEYS) text += before + canonicalJson(normalise(field, event[field]));
  return `${text}}`;
}

export function stateDigest(event: Record<string, unknown>): string {
  return sha256(stateJson(event));
}

/** Over the committed form: personal fields count by their commitment, so erasing them changes nothing. */
export function payloadDigest(payload: unknown): string {
  return sha256(canonicalJson(committedForm(payload)));
}

export function hashRecord(record: EvidenceRecord): string {
  return sha256(`${record.prevHash ?? ''}\n${canonicalJson(record)}`);
}

export interface StoredEvidence { record: EvidenceRecord; hash: string; payload: unknown }

export type ChainVerdict = { verified: true; brokenAt: null; reason: null } | { verified: false; brokenAt: number; reason: string };

/** Checks a chain in seq order: links, hashes, payload digests, and that the last state digest is the event's current state. */
export function verifyChain(chain: StoredEvidence[], currentStateDigest: string): ChainVerdict {
  let prev: string | null = null;
  for (let i = 0; i < chain.length; i++) {
    const { record, hash, payload } = chain[i];
    if (record.seq !== i + 1) return { verified: false, brokenAt: i + 1, reason: '记录序号不连续' };
    if (record.prevHash !== prev) return { verified: false, brokenAt: record.seq, reason: '与上一条记录的链接断开' };
    if (payloadDigest(payload) !== record.payloadDigest) return { verified: false, brokenAt: record.seq, reason: '记录内容被改动' };
    if (hashRecord(record) !== hash) return { verified: false, brokenAt: record.seq, reason: '记录哈希不符' };
    prev = hash;
  }
  if (chain.length && chain[chain.length - 1].record.stateDigest !== currentStateDigest) {
    return { verified: false, brokenAt: chain.length, reason: '事件当前数据与最后一条留痕不符' };
  }
  return { verified: true, brokenAt: null, reason: null };
}

/** One step of an event's life as a chain records it: the event as it stood after the step, and what was done. */
export interface ChainStep {
  action: string; actor: EvidenceRecord['actor']; from: string | null;
  state: Record<string, unknown> & { status: string }; payload: Record<string, unknown>; attachments?: string[];
}

/**
 * The records of steps taken one after another at one moment, from the first record on (an event registered and
 * dispatched in one go): exactly the records appending each step in turn would write, built in memory so that
 * they can be stored together.
 */
export function chainOf(eventCode: string, steps: ChainStep[], at: string): StoredEvidence[] {
  let prev: string | null = null;
  return steps.map((step, i) => {
    const record: EvidenceRecord = {
      event: eventCode, seq: i + 1, action: step.action, actor: step.actor, from: step.from, to: step.state.status, at,
      payloadDigest: payloadDigest(step.payload), attachments: step.attachments ?? [], stateDigest: stateDigest(step.state), prevHash: prev,
    };
    prev = hashRecord(record);
    return { record, hash: prev, payload: step.payload };
  });
}
