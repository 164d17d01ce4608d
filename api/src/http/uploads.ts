// multipart/form-data photo uploads, held in memory: the body is read with a size limit, parsed (multipart.ts),
// checked against the limits with clear problems, and each file's digest recorded for the idempotency
// fingerprint (a retry with a new boundary is the same request).
import type { IncomingMessage } from 'node:http';
import type Koa from 'koa';
import { DomainError, Invalid } from '../errors';
import { boundaryOf, MalformedMultipart, MultipartScanner, TooManyParts } from './multipart';

class TooLarge extends DomainError { readonly kind = 'payload-too-large'; }
class BadRequest extends DomainError { readonly kind = 'bad-request'; }
class UnsupportedMediaType extends DomainError { readonly kind = 'unsupported-media-type'; }

export interface UploadOptions { field: string; maxFiles: number; maxFileBytes: number; required?: boolean }
export interface UploadedFile { field: string; name: string; buffer: Buffer; sha256: string }

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 8 * 1024;
const MAX_FIELD_NAME_BYTES = 100;

/**
 * The whole body, or a TooLarge as soon as it passes `limit` bytes (by its Content-Length, before reading
 * anything, or while reading). What is left unread is discarded by Node once the answer is sent.
 *
 * The chunks go into one buffer as they arrive, of the announced Content-Length (phones and browsers announce
 * it for a form; up to 16 MB), grown by doubling beyond; `onBytes` sees the bytes so far after each chunk, so a parser
 * can work while the rest is still on its way.
 */
export function readBody(req: IncomingMessage, limit: number, tooLarge: () => Error, onBytes?: (body: Buffer, filled: number) => void): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    // At most 16 MB up front: a client that announces the limit and sends nothing holds no more than that.
    let body = Buffer.allocUnsafe(Number.isSafeInteger(declared) && declared >= 0 ? Math.min(declared, 16 * 1024 * 1024) : 64 * 1024);
    let filled = 0;
    let settled = false;
    const done = (error: unknown) => {
      if (settled) return;
      settled = true;
      // The error listener stays (a no-op now): a late 'error' without one would be thrown.
      req.off('data', onData); req.off('end', onEnd); req.off('aborted', onAborted);
      if (error) reject(error); else resolve(filled === body.length ? body : body.subarray(0, filled));
    };
    const onData = (chunk: Buffer) => {
      if (filled + chunk.length > limit) return done(tooLarge());
      if (filled + chunk.length > body.length) {
        const grown = Buffer.allocUnsafe(Math.min(limit, Math.max(body.length * 2, filled + chunk.length)));
        body.copy(grown, 0, 0, filled);
        body = grown;
      }
      chunk.copy(body, filled);
      filled += chunk.length;
      if (onBytes) {
        try { onBytes(body, filled); } catch (err) { done(err); }
      }
    };
    const onEnd = () => done(null);
    const onAborted = () => done(new BadRequest('上传中断，请重新提交'));
    req.on('data', onData); req.on('end', onEnd); req.on('aborted', onAborted);
    req.on('error', (err) => done(err));
  });
}

export function uploads(options: UploadOptions) {
  const mb = Math.round(options.maxFileBytes / 1024 / 1024);
  // Every file at its limit, and the text fields: a body beyond that cannot be a valid upload.
  const maxBody = options.maxFiles * options.maxFileBytes + MAX_FIELDS * MAX_FIELD_BYTES + 64 * 1024;
  const tooManyFiles = () => new Invalid(`最多上传 ${options.maxFiles} 张照片`, [{ field: options.field, message: `最多 ${options.maxFiles} 张` }]);

  return async function uploadsMiddleware(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    if (!ctx.is('multipart/form-data')) throw new UnsupportedMediaType('请以 multipart/form-data 提交（照片与表单字段）');
    const boundary = boundaryOf(ctx.get('content-type'));
    if (!boundary) throw new BadRequest('表单数据缺少分隔符（boundary），请重新提交');
    // Each file is hashed once, as it arrives: the idempotency fingerprint and the photo's evidence digest both use it.
    const scanner = new MultipartScanner(boundary, { parts: options.maxFiles + MAX_FIELDS, headerBytes: 16 * 1024 }, { digestFiles: true });
    const body = await readBody(ctx.req, maxBody, () => new TooLarge(`上传内容过大：最多 ${options.maxFiles} 张照片，每张不能超过 ${mb} MB`), (bytes, filled) => scanner.scan(bytes, filled));
    let parts;
    try {
      parts = scanner.finish(body);
    } catch (err) {
      if (err instanceof TooManyParts) throw tooManyFiles();
      if (err instanceof MalformedMultipart) throw new BadRequest('表单数据不完整或格式有误，请重新提交');
      throw err;
    }
    const fields = new Map<string, string | string[]>();
    const uploaded: UploadedFile[] = [];
    let fieldCount = 0;
    for (const part of parts) {
      if (part.filename !== null) {
        if (part.name !== options.field) throw new Invalid(`照片请放在表单字段 ${options.field} 中`, [{ field: part.name, message: '不接受文件' }]);
        if (uploaded.length === options.maxFiles) throw tooManyFiles();
        if (part.data.length > options.maxFileBytes) throw new TooLarge(`每张照片不能超过 ${mb} MB`);
        uploaded.push({ field: part.name, name: part.filename, buffer: part.data, sha256: part.sha256! });
        continue;
      }
      if (++fieldCount > MAX_FIELDS) throw new Invalid(`表单字段过多（最多 ${MAX_FIELDS} 个）`);
      if (Buffer.byteLength(part.name) > MAX_FIELD_NAME_BYTES) throw new Invalid('表单字段名过长');
      if (part.data.length > MAX_FIELD_BYTES) throw new Invalid(`表单字段 ${part.name} 过长（不能超过 8 KB）`, [{ field: part.name, message: '过长' }]);
      const value = part.data.toString('utf8');
      const before = fields.get(part.name);
      // A repeated field becomes a list, as browsers' FormData sends checkboxes.
      fields.set(part.name, before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value]);
    }
    ctx.state.files = uploaded;
    ctx.state.fileDigests = uploaded.map((f) => ({ field: f.field, sha256: f.sha256 }));
    // fromEntries defines own properties: a field named __proto__ stays a field.
    ctx.request.body = Object.fromEntries(fields);
    await next();
  };
}
