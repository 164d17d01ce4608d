// HTTP endpoints of moderation (the staff queue) and WeChat's message push (plain text answers, as WeChat
// expects them, so outside the JSON API router).
import Router from '@koa/router';
import type { ApiRouter } from '../../http/route';
import { parse } from '../../http/validate';
import * as S from './schemas';
import type { ModerationService } from './service';

export function moderationRoutes(api: ApiRouter, moderation: ModerationService): void {
  const tags = ['moderation'];
  api
    .route({ method: 'get', path: '/moderation/items', summary: 'The moderation queue: texts and photos waiting for (or given) a decision', tags, auth: 'bearer', query: S.ListQuery, response: S.ItemList, errors: { 403: '没有权限' } },
      async ({ actor, query }) => moderation.list(actor, query))
    .route({ method: 'post', path: '/moderation/items/:id/approve', summary: 'Let others see it', tags, auth: 'bearer', params: S.Id, response: S.Item, errors: { 404: '没有这条待审核内容', 409: '已审核' } },
      async ({ actor, params }) => moderation.approve(actor, params.id))
    .route({ method: 'post', path: '/moderation/items/:id/hide', summary: 'Hide it from others, with a reason the author is told', tags, auth: 'bearer', params: S.Id, body: S.Hide, response: S.Item, errors: { 404: '没有这条待审核内容', 409: '已审核' } },
      async ({ actor, params, body }) => moderation.hide(actor, params.id, body.reason));
}

export function wechatPushRouter(moderation: ModerationService): Router {
  const router = new Router({ prefix: '/api/v1/wechat' });
  router.get('/push', (ctx) => {
    ctx.type = 'text/plain';
    ctx.body = moderation.echo(parse(S.PushQuery, ctx.query));
  });
  router.post('/push', async (ctx) => {
    await moderation.push(parse(S.PushQuery, ctx.query), ctx.request.body);
    ctx.type = 'text/plain';
    ctx.body = 'success';
  });
  return router;
}
