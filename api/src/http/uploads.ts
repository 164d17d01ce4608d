// multipart/form-data uploads (@koa/multer, in memory): limits turned into clear problems, and the files'
// digests recorded for the idempotency fingerprint (a retry with a new boundary is the same request).
import crypto from 'node:crypto';
import type Koa from 'koa';
import multer from '@koa/multer';
import { DomainError, Invalid } from '../errors';

class TooLarge extends DomainError { readonly kind = 'payload-too-large'; }
class BadRequest extends DomainError { readonly kind = 'bad-request'; }
class UnsupportedMediaType extends DomainError { readonly kind = 'unsupported-media-type'; }

export interface UploadOptions { field: string; maxFiles: number; maxFileBytes: number; required?: boolean }
export interface UploadedFile { field: string; name: string; buffer: Buffer; sha256: string }

export function uploads(options: UploadOptions) {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: options.maxFileBytes, files: options.maxFiles, fields: 20, fieldSize: 8 * 1024, parts: options.maxFiles + 20 },
  }).array(options.field, options.maxFiles);

  return async function uploadsMiddleware(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    if (!ctx.is('multipart/form-data')) throw new UnsupportedMediaType('请以 multipart/form-data 提交（照片与表单字段）');
    try {
      await upload(ctx as never, async () => {});
    } catch (err) {
      const e = err as { name?: string; code?: string; message?: string };
      if (e.name === 'MulterError') {
        if (e.code === 'LIMIT_FILE_SIZE') throw new TooLarge(`每张照片不能超过 ${Math.round(options.maxFileBytes / 1024 / 1024)} MB`);
        if (e.code === 'LIMIT_FILE_COUNT' || e.code === 'LIMIT_UNEXPECTED_FILE') throw new Invalid(`最多上传 ${options.maxFiles} 张照片`, [{ field: options.field, message: `最多 ${options.maxFiles} 张` }]);
        throw new Invalid(`表单内容超出限制：${e.code}`);
      }
      throw new BadRequest('表单数据不完整或格式有误，请重新提交');
    }
    const files = ((ctx as unknown as { files?: { fieldname: string; originalname: string; buffer: Buffer }[] }).files ?? []);
    // Each file is hashed once, here: the idempotency fingerprint and the photo's evidence digest both use it.
    const uploaded: UploadedFile[] = files.map((f) => ({ field: f.fieldname, name: f.originalname, buffer: f.buffer, sha256: crypto.createHash('sha256').update(f.buffer).digest('hex') }));
    ctx.state.files = uploaded;
    ctx.state.fileDigests = uploaded.map((f) => ({ field: f.field, sha256: f.sha256 }));
    ctx.request.body = { ...((ctx.request as unknown as { body?: object }).body ?? {}) };
    await next();
  };
}
