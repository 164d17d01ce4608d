// HTTP endpoints of notices: the residents' and staff's inboxes, subscriptions and WeChat quotas, the
// rules with their preview, dry run and runs, the delivery log and its statistics.
import type Koa from 'koa';
import type { ApiRouter } from '../../http/route';
import type { DeliveryLog } from './delivery-log';
import type { RuleService } from './rules';
import * as S from './schemas';
import type { NoticeService } from './service';

export function noticeRoutes(api: ApiRouter, deps: { notices: NoticeService; rules: RuleService; log: DeliveryLog; idempotent: Koa.Middleware }): void {
  const { notices, rules, log } = deps;
  const inbox = ['inbox'], subs = ['subscriptions'], staffTags = ['staff inbox'], ruleTags = ['notice rules'];
  const notFound = { 404: '没有这条消息' };
  api
    .route({ method: 'get', path: '/me/inbox', summary: 'My messages, newest first, with the unread count', tags: inbox, auth: 'bearer', query: S.InboxQuery, response: S.Inbox },
      async ({ actor, query }) => notices.inbox(actor, query))
    .route({ method: 'get', path: '/me/inbox/unread-count', summary: 'How many of my messages are unread (the badge)', tags: inbox, auth: 'bearer', response: S.UnreadCount },
      async ({ actor }) => notices.unreadCount(actor))
    .route({ method: 'post', path: '/me/inbox/read-all', summary: 'Mark all my messages read', tags: inbox, auth: 'bearer', status: 204 },
      async ({ actor }) => { await notices.markAllRead(actor); })
    .route({ method: 'get', path: '/me/inbox/:id', summary: 'One of my messages', tags: inbox, auth: 'bearer', params: S.Id, response: S.InboxItem, errors: notFound },
      async ({ actor, params }) => notices.message(actor, params.id))
    .route({ method: 'post', path: '/me/inbox/:id/read', summary: 'Mark a message read', tags: inbox, auth: 'bearer', params: S.Id, status: 204, errors: notFound },
      async ({ actor, params }) => { await notices.markRead(actor, params.id); })
    .route({ method: 'get', path: '/notices/subscribe-templates', summary: 'The subscribe-message templates the mini-program asks for at a moment', tags: subs, query: S.MomentQuery, response: S.SubscribeTemplates },
      async ({ query }) => notices.subscribeTemplates(query.moment))
    .route({ method: 'post', path: '/me/subscriptions/wechat', summary: 'What requestSubscribeMessage answered: each accept is one message WeChat will deliver', tags: subs, auth: 'bearer', body: S.SubscribeResults, response: S.Quotas },
      async ({ actor, body }) => notices.recordSubscribeResults(actor, body.results))
    .route({ method: 'get', path: '/me/subscriptions', summary: 'My topics and WeChat subscriptions left', tags: subs, auth: 'bearer', response: S.Subscriptions },
      async ({ actor }) => notices.subscriptions(actor))
    .route({ method: 'put', path: '/me/subscriptions/topics', summary: 'Choose the topics I want to hear about', tags: subs, auth: 'bearer', body: S.SetTopics, response: S.Subscriptions },
      async ({ actor, body }) => notices.setTopics(actor, body.topics))
    .route({ method: 'get', path: '/staff/me/inbox', summary: 'My messages as staff, newest first', tags: staffTags, auth: 'bearer', query: S.InboxQuery, response: S.Inbox },
      async ({ actor, query }) => notices.staffInbox(actor, query))
    .route({ method: 'get', path: '/staff/me/inbox/unread-count', summary: 'How many of my staff messages are unread', tags: staffTags, auth: 'bearer', response: S.UnreadCount },
      async ({ actor }) => notices.staffUnreadCount(actor))
    .route({ method: 'post', path: '/staff/me/inbox/read-all', summary: 'Mark all my staff messages read', tags: staffTags, auth: 'bearer', status: 204 },
      async ({ actor }) => { await notices.markAllStaffRead(actor); })
    .route({ method: 'post', path: '/staff/me/inbox/:id/read', summary: 'Mark a staff message read', tags: staffTags, auth: 'bearer', params: S.Id, status: 204, errors: notFound },
      async ({ actor, params }) => { await notices.markStaffRead(actor, params.id); })
    .route({ method: 'get', path: '/notices/facts', summary: 'What rules may speak of: facts, operators, trigger events, templates, caps and quiet hours', tags: ruleTags, auth: 'bearer', response: S.Facts },
      async ({ actor }) => rules.facts(actor))
    .route({ method: 'get', path: '/notices/rules', summary: 'Notice rules in my region', tags: ruleTags, auth: 'bearer', response: S.RuleList, errors: { 403: '没有权限' } },
      async ({ actor }) => rules.list(actor))
    .route({ method: 'post', path: '/notices/rules', summary: 'Create a rule (as a draft)', tags: ruleTags, auth: 'bearer', body: S.RuleInput, status: 201, response: S.Rule, idempotent: true, before: [deps.idempotent], errors: { 403: '没有权限', 422: '规则有误' } },
      async ({ actor, body }) => rules.create(actor, body))
    .route({ method: 'get', path: '/notices/rules/:id', summary: 'One rule', tags: ruleTags, auth: 'bearer', params: S.Id, response: S.Rule, errors: { 404: '没有这条推送规则' } },
      async ({ actor, params }) => rules.get(actor, params.id))
    .route({ method: 'put', path: '/notices/rules/:id', summary: 'Change a rule', tags: ruleTags, auth: 'bearer', params: S.Id, body: S.RuleInput, response: S.Rule, errors: { 404: '没有这条推送规则', 409: '规则已结束', 422: '规则有误' } },
      async ({ actor, params, body }) => rules.update(actor, params.id, body))
    .route({ method: 'post', path: '/notices/rules/:id/activate', summary: 'Put a rule live', tags: ruleTags, auth: 'bearer', params: S.Id, response: S.Rule, errors: { 404: '没有这条推送规则', 409: '规则已结束' } },
      async ({ actor, params }) => rules.activate(actor, params.id))
    .route({ method: 'post', path: '/notices/rules/:id/pause', summary: 'Pause a rule', tags: ruleTags, auth: 'bearer', params: S.Id, response: S.Rule, errors: { 404: '没有这条推送规则' } },
      async ({ actor, params }) => rules.pause(actor, params.id))
    .route({ method: 'post', path: '/notices/preview', summary: 'How many people an audience reaches now, with a small masked sample', tags: ruleTags, auth: 'bearer', body: S.Preview, response: S.PreviewResult, errors: { 422: '受众条件有误' } },
      async ({ actor, body }) => rules.preview(actor, body.audience))
    .route({ method: 'post', path: '/notices/rules/:id/dry-run', summary: 'What a run now would send, hold, cap or skip; nothing is written', tags: ruleTags, auth: 'bearer', params: S.Id, response: S.DryRun, errors: { 404: '没有这条推送规则' } },
      async ({ actor, params }) => rules.dryRun(actor, params.id))
    .route({ method: 'post', path: '/notices/rules/:id/run', summary: 'Run an active rule now', tags: ruleTags, auth: 'bearer', params: S.Id, response: S.RunResult, idempotent: true, before: [deps.idempotent], errors: { 404: '没有这条推送规则', 409: '规则未启用' } },
      async ({ actor, params }) => rules.runNow(actor, params.id))
    .route({ method: 'get', path: '/notices/rules/:id/runs', summary: 'A rule\'s runs, newest first', tags: ruleTags, auth: 'bearer', params: S.Id, response: S.RunList, errors: { 404: '没有这条推送规则' } },
      async ({ actor, params }) => rules.runs(actor, params.id))
    .route({ method: 'get', path: '/notices/deliveries', summary: 'The delivery log: every message with its state and reason', tags: ruleTags, auth: 'bearer', query: S.DeliveryQuery, response: S.DeliveryList, errors: { 403: '没有权限' } },
      async ({ actor, query }) => log.list(actor, query))
    .route({ method: 'get', path: '/notices/stats', summary: 'Sent, held, capped, failed and read, per rule and per day', tags: ruleTags, auth: 'bearer', query: S.StatsQuery, response: S.Stats, errors: { 403: '没有权限' } },
      async ({ actor, query }) => log.stats(actor, query));
}
