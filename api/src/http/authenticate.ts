// Reads the bearer token into ctx.state.actor. No token → anonymous; a bad or expired token → 401,
// so that a client knows to refresh instead of being silently treated as a stranger.
import type Koa from 'koa';
import { anonymous, type Actor } from '../actor';
import { Unauthenticated } from '../errors';

export function authenticate(options: { verify: (token: string) => Actor }) {
  return async function authenticate(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    const header = ctx.get('Authorization');
    if (!header) {
      ctx.state.actor = anonymous;
      return next();
    }
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (!match) throw new Unauthenticated('Authorization 头格式应为 "Bearer <令牌>"');
    ctx.state.actor = options.verify(match[1]);
    return next();
  };
}
