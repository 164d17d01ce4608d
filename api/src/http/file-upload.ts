// One large data file (CSV imports) in multipart/form-data, streamed to a temporary file rather than held
// in memory: a population base runs to hundreds of megabytes. The service deletes the file when done.
import os from 'node:os';
import type Koa from 'koa';
import multer from '@koa/multer';
import { DomainError, Invalid } from '../errors';

class TooLarge extends DomainError { readonly kind = 'payload-too-large'; }
class BadRequest extends DomainError { readonly kind = 'bad-request'; }
class UnsupportedMediaType extends DomainError { readonly kind = 'unsupported-media-type'; }

export interface StoredUpload { path: string; name: string; size: number }

export function fileUpload(options: { field: string; maxBytes: number; dir?: string }) {
  const upload = multer({
    storage: multer.diskStorage({ destination: options.dir ?? os.tmpdir() }),
    limits: { fileSize: options.maxBytes, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
  }).single(options.field);

  return async function fileUploadMiddleware(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    if (!ctx.is('multipart/form-data')) throw new UnsupportedMediaType('请以 multipart/form-data 上传文件');
    try {
      await upload(ctx as never, async () => {});
    } catch (err) {
      const e = err as { name?: string; code?: string };
      if (e.name === 'MulterError') {
        if (e.code === 'LIMIT_FILE_SIZE') throw new TooLarge(`文件不能超过 ${Math.round(options.maxBytes / 1024 / 1024)} MB`);
        throw new Invalid(`只能上传一个文件（字段 ${options.field}）`, [{ field: options.field, message: '只能上传一个文件' }]);
      }
      throw new BadRequest('表单数据不完整或格式有误，请重新提交');
    }
    const file = (ctx as unknown as { file?: { path: string; originalname: string; size: number } }).file;
    if (!file) throw new Invalid('请选择要上传的文件', [{ field: options.field, message: '必填' }]);
    ctx.state.upload = { path: file.path, name: Buffer.from(file.originalname, 'latin1').toString('utf8'), size: file.size } satisfies StoredUpload;
    ctx.request.body = { ...((ctx.request as unknown as { body?: object }).body ?? {}) };
    await next();
  };
}
