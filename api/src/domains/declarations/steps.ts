// The evidence steps of a declaration: each step (declared, verified, moved out, ...) is a record chained
// to the one before by SHA-256, so a later edit of any step or of its order is detectable.
import crypto from 'node:crypto';
import type { Transaction } from 'sequelize';
import { canonicalJson } from '../../canonical-json';
import { bulkInsert, statementIn } from '../../db/bulk-insert';
import { Conflict } from '../../errors';
import { payloadDigest } from '../events';
import type { DeclarationModels, StepAttrs } from './model';

export interface StepActor { kind: 'resident' | 'staff' | 'system'; id: number | null; role: string }

export function hashStep(r: { declarationId: number; seq: number; action: string; actor: StepActor; payloadDigest: string; attachments: string[]; at: string; prevHash: string | null }): string {
  return crypto.createHash('sha256').update(canonicalJson(r)).digest('hex');
}

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Walks the chain; the first step whose hash or link does not hold is where it broke. */
export function verifySteps(rows: StepAttrs[], head: string | null): { verified: boolean; brokenAt: number | null } {
  let prev: string | null = null;
  for (const r of rows) {
    const expected = hashStep({
      declarationId: r.declarationId, seq: r.seq, action: r.action, actor: { kind: r.actorKind as StepActor['kind'], id: r.actorId, role: r.actorRole },
      payloadDigest: payloadDigest(parse(r.payload)), attachments: parse<string[]>(r.attachments), at: new Date(r.at).toISOString(), prevHash: prev,
    });
    if (r.prevHash !== prev || r.hash !== expected || r.payloadDigest !== payloadDigest(parse(r.payload))) return { verified: false, brokenAt: r.seq };
    prev = r.hash;
  }
  return prev === head ? { verified: true, brokenAt: null } : { verified: false, brokenAt: rows.length };
}

export function createStepStore(models: Pick<DeclarationModels, 'Declaration' | 'DeclarationStep'>) {
  const { Declaration, DeclarationStep } = models;
  return {
    /** Appends a step in the caller's transaction; guarded on the declaration's evidence_seq so the chain cannot fork. */
    /** `known`: the declaration's chain state when the caller has just written it (a new declaration: 0, null). */
    async append(t: Transaction, declarationId: number, step: { action: string; actor: StepActor; payload: Record<string, unknown>; attachments?: string[]; at: Date },
      known?: { evidenceSeq: number; evidenceHead: string | null }): Promise<{ evidenceSeq: number; evidenceHead: string }> {
      const d = known ?? (await Declaration.findByPk(declarationId, { transaction: t, raw: true, attributes: ['id', 'evidenceSeq', 'evidenceHead'] }))!;
      const record = {
        declarationId, seq: d.evidenceSeq + 1, action: step.action, actor: step.actor, payloadDigest: payloadDigest(step.payload),
        attachments: step.attachments ?? [], at: step.at.toISOString(), prevHash: d.evidenceHead,
      };
      const hash = hashStep(record);
      const [moved] = await Declaration.update({ evidenceSeq: record.seq, evidenceHead: hash }, { where: { id: declarationId, evidenceSeq: d.evidenceSeq }, transaction: t, silent: true });
      if (moved !== 1) throw new Conflict('该申报刚被他人处理，请刷新后重试');
      await DeclarationStep.create({
        declarationId, seq: record.seq, action: step.action, actorKind: step.actor.kind, actorId: step.actor.id, actorRole: step.actor.role,
        payload: step.payload, payloadDigest: record.payloadDigest, attachments: record.attachments, prevHash: record.prevHash, hash, at: step.at,
      }, { transaction: t });
      return { evidenceSeq: record.seq, evidenceHead: hash };
    },
    /**
     * The first step of each of a group of declarations just written in the caller's transaction (a group of
     * declare calls sharing one commit): the steps in one INSERT and the declarations' chain heads in one
     * UPDATE. Nothing can have appended to a declaration its own transaction has not yet committed, so the
     * guard of `append` is not needed; the records are built and hashed exactly as `append` builds them.
     */
    async appendFirst(t: Transaction, entries: { declarationId: number; step: { action: string; actor: StepActor; payload: Record<string, unknown>; at: Date } }[]): Promise<string[]> {
      if (!entries.length) return [];
      const rows = entries.map(({ declarationId, step }) => {
        const record = { declarationId, seq: 1, action: step.action, actor: step.actor, payloadDigest: payloadDigest(step.payload), attachments: [] as string[], at: step.at.toISOString(), prevHash: null };
        return {
          declarationId, seq: 1, action: step.action, actorKind: step.actor.kind, actorId: step.actor.id, actorRole: step.actor.role,
          payload: step.payload, payloadDigest: record.payloadDigest, attachments: record.attachments, prevHash: null, hash: hashStep(record), at: step.at,
        };
      });
      await bulkInsert(DeclarationStep as never, rows, t);
      const ids = rows.map((r) => r.declarationId);
      await statementIn(t,
        `UPDATE declarations SET evidence_seq = 1, evidence_head = CASE id ${ids.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE evidence_seq = 0 AND id IN (${ids.map(() => '?').join(', ')})`,
        [...rows.flatMap((r) => [r.declarationId, r.hash]), ...ids]);
      return rows.map((r) => r.hash);
    },
    async of(declarationId: number): Promise<StepAttrs[]> {
      return DeclarationStep.findAll({ where: { declarationId }, order: [['seq', 'ASC']], raw: true });
    },
  };
}
export type StepStore = ReturnType<typeof createStepStore>;
