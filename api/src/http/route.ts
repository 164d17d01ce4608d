// One declaration per endpoint: the zod schemas that validate its input are the ones that describe it
// in the OpenAPI document, so the document cannot fall behind the code.
import Router from '@koa/router';
import type Koa from 'koa';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Actor } from '../actor';
import { jsonBody, parse } from './validate';
import { Unauthenticated } from '../errors';

type Schema = z.ZodType | undefined;
type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface RouteSpec<Q extends Schema, P extends Schema, B extends Schema> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tags: string[];
  /** Who may call it, for the document; the service still decides. */
  auth?: 'none' | 'bearer';
  query?: Q;
  params?: P;
  body?: B;
  /** multipart/form-data: the upload middleware (files into ctx.state.files); `body` then describes the text fields. */
  multipart?: { upload: Koa.Middleware; files: string };
  status?: number;
  response?: z.ZodType;
  /** Errors this endpoint answers besides validation, e.g. { 404: '不在任何网格内' }. */
  errors?: Record<number, string>;
  /** Middleware between input parsing and the handler (idempotency). */
  before?: Koa.Middleware[];
  /** Idempotency-Key accepted (documented as a header). */
  idempotent?: boolean;
}

export interface HandlerInput<Q, P, B> {
  query: Q; params: P; body: B; actor: Actor; ctx: Koa.Context; files: Buffer[];
  /** The same files with the SHA-256 the upload middleware took of them (when it did), so nobody hashes them twice. */
  uploads: { buffer: Buffer; sha256?: string }[];
}

/** A handler's answer already serialised as UTF-8 JSON (a hot read that writes it from cached pieces with JsonBytes). */
export class JsonText {
  constructor(readonly bytes: Buffer) {}
}

async function requireSignedIn(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  if (!ctx.state.actor || ctx.state.actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
  await next();
}

const ProblemSchema = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string().optional(),
  instance: z.string().optional(), requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).meta({ id: 'Problem' });

export class ApiRouter {
  readonly router: Router;
  constructor(private readonly registry: OpenAPIRegistry, private readonly prefix = '/api/v1') {
    this.router = new Router({ prefix });
  }

  route<Q extends Schema = undefined, P extends Schema = undefined, B extends Schema = undefined>(
    spec: RouteSpec<Q, P, B>,
    handler: (input: HandlerInput<Infer<Q>, Infer<P>, Infer<B>>) => Promise<unknown>,
  ): this {
    this.document(spec);
    const parseInput: Koa.Middleware = async (ctx, next) => {
      ctx.state.input = {
        query: spec.query ? parse(spec.query, ctx.query) : undefined,
        params: spec.params ? parse(spec.params, ctx.params) : undefined,
        body: spec.body ? (spec.multipart ? parse(spec.body, ctx.request.body ?? {}) : jsonBody(ctx, spec.body)) : undefined,
      };
      await next();
    };
    const handle: Koa.Middleware = async (ctx) => {
      const uploads = ((ctx.state.files ?? []) as { buffer: Buffer; sha256?: string }[]).map((f) => ({ buffer: f.buffer, sha256: f.sha256 }));
      const result = await handler({ ...ctx.state.input, actor: ctx.state.actor, ctx, files: uploads.map((f) => f.buffer), uploads });
      if (result === undefined) { ctx.status = 204; return; }
      ctx.status = spec.status ?? 200;
      if (result instanceof JsonText) {
        ctx.type = 'application/json; charset=utf-8';
        ctx.body = result.bytes;
      } else ctx.body = result;
    };
    // Authentication before anything is read: a stranger's 90 MB upload is refused unread. (Authorisation stays in services.)
    const signedIn: Koa.Middleware[] = spec.auth === 'bearer' ? [requireSignedIn] : [];
    this.router[spec.method](spec.path, ...signedIn, ...(spec.multipart ? [spec.multipart.upload] : []), parseInput, ...(spec.before ?? []), handle);
    return this;
  }

  private document(spec: RouteSpec<Schema, Schema, Schema>): void {
    const responses: Record<string, unknown> = {
      [spec.status ?? 200]: spec.response
        ? { description: 'OK', content: { 'application/json': { schema: spec.response } } }
        : { description: 'OK' },
    };
    const errors = { ...(spec.body || spec.query || spec.params || spec.multipart ? { 422: '输入不符合要求' } : {}), ...(spec.multipart ? { 413: '文件过大', 415: '不是可识别的图片' } : {}), ...(spec.auth === 'bearer' ? { 401: '未登录或令牌已过期' } : {}), ...spec.errors };
    for (const [status, description] of Object.entries(errors)) {
      responses[status] = { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
    }
    this.registry.registerPath({
      method: spec.method,
      path: (this.prefix + spec.path).replace(/:([A-Za-z]+)/g, '{$1}'),
      summary: spec.summary,
      tags: spec.tags,
      security: spec.auth === 'bearer' ? [{ bearer: [] }] : [],
      request: {
        query: spec.query as never,
        params: spec.params as never,
        headers: spec.idempotent ? z.object({ 'Idempotency-Key': z.string().max(128).optional() }) : undefined,
        body: spec.multipart
          ? { content: { 'multipart/form-data': { schema: (spec.body as unknown as z.ZodObject).extend({ [spec.multipart.files]: z.array(z.string().meta({ format: 'binary' })) }) } } }
          : spec.body ? { content: { 'application/json': { schema: spec.body } } } : undefined,
      },
      responses: responses as never,
    });
  }
}
