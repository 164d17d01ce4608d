// HTTP endpoints of snap-and-report and the event workflow: one endpoint per transition.
import type Koa from 'koa';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { CategoryService } from './categories';
import * as S from './schemas';
import type { EventService } from './service';

const ACTION_SUMMARIES: Record<keyof typeof S.COMMAND_BODIES, string> = {
  file: '立案 File the event as a case', reject: '不予立案 Reject with a reason', dispatch: '派遣 Dispatch (or re-dispatch) to a unit',
  accept: '接单 The unit accepts', return: '退回 The unit returns it as not theirs', verify: '核查 Verify the resolution on site (pass → closed, fail → reopened)',
  confirm: '确认解决 The reporter confirms', dispute: '有异议 The reporter disputes (within 7 days of closing)', rate: '评价 The reporter rates 1–5', merge: '合并 Merge into another event',
};

export function eventRoutes(api: ApiRouter, deps: { events: EventService; categories: CategoryService; idempotent: Koa.Middleware; reportIdempotent: Koa.Middleware; photoUpload: Koa.Middleware }): void {
  const { events, categories } = deps;
  const tags = ['events'];
  api
    .route({ method: 'get', path: '/categories', summary: 'Event categories (active ones unless includeInactive)', tags, query: S.CategoryListQuery, response: S.CategoryList },
      async ({ query }) => categories.list({ includeInactive: Boolean(query.includeInactive) }))
    .route({ method: 'post', path: '/categories', summary: 'Create a category (admin)', tags, auth: 'bearer', body: S.CreateCategory, status: 201, response: S.Category, idempotent: true, before: [deps.idempotent], errors: { 403: '没有权限', 409: '编码已存在' } },
      async ({ actor, body }) => categories.create(actor, body))
    .route({ method: 'put', path: '/categories/:code', summary: 'Edit a category (admin)', tags, auth: 'bearer', params: S.CategoryCode, body: S.UpdateCategory, response: S.Category, errors: { 403: '没有权限', 404: '没有这个类别' } },
      async ({ actor, params, body }) => categories.update(actor, params.code, body))
    .route({ method: 'post', path: '/reports', summary: 'Snap-and-report: a report with 1–9 photos becomes an event', tags, auth: 'bearer', status: 201, response: S.ReportReceipt, idempotent: true,
      body: S.ReportFields, multipart: { upload: deps.photoUpload, files: 'photos' }, before: [deps.reportIdempotent], errors: { 401: '请先登录' } },
      async ({ actor, body, uploads }) => events.submitReport(actor, body, uploads))
    .route({ method: 'get', path: '/me/reports', summary: 'My reports and those I joined', tags, auth: 'bearer', query: S.Paging, response: S.EventList },
      async ({ actor, query }) => events.myReports(actor, query.page, query.pageSize))
    .route({ method: 'get', path: '/events', summary: 'Events in the caller\'s scope; queues for dispatch, handling and verification', tags, auth: 'bearer', query: S.EventListQuery, response: S.EventList, errors: { 403: '只面向工作人员' } },
      async ({ actor, query }) => events.listEvents(actor, query))
    .route({ method: 'get', path: '/events/:code', summary: 'One event with its timeline, photos and the caller\'s allowed actions', tags, auth: 'bearer', params: S.EventCode, response: S.EventDetail, errors: { 404: '没有这个事件，或不对您可见' } },
      async ({ actor, params }) => events.getEvent(actor, params.code))
    .route({ method: 'get', path: '/events/:code/evidence', summary: 'The evidence chain of an event and whether it verifies', tags, auth: 'bearer', params: S.EventCode, response: S.EvidenceChain, errors: { 404: '没有这个事件' } },
      async ({ actor, params }) => events.evidence(actor, params.code))
    .route({ method: 'post', path: '/events/:code/resolve', summary: '处置完成 The unit resolves, with a note and after-photos (multipart)', tags, auth: 'bearer', params: S.EventCode, response: S.EventDetail,
      body: S.ResolveFields, multipart: { upload: deps.photoUpload, files: 'photos' }, errors: { 403: '没有权限', 404: '没有这个事件', 409: '状态已变化' } },
      async ({ actor, params, body, uploads }) => events.act(actor, params.code, 'resolve', body, uploads));
  for (const [action, body] of Object.entries(S.COMMAND_BODIES) as [keyof typeof S.COMMAND_BODIES, z.ZodType][]) {
    api.route({ method: 'post', path: `/events/:code/${action}`, summary: ACTION_SUMMARIES[action], tags, auth: 'bearer', params: S.EventCode, body, response: S.EventDetail, errors: { 403: '没有权限', 404: '没有这个事件', 409: '当前状态不允许' } },
      async ({ actor, params, body: input }) => events.act(actor, params.code, action, input as never));
  }
}
