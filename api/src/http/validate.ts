// Input validation with zod: a failed parse becomes Invalid with one field error per issue.
import type Koa from 'koa';
import type { z } from 'zod';
import { DomainError, Invalid } from '../errors';

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  // One problem: say it outright, since many clients show only the detail.
  throw new Invalid(errors.length === 1 ? errors[0].message : `有 ${errors.length} 项输入不符合要求`, errors);
}

class UnsupportedMediaType extends DomainError { readonly kind = 'unsupported-media-type'; }

/** The JSON body of a request; a body sent as anything but JSON is 415 rather than an empty object. */
export function jsonBody<T extends z.ZodType>(ctx: Koa.Context, schema: T): z.infer<T> {
  if (ctx.request.length && !ctx.is('application/json')) throw new UnsupportedMediaType('请以 application/json 提交');
  return parse(schema, ctx.request.body ?? {});
}

export function query<T extends z.ZodType>(ctx: Koa.Context, schema: T): z.infer<T> {
  return parse(schema, ctx.query);
}
