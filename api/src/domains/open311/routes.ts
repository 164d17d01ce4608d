// /open311/v2: GeoReport v2 endpoints in JSON and XML, with the specification's error lists.
import Router from '@koa/router';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DomainError } from '../../errors';
import type { ApiRouter } from '../../http/route';
import { render, renderErrors, renderOne, type Format } from './format';
import type { Open311Service } from './service';

const STATUS_BY_KIND: Record<string, number> = { forbidden: 403, unauthenticated: 403, 'not-found': 404 };

function formatOf(ctx: Koa.Context): Format {
  return /\.xml$/i.test(ctx.path) ? 'xml' : 'json';
}

/** Absolute URLs for clients: the configured public address, else the address the request came to. */
export const originOf = (ctx: Koa.Context, publicBaseUrl?: string) => (publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`).replace(/\/+$/, '');

function send(ctx: Koa.Context, out: { type: string; body: string }, status = 200): void {
  ctx.status = status;
  ctx.type = out.type;
  ctx.body = out.body;
}

/** GeoReport v2 wants `[{code, description}]` with the HTTP status, not problem+json. */
function open311Errors(logger: Logger) {
  return async function open311Errors(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) send(ctx, renderErrors(formatOf(ctx), [{ code: 404, description: `no such endpoint: ${ctx.path}` }]), 404);
    } catch (err) {
      let status = 500;
      let description = 'internal error';
      if (err instanceof DomainError) {
        status = STATUS_BY_KIND[err.kind] ?? 400;
        description = err.fieldErrors.length ? `${err.message}: ${err.fieldErrors.map((f) => `${f.field} ${f.message}`).join('; ')}` : err.message;
      } else if (typeof (err as { status?: number }).status === 'number' && (err as { status: number }).status < 500) {
        status = 400;
        description = 'malformed request';
      } else {
        logger.error({ err }, 'open311 error');
      }
      send(ctx, renderErrors(formatOf(ctx), [{ code: status, description }]), status);
    }
  };
}

const date = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const RequestsQuery = z.object({
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(32).optional(),
  start_date: date.optional(),
  end_date: date.optional(),
  status: z.enum(['open', 'closed']).optional(),
});
const PostRequest = z.object({
  api_key: z.string().max(200).optional(),
  service_code: z.string().min(1).max(32),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().max(200).optional(),
  description: z.string().max(500).optional(),
  media_url: z.string().max(500).optional(),
  email: z.string().max(200).optional(),
  phone: z.string().max(40).optional(),
  first_name: z.string().max(64).optional(),
  last_name: z.string().max(64).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  attribute: z.unknown().optional(),
});

function parseOr400<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new (class extends DomainError { readonly kind = 'validation'; })(`${issue.path.join('.') || 'request'}: ${issue.message}`);
}

export function open311Router(service: Open311Service, options: { logger: Logger; changeset: string; publicBaseUrl?: string }): Router {
  const router = new Router({ prefix: '/open311/v2' });
  router.use(open311Errors(options.logger));
  const fmt = (ctx: Koa.Context): Format => {
    const f = String(ctx.params.format ?? '').toLowerCase();
    if (f !== 'json' && f !== 'xml') throw new (class extends DomainError { readonly kind = 'not-found'; })(`format ${f} is not offered: use .json or .xml`);
    return f;
  };

  router.get('/discovery.:format', (ctx) => {
    const format = fmt(ctx);
    const base = `${originOf(ctx, options.publicBaseUrl)}/open311/v2/`;
    const discovery = {
      changeset: options.changeset, contact: '请联系本市 12345 热线或系统管理员', key_service: '向系统管理员申请 API 密钥（管理后台 → Open311 密钥）',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset: options.changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
    };
    if (format === 'json') return send(ctx, renderOne('json', 'discovery', discovery));
    send(ctx, renderOne('xml', 'discovery', { ...discovery, endpoints: discovery.endpoints.map((e) => ({ ...e, formats: e.formats.map((f) => ({ format: f })) })) }));
  });
  router.get('/services.:format', async (ctx) => send(ctx, render(fmt(ctx), 'services', 'service', await service.services())));
  router.get('/services/:code.:format', async (ctx) => {
    const def = await service.serviceDefinition(ctx.params.code);
    send(ctx, renderOne(fmt(ctx), 'service_definition', def));
  });
  router.get('/requests.:format', async (ctx) => {
    const format = fmt(ctx);
    const q = parseOr400(RequestsQuery, ctx.query);
    const rows = await service.requests({ ids: q.service_request_id?.split(',').map((s) => s.trim()).filter(Boolean), serviceCode: q.service_code, start: q.start_date, end: q.end_date, status: q.status }, originOf(ctx, options.publicBaseUrl));
    send(ctx, render(format, 'service_requests', 'request', rows));
  });
  router.post('/requests.:format', async (ctx) => {
    const format = fmt(ctx);
    const body = parseOr400(PostRequest, { ...(ctx.request.body as object), ...(ctx.query.api_key ? { api_key: ctx.query.api_key } : {}) });
    const rows = await service.post(body.api_key, body);
    send(ctx, render(format, 'service_requests', 'request', rows), 201);
  });
  router.get('/requests/:id.:format', async (ctx) => send(ctx, render(fmt(ctx), 'service_requests', 'request', await service.request(ctx.params.id, originOf(ctx, options.publicBaseUrl)))));
  router.get('/tokens/:token.:format', async (ctx) => send(ctx, render(fmt(ctx), 'service_requests', 'request', await service.token(ctx.params.token))));
  return router;
}

/** Admin endpoints for the keys, in the main API. */
export function open311KeyRoutes(api: ApiRouter, service: Open311Service, deps: { idempotent: Koa.Middleware }): void {
  const tags = ['open311'];
  const Key = z.object({ id: z.number().int(), name: z.string(), createdAt: z.date(), revokedAt: z.date().nullable() });
  api
    .route({ method: 'get', path: '/open311-keys', summary: 'Open311 API keys (admin)', tags, auth: 'bearer', response: z.object({ items: z.array(Key) }), errors: { 403: '没有权限' } },
      async ({ actor }) => service.listKeys(actor))
    .route({ method: 'post', path: '/open311-keys', summary: 'Issue an Open311 API key (admin); the key is shown once', tags, auth: 'bearer', body: z.object({ name: z.string().trim().min(2).max(64) }).strict(), status: 201, idempotent: true, before: [deps.idempotent],
      response: z.object({ id: z.number().int(), name: z.string(), key: z.string() }), errors: { 403: '没有权限' } },
      async ({ actor, body }) => service.createKey(actor, body.name))
    .route({ method: 'post', path: '/open311-keys/:id/revoke', summary: 'Revoke an Open311 API key (admin)', tags, auth: 'bearer', params: z.object({ id: z.coerce.number().int().positive() }), status: 204, errors: { 403: '没有权限', 404: '没有这个密钥' } },
      async ({ actor, params }) => { await service.revokeKey(actor, params.id); });
}
