// HTTP endpoints of island tourist services: islands and places (public reads, staff edits), complaints and
// calls for help (registered as events; retried submissions answered once through Idempotency-Key), the SOS
// board and complaint statistics.
import type Koa from 'koa';
import { JsonText, type ApiRouter } from '../../http/route';
import * as S from './schemas';
import type { TourismService } from './service';

export function tourismRoutes(api: ApiRouter, tourism: TourismService, deps: { submissionIdempotent: Koa.Middleware; idempotent: Koa.Middleware; photoUpload: Koa.Middleware }): void {
  const tags = ['island tourism'];
  api
    .route({ method: 'get', path: '/islands', summary: 'Islands with the units stationed on them', tags, response: S.IslandList },
      async () => tourism.islands())
    .route({ method: 'get', path: '/places/nearby', summary: 'Places near a position, nearest first, with their distance', tags, query: S.NearbyQuery, response: S.NearbyPlaces },
      async ({ query }) => new JsonText(await tourism.nearbyJson(query)))
    .route({ method: 'get', path: '/places', summary: 'Places of the islands in the caller\'s scope (staff)', tags, auth: 'bearer', query: S.PlaceListQuery, response: S.PlaceList, errors: { 403: '没有权限' } },
      async ({ actor, query }) => tourism.listPlaces(actor, query))
    .route({ method: 'get', path: '/places/:code', summary: 'One place', tags, params: S.PlaceCode, response: S.Place, errors: { 404: '没有这个商家或服务点' } },
      async ({ params }) => tourism.getPlace(params.code))
    .route({ method: 'post', path: '/places', summary: 'Create a place (dispatcher, supervisor, admin)', tags, auth: 'bearer', body: S.CreatePlace, status: 201, response: S.Place, idempotent: true, before: [deps.idempotent], errors: { 403: '没有权限', 409: '编码已存在' } },
      async ({ actor, body }) => tourism.createPlace(actor, body))
    .route({ method: 'put', path: '/places/:code', summary: 'Edit a place (dispatcher, supervisor, admin)', tags, auth: 'bearer', params: S.PlaceCode, body: S.UpdatePlace, response: S.Place, errors: { 403: '没有权限', 404: '没有这个商家或服务点' } },
      async ({ actor, params, body }) => tourism.updatePlace(actor, params.code, body))
    .route({ method: 'post', path: '/tourism/complaints', summary: 'A tourist\'s complaint about a merchant or in general, with 0–9 photos; registered as an event', tags, auth: 'bearer', status: 201, response: S.ComplaintReceipt, idempotent: true,
      body: S.ComplaintFields, multipart: { upload: deps.photoUpload, files: 'photos' }, before: [deps.submissionIdempotent], errors: { 401: '请先登录' } },
      async ({ actor, body, uploads }) => tourism.complain(actor, body, uploads))
    .route({ method: 'get', path: '/tourism/complaints', summary: 'Tourists\' complaints in the caller\'s scope (staff)', tags, auth: 'bearer', query: S.ComplaintListQuery, response: S.ComplaintList, errors: { 403: '没有权限' } },
      async ({ actor, query }) => tourism.complaints(actor, query))
    .route({ method: 'get', path: '/tourism/complaints/stats', summary: 'Complaints per merchant (staff)', tags, auth: 'bearer', query: S.StatsQuery, response: S.ComplaintStats, errors: { 403: '没有权限' } },
      async ({ actor, query }) => tourism.complaintStats(actor, query))
    .route({ method: 'post', path: '/tourism/help', summary: 'A tourist calls for help: a level-1 event for the island\'s on-duty room, answered within 15 minutes', tags, auth: 'bearer', body: S.HelpBody, status: 201, response: S.Help, idempotent: true, before: [deps.submissionIdempotent], errors: { 401: '请先登录' } },
      async ({ actor, body }) => tourism.help(actor, body))
    .route({ method: 'get', path: '/tourism/help', summary: 'The SOS board: help calls in the caller\'s scope, newest first (staff)', tags, auth: 'bearer', query: S.HelpBoardQuery, response: S.HelpBoard, errors: { 403: '没有权限' } },
      async ({ actor, query }) => tourism.helpBoard(actor, query))
    .route({ method: 'get', path: '/tourism/help/:code', summary: 'A help call\'s progress: received, who responds (the tourist who asked, staff in scope)', tags, auth: 'bearer', params: S.EventCode, response: S.Help, errors: { 404: '没有这个求助' } },
      async ({ actor, params }) => tourism.helpStatus(actor, params.code));
}
