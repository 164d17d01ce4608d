// The evidence store of events: appends records inside the caller's transaction, keeps recently read
// chains (with the event's photos) by evidence_seq, and verifies a chain against the event row and files.
import type { Transaction } from 'sequelize';
import type { Clock } from '../../clock';
import { Conflict } from '../../errors';
import type { PhotoAttrs, PhotoService } from '../photos';
import { hashRecord, payloadDigest, stateDigest, verifyChain, type EvidenceRecord } from './evidence';
import type { EventAction, EventStatus } from './lifecycle';
import type { EventAttrs, EventModels, EvidenceAttrs } from './model';

export type EvidenceActor = EvidenceRecord['actor'];

export function createEvidenceStore(deps: { models: EventModels; photos: PhotoService; clock: Clock }) {
  const { Event, Evidence } = deps.models;
  const { clock, photos } = deps;

  /** Appends an evidence record for the event as it now stands; guarded so two writers cannot fork the chain. */
  async function appendEvidence(t: Transaction, eventId: number, entry: { action: EventAction; actor: EvidenceActor; from: EventStatus | null; payload: Record<string, unknown>; attachments?: string[] }): Promise<void> {
    const event = (await Event.findByPk(eventId, { transaction: t, raw: true }))!;
    const record: EvidenceRecord = {
      event: event.code, seq: event.evidenceSeq + 1, action: entry.action, actor: entry.actor, from: entry.from, to: event.status,
      at: clock.now().toISOString(), payloadDigest: payloadDigest(entry.payload), attachments: entry.attachments ?? [], stateDigest: stateDigest(event as never), prevHash: event.evidenceHead,
    };
    const hash = hashRecord(record);
    const [moved] = await Event.update({ evidenceSeq: record.seq, evidenceHead: hash }, { where: { id: eventId, evidenceSeq: event.evidenceSeq }, transaction: t, silent: true });
    if (moved !== 1) throw new Conflict('该事件刚被他人处理，请刷新后重试');
    await Evidence.create({
      eventId, seq: record.seq, action: record.action, actorKind: record.actor.kind, actorId: record.actor.id, actorRole: record.actor.role,
      fromStatus: record.from, toStatus: record.to, payload: entry.payload, payloadDigest: record.payloadDigest, attachments: record.attachments,
      stateDigest: record.stateDigest, prevHash: record.prevHash, hash, at: new Date(record.at),
    }, { transaction: t });
  }

  /**
   * Evidence rows and photos of recently shown events, keyed by the event's evidence_seq: both only ever
   * change together with a new evidence record, so a cached entry is valid exactly while the seq it was read
   * at is the event's current one. Each instance checks that against the event row it has just read, so
   * several instances need no shared cache. (The evidence endpoint and the CLI always read afresh.)
   */
  const chainCache = new Map<number, { seq: number; rows: EvidenceAttrs[]; photos: PhotoAttrs[] }>();
  const CHAIN_CACHE_SIZE = 10_000;

  async function chainOf(event: EventAttrs) {
    const cached = chainCache.get(event.id);
    if (cached && cached.seq === event.evidenceSeq) {
      chainCache.delete(event.id);
      chainCache.set(event.id, cached); // most recently used last
      return cached;
    }
    const [rows, eventPhotos] = await Promise.all([
      Evidence.findAll({ where: { eventId: event.id }, order: [['seq', 'ASC']], raw: true }),
      photos.forOwners('event', [event.id]),
    ]);
    const entry = { seq: event.evidenceSeq, rows, photos: eventPhotos };
    chainCache.set(event.id, entry);
    if (chainCache.size > CHAIN_CACHE_SIZE) chainCache.delete(chainCache.keys().next().value!);
    return entry;
  }

  async function verifyEvent(event: EventAttrs, preloaded: { rows?: EvidenceAttrs[]; eventPhotos?: PhotoAttrs[]; checkFiles?: boolean } = {}) {
    const rows = preloaded.rows ?? await Evidence.findAll({ where: { eventId: event.id }, order: [['seq', 'ASC']], raw: true });
    const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    const chain = rows.map((r) => ({
      hash: r.hash, payload: json<unknown>(r.payload),
      record: { event: event.code, seq: r.seq, action: r.action, actor: { kind: r.actorKind, id: r.actorId, role: r.actorRole }, from: r.fromStatus, to: r.toStatus,
        at: new Date(r.at).toISOString(), payloadDigest: r.payloadDigest, attachments: json<string[]>(r.attachments), stateDigest: r.stateDigest, prevHash: r.prevHash } as EvidenceRecord,
    }));
    const verdict = verifyChain(chain, stateDigest(event as never));
    if (!verdict.verified) return { ...verdict, chain };
    // Photos: the evidence must name every photo the event has, and (when asked) the files must still be the ones saved.
    const eventPhotos = preloaded.eventPhotos ?? await photos.forOwners('event', [event.id]);
    const broken = preloaded.checkFiles === false ? [] : await photos.verifyFiles(eventPhotos);
    const attested = new Set(chain.flatMap((c) => c.record.attachments));
    const unattested = eventPhotos.find((p) => !attested.has(p.originalSha256));
    if (broken.length || unattested) {
      const digest = broken.length ? eventPhotos.find((p) => p.id === broken[0].photoId)!.originalSha256 : unattested!.originalSha256;
      const at = chain.find((c) => c.record.attachments.includes(digest))?.record.seq ?? chain.length;
      return { verified: false as const, brokenAt: at, reason: '照片文件与留痕不符', chain };
    }
    return { ...verdict, chain };
  }

  return { appendEvidence, chainOf, verifyEvent };
}

export type EvidenceStore = ReturnType<typeof createEvidenceStore>;
