// Serves the built admin app at /admin/ and the H5 mini-program at /h5/ from the same port as the API.
// Hashed assets are cached for good; index.html never, so a deploy shows up on the next load.
import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';

export interface StaticApp { prefix: string; dir: string; title: string }

function indexHtml(app: StaticApp) {
  return async function indexHtml(ctx: Koa.Context): Promise<void> {
    const file = path.join(app.dir, 'index.html');
    if (!fs.existsSync(file)) {
      ctx.status = 503;
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${app.title}</title><p>${app.title}尚未构建：请运行 <code>npm run build</code>。</p></html>`;
      return;
    }
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = fs.createReadStream(file);
  };
}

export function staticApps(apps: StaticApp[]): Koa.Middleware[] {
  return apps.map((app) => {
    const assets = serve(app.dir, {
      index: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', /[.-][0-9a-f]{8,}\.(js|css|png|svg|woff2?)$/i.test(file) || /[-.][A-Za-z0-9_-]{8}\.(js|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const fallback = indexHtml(app);
    // Deep links (/admin/units) are the single-page app's routes: answer them with index.html.
    const handler = async (ctx: Koa.Context, next: Koa.Next) => {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
      if (ctx.path === '/' || ctx.path === '/index.html') return fallback(ctx);
      await assets(ctx, async () => {});
      if (ctx.body == null && ctx.status === 404 && !path.extname(ctx.path)) return fallback(ctx);
      if (ctx.body == null) return next();
    };
    return mount(app.prefix, handler as Koa.Middleware);
  });
}
