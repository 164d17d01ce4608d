// Collision (数据碰撞): which rental reports of other departments become findings. Pure: the job hands in the
// candidates its queries found (reported occupants not declared at the house; vacancy reports of houses
// with declared people) and the findings still open, and gets back only what is new, one per person and
// house (undeclared) or one per house (declared but empty).
import type { FindingKind } from './model';

export interface Candidate { reportId: number; kind: FindingKind; houseId: number; idHash: string | null; idMasked: string | null; source: string; reportedOn: string }
export interface OpenFinding { kind: FindingKind; houseId: number; idHash: string | null }

const keyOf = (f: { kind: FindingKind; houseId: number; idHash: string | null }) => (f.kind === 'undeclared' ? `u:${f.houseId}:${f.idHash}` : `e:${f.houseId}`);

export function newFindings(candidates: Candidate[], open: OpenFinding[]): Candidate[] {
  const taken = new Set(open.map(keyOf));
  const fresh: Candidate[] = [];
  // The latest report of each person wins, so the finding shows the most recent source.
  for (const c of [...candidates].sort((a, b) => (a.reportedOn < b.reportedOn ? 1 : a.reportedOn > b.reportedOn ? -1 : b.reportId - a.reportId))) {
    const key = keyOf(c);
    if (taken.has(key)) continue;
    taken.add(key);
    fresh.push(c);
  }
  return fresh;
}

/** Reports older than this say little about who lives there now. */
export const REPORT_WINDOW_DAYS = 365;
