// The one error path: every error that leaves the API is RFC 9457 problem+json with a stable `type`.
// Domain errors map by kind; errors from Koa's own stack (body parser, http-errors) map by status.
import type Koa from 'koa';
import type { Logger } from 'pino';
import { DomainError, type FieldError } from '../errors';

export const PROBLEM_BASE = 'https://weave.city/problems/';

interface ProblemShape { slug: string; status: number; title: string }
const BY_KIND: Record<string, ProblemShape> = {
  'bad-request': { slug: 'bad-request', status: 400, title: '请求格式有误' },
  unauthenticated: { slug: 'unauthenticated', status: 401, title: '需要登录' },
  forbidden: { slug: 'forbidden', status: 403, title: '没有权限' },
  'not-found': { slug: 'not-found', status: 404, title: '未找到' },
  conflict: { slug: 'conflict', status: 409, title: '与当前状态冲突' },
  'payload-too-large': { slug: 'payload-too-large', status: 413, title: '请求内容过大' },
  'unsupported-media-type': { slug: 'unsupported-media-type', status: 415, title: '不支持的内容类型' },
  validation: { slug: 'validation', status: 422, title: '请求参数有误' },
  unprocessable: { slug: 'unprocessable', status: 422, title: '无法处理该请求' },
  // A position the city cannot place: clients branch on these to offer typing the address or choosing the island.
  'outside-grids': { slug: 'outside-grids', status: 422, title: '位置不在服务范围内' },
  'outside-islands': { slug: 'outside-islands', status: 422, title: '位置不在海岛服务范围内' },
  'content-risky': { slug: 'content-risky', status: 422, title: '内容含有违规信息' },
  'idempotency-key-reused': { slug: 'idempotency-key-reused', status: 422, title: '幂等键已用于另一请求' },
  'rate-limited': { slug: 'rate-limited', status: 429, title: '请求过于频繁' },
  'upstream-unavailable': { slug: 'upstream-unavailable', status: 503, title: '外部服务暂不可用' },
  unavailable: { slug: 'unavailable', status: 503, title: '服务暂不可用' },
  internal: { slug: 'internal', status: 500, title: '服务器内部错误' },
};
const KIND_BY_STATUS: Record<number, string> = {
  400: 'bad-request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 405: 'not-found', 409: 'conflict',
  413: 'payload-too-large', 415: 'unsupported-media-type', 422: 'validation', 429: 'rate-limited',
};

export interface Problem {
  type: string; title: string; status: number; detail?: string; instance?: string; requestId?: string; errors?: FieldError[];
}

export function problemFor(kind: string, detail?: string, errors?: FieldError[]): Problem {
  const shape = BY_KIND[kind] ?? BY_KIND.unprocessable;
  return { type: PROBLEM_BASE + shape.slug, title: shape.title, status: shape.status, detail, ...(errors?.length ? { errors } : {}) };
}

/** Writes a problem to the response; used by the error middleware and by handlers that answer errors directly. */
export function sendProblem(ctx: Koa.Context, problem: Problem): void {
  ctx.status = problem.status;
  ctx.type = 'application/problem+json';
  ctx.body = { ...problem, instance: ctx.path, requestId: ctx.state.requestId };
}

function toProblem(err: unknown): { problem: Problem; unexpected: boolean } {
  if (err instanceof DomainError) return { problem: problemFor(err.kind, err.message, err.fieldErrors), unexpected: false };
  const e = err as { status?: number; statusCode?: number; expose?: boolean; type?: string; message?: string };
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const kind = KIND_BY_STATUS[status] ?? 'bad-request';
    let detail: string | undefined;
    if (status === 413) detail = '请求内容超过允许的大小';
    else if (status === 400 && (e.type === 'entity.parse.failed' || /JSON|Unexpected token/i.test(e.message ?? ''))) detail = '请求体不是合法的 JSON';
    else if (status === 415) detail = '请以 application/json 提交';
    else if (e.expose) detail = e.message;
    return { problem: problemFor(kind, detail), unexpected: false };
  }
  return { problem: problemFor('internal', '请稍后重试；如果问题持续，请联系管理员并提供请求编号'), unexpected: true };
}

export function problemErrors(options: { logger: Logger }) {
  return async function problemErrors(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    try {
      await next();
    } catch (err) {
      const { problem, unexpected } = toProblem(err);
      if (unexpected) options.logger.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'unexpected error');
      sendProblem(ctx, problem);
      if (problem.status === 401) ctx.set('WWW-Authenticate', 'Bearer realm="weave"');
    }
  };
}

/** Final handler: an /api route nobody answered is a 404 problem, not Koa's plain-text "Not Found". */
export function notFound() {
  return async function notFound(ctx: Koa.Context): Promise<void> {
    sendProblem(ctx, problemFor('not-found', `没有这个接口：${ctx.method} ${ctx.path}`));
  };
}
