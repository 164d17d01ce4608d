// Request id and one structured log line per request.
import crypto from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from 'pino';

const VALID_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestContext(options: { logger: Logger }) {
  return async function requestContext(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = VALID_ID.test(incoming) ? incoming : crypto.randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.logger.info({ requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}
