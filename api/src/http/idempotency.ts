// Idempotency-Key for POSTs that create things. A retry over a weak signal gets the first answer back.
// The fingerprint covers the parsed fields and the digests of uploaded files, never the raw bytes, so a
// phone's retry of a multipart upload with a new boundary is still the same request.
import crypto from 'node:crypto';
import type Koa from 'koa';
import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import type { Clock } from '../clock';
import { storedTime } from '../db/bulk-insert';
import { isUniqueViolation, plainRun } from '../db/plain-select';
import { Conflict, Invalid, Unprocessable } from '../errors';
import { actorKey } from '../actor';
import { canonicalJson } from '../canonical-json';

export interface IdempotencyAttrs {
  id: number; scope: string; idempotencyKey: string; fingerprint: string; state: 'pending' | 'done';
  responseStatus: number | null; responseBody: unknown; expiresAt: Date; createdAt: Date; updatedAt: Date;
}
export type IdempotencyModel = ModelStatic<Model<IdempotencyAttrs, Optional<IdempotencyAttrs, 'id' | 'createdAt' | 'updatedAt' | 'responseStatus' | 'responseBody'>> & IdempotencyAttrs>;

export function defineIdempotencyModel(sequelize: Sequelize): IdempotencyModel {
  return sequelize.define('IdempotencyKey', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    scope: { type: DataTypes.STRING(64), allowNull: false },
    idempotencyKey: { type: DataTypes.STRING(128), allowNull: false },
    fingerprint: { type: DataTypes.CHAR(64), allowNull: false },
    state: { type: DataTypes.STRING(16), allowNull: false },
    responseStatus: { type: DataTypes.INTEGER, allowNull: true },
    responseBody: { type: DataTypes.JSON, allowNull: true },
    expiresAt: { type: DataTypes.DATE(3), allowNull: false },
    createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3),
  }, { underscored: true, tableName: 'idempotency_keys' }) as IdempotencyModel;
}

const KEY_FORMAT = /^[\x21-\x7e]{1,128}$/;

export interface UploadedFileDigest { field: string; sha256: string }

export function requestFingerprint(method: string, path: string, fields: unknown, files: UploadedFileDigest[] = []): string {
  const fileList = files.map((f) => `${f.field}:${f.sha256}`).sort();
  return crypto.createHash('sha256').update(canonicalJson({ method, path, fields, files: fileList })).digest('hex');
}

export interface IdempotencyOptions { model: IdempotencyModel; clock: Clock; ttlHours?: number }

/**
 * Route-level middleware, placed after body parsing. Files, when a route accepts them, are expected in
 * ctx.state.fileDigests (set by the upload middleware) so the fingerprint can include them.
 */
export function idempotent(options: IdempotencyOptions) {
  const ttlMs = (options.ttlHours ?? 24) * 3600_000;
  return async function idempotent(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    const key = ctx.get('Idempotency-Key');
    if (!key) return next();
    if (!KEY_FORMAT.test(key)) throw new Invalid('Idempotency-Key 须为 1–128 个可见字符', [{ field: 'Idempotency-Key', message: '格式不正确' }]);
    const scope = actorKey(ctx.state.actor);
    const fingerprint = requestFingerprint(ctx.method, ctx.path, ctx.request.body ?? {}, ctx.state.fileDigests ?? []);
    const now = options.clock.now();
    const { model } = options;

    // Plain statements: every POST that carries a key (all of the mini-program's) makes these three writes.
    const sequelize = model.sequelize!;
    const at = (d: Date) => storedTime(d, sequelize.getDialect() === 'sqlite');
    const insert = async () => (await plainRun(sequelize, 'INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [scope, key, fingerprint, 'pending', at(new Date(now.getTime() + ttlMs)), at(now), at(now)])).insertId;
    let rowId: number;
    try {
      try {
        rowId = await insert();
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // Expired keys are gone for good: a stale row must not block a new request under a reused key. Looked
        // for only when the key is taken, so a new key costs one statement.
        const expired = await plainRun(sequelize, 'DELETE FROM idempotency_keys WHERE scope = ? AND idempotency_key = ? AND expires_at < ?', [scope, key, at(now)]);
        if (!expired.changes) throw err;
        rowId = await insert();
      }
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const existing = await model.findOne({ where: { scope, idempotencyKey: key }, raw: true });
      if (!existing) throw new Conflict('同一幂等键的请求正在处理，请稍后重试');
      if (existing.fingerprint !== fingerprint) throw new Unprocessable('该 Idempotency-Key 已用于另一个不同的请求', 'idempotency-key-reused');
      if (existing.state !== 'done') throw new Conflict('同一幂等键的请求正在处理，请稍后重试');
      ctx.status = existing.responseStatus ?? 200;
      ctx.body = typeof existing.responseBody === 'string' ? JSON.parse(existing.responseBody) : existing.responseBody;
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }
    const forget = () => plainRun(sequelize, 'DELETE FROM idempotency_keys WHERE id = ?', [rowId]);
    try {
      await next();
    } catch (err) {
      // A failed attempt leaves no trace, so the client may retry the same key once the cause is fixed.
      await forget();
      throw err;
    }
    if (ctx.status >= 200 && ctx.status < 300) {
      await plainRun(sequelize, 'UPDATE idempotency_keys SET state = ?, response_status = ?, response_body = ?, updated_at = ? WHERE id = ?',
        ['done', ctx.status, JSON.stringify(ctx.body ?? null), at(options.clock.now()), rowId]);
    } else {
      await forget();
    }
  };
}
