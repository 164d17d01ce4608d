// GET /media/{key}: photo files, for a signed URL or a signed-in caller allowed to see them.
import type Koa from 'koa';
import type { PhotoService } from './service';

export function mediaRoutes(service: PhotoService) {
  return async function media(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    if (!ctx.path.startsWith('/media/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const key = decodeURIComponent(ctx.path.slice('/media/'.length));
    const data = await service.serve(key, { exp: ctx.query.exp as string | undefined, sig: ctx.query.sig as string | undefined }, ctx.state.actor);
    ctx.type = 'image/jpeg';
    // Private: the URL is a capability for one person; shared caches must not keep it.
    ctx.set('Cache-Control', 'private, max-age=300');
    ctx.body = data;
  };
}
