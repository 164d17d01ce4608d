// Photo use cases: check and shrink uploads before anything is stored, save them for an owner inside the
// owner's transaction, hand out signed URLs, serve /media with authorisation, and re-check stored files.
import crypto from 'node:crypto';
import type { Transaction } from 'sequelize';
import { Op } from 'sequelize';
import { bulkInsert, storedTime } from '../../db/bulk-insert';
import { joinedRows, plainSelect, selectList } from '../../db/plain-select';
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import { Forbidden, NotFound, Unauthenticated } from '../../errors';
import type { PhotoAttrs, PhotoKind, PhotoModel, PhotoOwnerKind } from './model';
import { DEFAULT_PHOTO_LIMITS, processPhoto, sha256, type PhotoLimits, type ProcessedPhoto } from './processor';
import { signedMediaUrl, verifyMediaSignature } from './signing';
import type { PhotoStorage } from './storage';

// The prefix of photo columns joined into an owner's query (ownerColumns).
const PHOTO_PREFIX = 'ph__';

export interface PhotoServiceDeps {
  Photo: PhotoModel;
  storage: PhotoStorage;
  clock: Clock;
  secret: Buffer;
  limits?: PhotoLimits;
  /** Whether an actor may see an owner's photos; the owner's domain decides. */
  canView: (actor: Actor, ownerKind: PhotoOwnerKind, ownerId: number) => Promise<boolean>;
}

/** An uploaded file, with the SHA-256 of its bytes when the upload middleware has already taken it. */
export interface PhotoUpload { buffer: Buffer; sha256?: string }

/** Photo files being written for rows not yet inserted (`store`, then `insert` in a transaction, or `discard`). */
export interface StoredPhotos {
  files: Omit<PhotoAttrs, 'id' | 'ownerKind' | 'ownerId' | 'kind' | 'visibility'>[];
  /** Settles when every file is written; rejects with the first failure. */
  written: Promise<void>;
  discard(): Promise<void>;
}

export interface PhotoView { id: number; kind: PhotoKind; url: string; thumbnailUrl: string; width: number; height: number }

export function createPhotoService(deps: PhotoServiceDeps) {
  const { Photo, storage, clock } = deps;
  const limits = deps.limits ?? DEFAULT_PHOTO_LIMITS;
  const photoColumns = selectList(Photo as never, 'p');

  /**
   * Starts writing the files of processed photos and returns at once, so that the writing runs beside the
   * first statements of the transaction that will `insert` their rows; on SQLite no other writer then waits
   * on the file system while the write lock is held. `discard` removes the files (after every write has
   * settled, so it cannot race one) when the transaction does not commit. A transaction retried after a
   * deadlock inserts the rows of the same files again.
   */
  function store(prepared: ProcessedPhoto[], ownerKind: PhotoOwnerKind): StoredPhotos {
    const now = clock.now();
    const folder = `${ownerKind}s/${now.toISOString().slice(0, 7).replace('-', '/')}`;
    const files = prepared.map((p) => {
      const name = crypto.randomUUID();
      return {
        displayKey: `${folder}/${name}-display.jpg`, thumbKey: `${folder}/${name}-thumb.jpg`, originalSha256: p.originalSha256,
        displaySha256: p.displaySha256, thumbSha256: p.thumbSha256, dhash: p.dhash, width: p.width, height: p.height, bytes: p.display.length, createdAt: now,
      };
    });
    const keys = files.flatMap((f) => [f.displayKey, f.thumbKey]);
    // Side by side; settled, never rejected, so a failure waits for `insert` (or `discard`) to be handled.
    const settled = Promise.allSettled(files.flatMap((f, i) => [storage.put(f.displayKey, prepared[i].display), storage.put(f.thumbKey, prepared[i].thumb)]));
    const written = settled.then((results) => {
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    });
    written.catch(() => undefined); // handled by whoever awaits it; never an unhandled rejection if nobody does
    return { files, written, discard: async () => { await settled; await Promise.all(keys.map((k) => storage.delete(k))); } };
  }

  /** The rows of stored photos, in the caller's transaction (one INSERT for all), once their files are written. */
  async function insert(stored: StoredPhotos, owner: { kind: PhotoOwnerKind; id: number }, kind: PhotoKind, transaction: Transaction, options: { visibility?: PhotoAttrs['visibility'] } = {}): Promise<PhotoAttrs[]> {
    if (!stored.files.length) return [];
    await stored.written;
    const attrs: Omit<PhotoAttrs, 'id'>[] = stored.files.map((f) => ({ ...f, ownerKind: owner.kind, ownerId: owner.id, kind, visibility: options.visibility ?? 'pass' }));
    const ids = await bulkInsert(Photo as never, attrs, transaction);
    return attrs.map((a, i) => ({ ...a, id: ids[i] }));
  }

  return {
    /** Decodes and shrinks every upload; throws on the first bad one, before anything is stored. */
    async prepare(files: (Buffer | PhotoUpload)[]): Promise<ProcessedPhoto[]> {
      const prepared: ProcessedPhoto[] = [];
      // One at a time: sharp already uses the cores it is given, and parallel decodes of 12 MP photos multiply memory.
      for (let i = 0; i < files.length; i++) {
        const file = files[i];
        const upload = Buffer.isBuffer(file) ? { buffer: file } : file;
        prepared.push(await processPhoto(upload.buffer, limits, files.length > 1 ? `第 ${i + 1} 张照片` : '照片', upload.sha256));
      }
      return prepared;
    },

    store,
    insert,

    /**
     * A correlated SQLite subquery that gives an owner's photos as one JSON array (json_group_array), so that the
     * owner's domain can read its row and its photos in one statement (the event detail). `ownerIdSql` is the
     * owner's id column in the outer query. Read the result with `fromJsonColumn`. On MariaDB the detail reads
     * the rows plainly (`ofOwner`).
     */
    ownerPhotosSql(ownerKind: PhotoOwnerKind, ownerIdSql: string): string {
      const fields = `'id', p.id, 'ownerKind', p.owner_kind, 'ownerId', p.owner_id, 'kind', p.kind, 'displayKey', p.display_key, 'thumbKey', p.thumb_key, `
        + `'originalSha256', p.original_sha256, 'displaySha256', p.display_sha256, 'thumbSha256', p.thumb_sha256, 'dhash', p.dhash, `
        + `'width', p.width, 'height', p.height, 'bytes', p.bytes, 'createdAt', p.created_at`;
      return `(SELECT json_group_array(json_object(${fields})) FROM photos p WHERE p.owner_kind = ${Photo.sequelize!.escape(ownerKind)} AND p.owner_id = ${ownerIdSql})`;
    },

    /** The photos of an `ownerPhotosSql` column, in id order as `forOwners` gives them. */
    fromJsonColumn(value: unknown): PhotoAttrs[] {
      if (value === null || value === undefined) return [];
      const rows = (typeof value === 'string' ? JSON.parse(value) : value) as PhotoAttrs[];
      return rows.sort((a, b) => a.id - b.id);
    },

    /**
     * An owner's photo rows as columns of the owner's own query, for a plain statement that reads the owner's
     * row and its photos at once (the event detail on MariaDB): the select list, prefixed; the join condition
     * (`LEFT JOIN photos alias ON ownerJoin(...)`, answered by the (owner_kind, owner_id) index); and the
     * photos taken back out of the joined rows, each once, in id order as `forOwners` gives them.
     */
    ownerColumns(alias: string): string {
      return selectList(Photo as never, alias, PHOTO_PREFIX);
    },
    ownerJoin(alias: string, ownerKind: PhotoOwnerKind, ownerIdSql: string): string {
      return `${alias}.owner_kind = ${Photo.sequelize!.escape(ownerKind)} AND ${alias}.owner_id = ${ownerIdSql}`;
    },
    fromJoin(rows: Record<string, unknown>[]): PhotoAttrs[] {
      return joinedRows<PhotoAttrs>(rows, PHOTO_PREFIX, 'id').sort((a, b) => a.id - b.id);
    },

    async forOwners(ownerKind: PhotoOwnerKind, ownerIds: number[]): Promise<PhotoAttrs[]> {
      if (!ownerIds.length) return [];
      // A plain read, as raw Photo.findAll gives it: lists and every report's duplicates ask it.
      return plainSelect<PhotoAttrs>(Photo.sequelize!, `SELECT ${photoColumns} FROM photos p WHERE p.owner_kind = ? AND p.owner_id IN (${ownerIds.map(() => '?').join(', ')}) ORDER BY p.id ASC`,
        [ownerKind, ...ownerIds]);
    },

    /** The owners and difference hashes of report photos created since a time, newest first, for near-duplicate checks (only what the check needs: it reads thousands). */
    async recent(ownerKind: PhotoOwnerKind, since: Date, limit = 5000): Promise<Pick<PhotoAttrs, 'ownerId' | 'dhash'>[]> {
      // A plain read: up to thousands of short rows on every report, where the model layer's work per row adds up.
      return plainSelect(Photo.sequelize!, "SELECT owner_id AS ownerId, dhash FROM photos WHERE owner_kind = ? AND kind = 'report' AND created_at >= ? ORDER BY id DESC LIMIT ?",
        [ownerKind, storedTime(since, Photo.sequelize!.getDialect() === 'sqlite'), limit]);
    },

    view(row: PhotoAttrs): PhotoView {
      const now = clock.now();
      return { id: row.id, kind: row.kind, url: signedMediaUrl(row.displayKey, deps.secret, now), thumbnailUrl: signedMediaUrl(row.thumbKey, deps.secret, now), width: row.width, height: row.height };
    },

    thumbnailUrl(row: PhotoAttrs): string {
      return signedMediaUrl(row.thumbKey, deps.secret, clock.now());
    },

    /** GET /media/{key}: a valid signature, or a bearer token of someone allowed to see the owner. */
    async serve(key: string, query: { exp?: string; sig?: string }, actor: Actor): Promise<Buffer> {
      const signed = verifyMediaSignature(key, query.exp, query.sig, deps.secret, clock.now());
      const row = await Photo.findOne({ where: { [Op.or]: [{ displayKey: key }, { thumbKey: key }] }, raw: true });
      if (!row) throw new NotFound('没有这张照片');
      if (signed !== 'valid') {
        if (actor.kind === 'anonymous') throw new Unauthenticated(signed === 'expired' ? '照片链接已过期，请刷新页面' : '查看照片需要登录或有效的链接');
        if (!(await deps.canView(actor, row.ownerKind, row.ownerId))) throw new Forbidden('您不能查看这张照片');
      }
      const data = await storage.get(key);
      if (!data) throw new NotFound('照片文件不存在');
      return data;
    },

    /** Re-reads stored files and compares them with the digests recorded when they were saved. */
    async verifyFiles(rows: PhotoAttrs[]): Promise<{ photoId: number; key: string }[]> {
      const broken: { photoId: number; key: string }[] = [];
      for (const row of rows) {
        for (const [key, digest] of [[row.displayKey, row.displaySha256], [row.thumbKey, row.thumbSha256]] as const) {
          const data = await storage.get(key);
          if (!data || sha256(data) !== digest) broken.push({ photoId: row.id, key });
        }
      }
      return broken;
    },
  };
}

export type PhotoService = ReturnType<typeof createPhotoService>;
