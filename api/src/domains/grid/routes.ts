// HTTP endpoints of the city structure: parse, call the service, shape the answer.
import type { ApiRouter } from '../../http/route';
import type Koa from 'koa';
import * as S from './schemas';
import type { GridService } from './service';

export function gridRoutes(api: ApiRouter, service: GridService, deps: { idempotent: Koa.Middleware }): void {
  const tags = ['city structure'];
  api
    .route({ method: 'get', path: '/meta', summary: 'Vocabularies: unit types, staff roles, region levels', tags, response: S.MetaResponse },
      async () => service.meta())
    .route({ method: 'get', path: '/regions', summary: 'Regions in the caller\'s scope, with their ancestors', tags, auth: 'bearer', response: S.RegionList },
      async ({ actor }) => service.listRegions(actor))
    .route({ method: 'get', path: '/grids/locate', summary: 'The grid containing a point (WGS-84 or GCJ-02)', tags, query: S.LocateQuery, response: S.LocateResponse, errors: { 404: '该位置不在任何网格内' } },
      async ({ query }) => service.locate(query))
    .route({ method: 'get', path: '/grids', summary: 'Grids in the caller\'s scope', tags, auth: 'bearer', query: S.GridListQuery, response: S.GridList },
      async ({ actor, query }) => service.listGrids(actor, query))
    .route({ method: 'get', path: '/grids/:code', summary: 'One grid with its polygon', tags, auth: 'bearer', params: S.GridCodeParams, response: S.GridDetail, errors: { 404: '没有这个网格' } },
      async ({ actor, params }) => service.getGrid(actor, params.code))
    .route({ method: 'get', path: '/units', summary: 'Units whose jurisdiction overlaps the caller\'s scope', tags, auth: 'bearer', query: S.UnitListQuery, response: S.UnitList },
      async ({ actor, query }) => service.listUnits(actor, query))
    .route({ method: 'post', path: '/units', summary: 'Create a unit (admin)', tags, auth: 'bearer', body: S.CreateUnit, status: 201, response: S.Unit, idempotent: true, before: [deps.idempotent], errors: { 403: '没有权限', 409: '编码已存在' } },
      async ({ actor, body }) => service.createUnit(actor, body))
    .route({ method: 'get', path: '/staff', summary: 'Staff in the caller\'s scope (supervisor, admin)', tags, auth: 'bearer', query: S.StaffListQuery, response: S.StaffList, errors: { 403: '没有权限' } },
      async ({ actor, query }) => service.listStaff(actor, query))
    .route({ method: 'post', path: '/staff', summary: 'Create a staff account (admin)', tags, auth: 'bearer', body: S.CreateStaff, status: 201, response: S.Staff, idempotent: true, before: [deps.idempotent], errors: { 403: '没有权限', 409: '用户名已被使用' } },
      async ({ actor, body }) => service.createStaff(actor, body));
}
