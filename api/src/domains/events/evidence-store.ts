// The evidence store of events: appends records inside the caller's transaction, lets the event detail
// read the chain in the event's own query, and verifies a chain against the event row and files.
import type { Transaction } from 'sequelize';
import { bulkInsert } from '../../db/bulk-insert';
import { joinedRows, selectList } from '../../db/plain-select';
import type { Clock } from '../../clock';
import { Conflict } from '../../errors';
import type { PhotoAttrs, PhotoService } from '../photos';
import { hashRecord, payloadDigest, stateDigest, verifyChain, type EvidenceRecord, type StoredEvidence } from './evidence';
import type { EventAction, EventStatus } from './lifecycle';
import type { EventAttrs, EventModels, EvidenceAttrs } from './model';

export type EvidenceActor = EvidenceRecord['actor'];

// Payload and attachments come back parsed from MariaDB's JSON columns and as text from SQLite's.
function parsed<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** Stored evidence rows (in seq order) as the records their hashes were taken over. A plain loop: every event detail runs it. */
function storedChain(eventCode: string, rows: EvidenceAttrs[]): StoredEvidence[] {
  const chain: StoredEvidence[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    chain[i] = {
      hash: r.hash, payload: parsed<unknown>(r.payload),
      record: {
        event: eventCode, seq: r.seq, action: r.action, actor: { kind: r.actorKind, id: r.actorId, role: r.actorRole }, from: r.fromStatus, to: r.toStatus,
        at: (r.at instanceof Date ? r.at : new Date(r.at)).toISOString(), payloadDigest: r.payloadDigest, attachments: parsed<string[]>(r.attachments),
        stateDigest: r.stateDigest, prevHash: r.prevHash,
      },
    };
  }
  return chain;
}

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
   * Stores the first records of new events' chains at once (`chainOf`), in multi-row INSERTs: each event row was
   * written with its chain's length and head, as appendEvidence leaves them after each record.
   */
  async function storeChains(t: Transaction, events: { eventId: number; chain: StoredEvidence[] }[]): Promise<void> {
    await bulkInsert(Evidence as never, events.flatMap(({ eventId, chain }) => chain.map(({ record, hash, payload }) => ({
      eventId, seq: record.seq, action: record.action, actorKind: record.actor.kind, actorId: record.actor.id, actorRole: record.actor.role,
      fromStatus: record.from, toStatus: record.to, payload, payloadDigest: record.payloadDigest, attachments: record.attachments,
      stateDigest: record.stateDigest, prevHash: record.prevHash, hash, at: new Date(record.at),
    }))), t);
  }

  /**
   * A correlated SQLite subquery that gives an event's evidence rows as one JSON array (json_group_array), so
   * that the event detail reads the event, its evidence and its photos in one statement. `eventIdSql` is the
   * event's id column in the outer query. Read the result with `evidenceFromJson`: the rows are the stored ones,
   * verified afresh on every read, never a copy kept beside them. On MariaDB, where JSON aggregation costs the
   * database far more than plain rows, the detail joins `evidenceColumns` instead.
   */
  function evidenceSql(eventIdSql: string): string {
    const fields = `'id', v.id, 'eventId', v.event_id, 'seq', v.seq, 'action', v.action, 'actorKind', v.actor_kind, 'actorId', v.actor_id, 'actorRole', v.actor_role, `
      + `'fromStatus', v.from_status, 'toStatus', v.to_status, 'payload', v.payload, 'payloadDigest', v.payload_digest, 'attachments', v.attachments, `
      + `'stateDigest', v.state_digest, 'prevHash', v.prev_hash, 'hash', v.hash, 'at', v.at`;
    return `(SELECT json_group_array(json_object(${fields})) FROM event_evidence v WHERE v.event_id = ${eventIdSql})`;
  }

  /**
   * An event's evidence rows as columns of the event's own query (a LEFT JOIN, one row per record): the select
   * list, prefixed, and the rows taken back out of the joined result in seq order, as `Evidence.findAll` gives them.
   */
  const EVIDENCE_PREFIX = 'ev__';
  const evidenceColumns = (alias: string) => selectList(Evidence as never, alias, EVIDENCE_PREFIX);
  function evidenceFromJoin(rows: Record<string, unknown>[]): EvidenceAttrs[] {
    return joinedRows<EvidenceAttrs>(rows, EVIDENCE_PREFIX, 'id').sort((a, b) => a.seq - b.seq);
  }

  /** The rows of an `evidenceSql` column in seq order; payload and attachments stay as stored (text or JSON), as `Evidence.findAll` gives them. */
  function evidenceFromJson(value: unknown): EvidenceAttrs[] {
    if (value === null || value === undefined) return [];
    const rows = (typeof value === 'string' ? JSON.parse(value) : value) as EvidenceAttrs[];
    return rows.sort((a, b) => a.seq - b.seq);
  }

  async function verifyEvent(event: EventAttrs, preloaded: { rows?: EvidenceAttrs[]; eventPhotos?: PhotoAttrs[]; checkFiles?: boolean } = {}) {
    const rows = preloaded.rows ?? await Evidence.findAll({ where: { eventId: event.id }, order: [['seq', 'ASC']], raw: true });
    const chain = storedChain(event.code, rows);
    const verdict = verifyChain(chain, stateDigest(event as never));
    if (!verdict.verified) return { ...verdict, chain };
    // Photos: the evidence must name every photo the event has, and (when asked) the files must still be the ones saved.
    const eventPhotos = preloaded.eventPhotos ?? await photos.forOwners('event', [event.id]);
    if (!eventPhotos.length) return { ...verdict, chain };
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

  return { appendEvidence, storeChains, evidenceSql, evidenceColumns, evidenceFromJoin, evidenceFromJson, verifyEvent };
}

export type EvidenceStore = ReturnType<typeof createEvidenceStore>;
