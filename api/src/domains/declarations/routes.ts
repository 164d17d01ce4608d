// HTTP endpoints of self-declaration: houses and QR codes, declaring, the tenant's and landlord's own
// records, staff lists, verification tasks, imports, collision and per-grid colours.
import type Koa from 'koa';
import Router from '@koa/router';
import type { ApiRouter } from '../../http/route';
import type { StoredUpload } from '../../http/file-upload';
import type { CollisionService } from './collision';
import type { HouseService } from './houses';
import type { ImportService } from './imports';
import * as S from './schemas';
import type { DeclarationService } from './service';

export interface DeclarationRouteDeps {
  houses: HouseService; declarations: DeclarationService; imports: ImportService; collisions: CollisionService;
  idempotent: Koa.Middleware; taskPhotoUpload: Koa.Middleware; csvUpload: Koa.Middleware;
}

export function declarationRoutes(api: ApiRouter, deps: DeclarationRouteDeps): void {
  const { houses, declarations, imports, collisions } = deps;
  const tags = ['self-declaration'];
  api
    // Houses (staff)
    .route({ method: 'get', path: '/houses', summary: 'Search houses in the caller\'s scope', tags, auth: 'bearer', query: S.HouseListQuery, response: S.HouseList, errors: { 403: '没有权限' } },
      async ({ actor, query }) => houses.list(actor, query))
    .route({ method: 'post', path: '/houses', summary: 'Register a house', tags, auth: 'bearer', body: S.CreateHouse, status: 201, response: S.House, idempotent: true, before: [deps.idempotent], errors: { 403: '没有权限', 409: '编码已存在' } },
      async ({ actor, body }) => houses.create(actor, body))
    .route({ method: 'get', path: '/houses/qr-sheet', summary: 'QR codes of a building or grid, for a printable sheet', tags, auth: 'bearer', query: S.QrSheetQuery, response: S.QrSheet },
      async ({ actor, query }) => houses.qrSheet(actor, query))
    .route({ method: 'get', path: '/houses/:code', summary: 'A house with its declared tenants, open tasks and reported occupants', tags, auth: 'bearer', params: S.HouseCodeParam, response: S.HouseDetail, errors: { 404: '没有这个房屋' } },
      async ({ actor, params }) => declarations.houseDetail(actor, params.code))
    .route({ method: 'post', path: '/houses/:code/flag', summary: 'Flag a house: new declarations there are verified door to door', tags, auth: 'bearer', params: S.HouseCodeParam, body: S.FlagHouse, response: S.House },
      async ({ actor, params, body }) => houses.flag(actor, params.code, body.reason))
    .route({ method: 'post', path: '/houses/:code/unflag', summary: 'Remove a house\'s flag', tags, auth: 'bearer', params: S.HouseCodeParam, body: S.Empty, response: S.House },
      async ({ actor, params }) => houses.flag(actor, params.code, null))
    .route({ method: 'get', path: '/houses/:code/qr.png', summary: 'The house\'s QR code as PNG', tags, auth: 'bearer', params: S.HouseCodeParam },
      async ({ actor, params, ctx }) => { const png = await houses.qr(actor, params.code, 'png'); ctx.type = 'image/png'; ctx.attachment(`${params.code}.png`, { type: 'inline' }); return png; })
    .route({ method: 'get', path: '/houses/:code/qr.svg', summary: 'The house\'s QR code as SVG', tags, auth: 'bearer', params: S.HouseCodeParam },
      async ({ actor, params, ctx }) => { const svg = await houses.qr(actor, params.code, 'svg'); ctx.type = 'image/svg+xml'; return svg; })
    // Declaring (resident)
    .route({ method: 'get', path: '/residence/houses/:code', summary: 'The house a tenant scanned: its address', tags, auth: 'bearer', params: S.HouseCodeParam, response: S.ResidentHouse, errors: { 404: '没有这个房屋编码' } },
      async ({ actor, params }) => houses.forResident(actor, params.code))
    .route({ method: 'post', path: '/residence/prefill', summary: 'Check the identity number and prefill the rest (nothing stored)', tags, auth: 'bearer', body: S.Prefill, response: S.PrefillResult, errors: { 404: '没有这个房屋编码' } },
      async ({ actor, body }) => declarations.prefill(actor, body))
    .route({ method: 'post', path: '/residence/declarations', summary: 'Declare residence: accepted at once in good faith, or pending door-to-door verification', tags, auth: 'bearer', body: S.Declare, status: 201, response: S.Declaration,
      idempotent: true, before: [deps.idempotent], errors: { 404: '没有这个房屋编码', 409: '已在该房屋登记' } },
      async ({ actor, body }) => declarations.declare(actor, body))
    .route({ method: 'get', path: '/residence/grid-stats', summary: 'House colours and the declaration rate per grid', tags, auth: 'bearer', query: S.GridStatsQuery, response: S.GridStats },
      async ({ actor, query }) => houses.gridStats(actor, query))
    .route({ method: 'get', path: '/me/declarations', summary: 'My declarations, current and past', tags, auth: 'bearer', response: S.DeclarationList },
      async ({ actor }) => declarations.mine(actor))
    .route({ method: 'get', path: '/me/declarations/:id', summary: 'One of my declarations', tags, auth: 'bearer', params: S.IdParam, response: S.Declaration, errors: { 404: '没有这条申报' } },
      async ({ actor, params }) => declarations.getMine(actor, params.id))
    .route({ method: 'post', path: '/me/declarations/:id/move-out', summary: 'Declare moving out', tags, auth: 'bearer', params: S.IdParam, body: S.MoveOut, response: S.Declaration, errors: { 404: '没有这条申报', 409: '当前状态不能搬离' } },
      async ({ actor, params, body }) => declarations.moveOut(actor, params.id, body.date))
    .route({ method: 'post', path: '/me/declarations/:id/renew', summary: 'Renew for 12 months', tags, auth: 'bearer', params: S.IdParam, body: S.Empty, response: S.Declaration, errors: { 404: '没有这条申报', 409: '当前不能续期' } },
      async ({ actor, params }) => declarations.renew(actor, params.id))
    .route({ method: 'get', path: '/me/houses', summary: 'Landlord: my houses and their declared tenants (masked)', tags, auth: 'bearer', response: S.LandlordHouses },
      async ({ actor }) => declarations.landlordHouses(actor))
    .route({ method: 'post', path: '/me/houses/:code/tenants/:declarationId/confirm', summary: 'Landlord confirms a tenant', tags, auth: 'bearer', params: S.TenantParams, body: S.Empty, response: S.TenantView, errors: { 404: '没有这位租客' } },
      async ({ actor, params }) => declarations.landlordConfirm(actor, params.code, params.declarationId))
    // Staff
    .route({ method: 'get', path: '/declarations', summary: 'Declarations in the caller\'s scope (numbers masked)', tags, auth: 'bearer', query: S.DeclarationListQuery, response: S.DeclarationPage, errors: { 403: '没有权限' } },
      async ({ actor, query }) => declarations.list(actor, query))
    .route({ method: 'get', path: '/declarations/:id', summary: 'A declaration with its evidence steps', tags, auth: 'bearer', params: S.IdParam, response: S.DeclarationDetail, errors: { 404: '没有这条申报' } },
      async ({ actor, params }) => declarations.detail(actor, params.id))
    .route({ method: 'post', path: '/declarations/:id/reveal', summary: 'The unmasked identity number, with a reason; every call is logged', tags, auth: 'bearer', params: S.IdParam, body: S.Reveal, response: S.Revealed, errors: { 403: '没有权限', 404: '没有这条申报' } },
      async ({ actor, params, body, ctx }) => declarations.reveal(actor, params.id, body.reason, ctx.state.requestId ?? null))
    .route({ method: 'get', path: '/verification-tasks', summary: 'Door-to-door verification tasks in the caller\'s grids', tags, auth: 'bearer', query: S.TaskQuery, response: S.TaskPage },
      async ({ actor, query }) => declarations.tasks(actor, query));
  for (const verdict of ['confirm', 'reject'] as const) {
    api.route({ method: 'post', path: `/verification-tasks/:id/${verdict}`, summary: verdict === 'confirm' ? '确认属实 The visit confirms the declaration' : '核查不符 The visit contradicts it (note required)',
      tags, auth: 'bearer', params: S.IdParam, body: S.TaskFields, multipart: { upload: deps.taskPhotoUpload, files: 'photos' }, response: S.Task, errors: { 403: '没有权限', 404: '没有这个任务', 409: '任务已处理' } },
    async ({ actor, params, body, files }) => declarations.resolveTask(actor, params.id, verdict, body, files));
  }
  api
    .route({ method: 'post', path: '/imports', summary: 'Import a CSV of houses, population records or rental reports (runs in the background)', tags, auth: 'bearer', body: S.ImportFields,
      multipart: { upload: deps.csvUpload, files: 'file' }, status: 202, response: S.ImportView, errors: { 403: '没有权限' } },
      async ({ actor, body, ctx }) => imports.start(actor, body.kind, ctx.state.upload as StoredUpload))
    .route({ method: 'get', path: '/imports', summary: 'Recent imports', tags, auth: 'bearer', query: S.ImportListQuery, response: S.ImportList },
      async ({ actor, query }) => imports.list(actor, query.kind))
    .route({ method: 'get', path: '/imports/:id', summary: 'An import\'s progress and the lines at fault', tags, auth: 'bearer', params: S.IdParam, response: S.ImportView, errors: { 404: '没有这次导入' } },
      async ({ actor, params }) => imports.get(actor, params.id))
    .route({ method: 'post', path: '/collisions', summary: 'Run the collision of rental reports against declarations now', tags, auth: 'bearer', body: S.Empty, status: 202, response: S.Run, errors: { 403: '没有权限', 409: '正在碰撞' } },
      async ({ actor }) => collisions.start(actor))
    .route({ method: 'get', path: '/collisions', summary: 'Recent collision runs', tags, auth: 'bearer', response: S.RunList },
      async ({ actor }) => collisions.list(actor))
    .route({ method: 'get', path: '/collisions/:id/findings', summary: 'What a run found, in the caller\'s scope', tags, auth: 'bearer', params: S.IdParam, query: S.FindingQuery, response: S.FindingPage, errors: { 404: '没有这次碰撞' } },
      async ({ actor, params, query }) => collisions.findings(actor, params.id, query));
}

/** GET /h/{code}: where a house's QR code points. WeChat opens the mini-program for this URL prefix; a browser goes to the H5 page. */
export function houseLinkRoutes(): Router {
  const router = new Router();
  router.get('/h/:code', (ctx) => {
    const code = String(ctx.params.code).toUpperCase();
    if (!/^[A-Z0-9-]{4,32}$/.test(code)) { ctx.status = 404; return; }
    ctx.redirect(`/h5/#/packages/residence/pages/declare/index?house=${encodeURIComponent(code)}`);
  });
  return router;
}
