import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { NoticeService } from './service';

const InboxItem = z.object({ id: z.number().int(), title: z.string(), body: z.string(), link: z.string().nullable(), eventCode: z.string().nullable(), createdAt: z.date(), readAt: z.date().nullable() });
const Inbox = z.object({ items: z.array(InboxItem), unreadCount: z.number().int() }).meta({ id: 'Inbox' });

export function noticeRoutes(api: ApiRouter, service: NoticeService): void {
  const tags = ['inbox'];
  api
    .route({ method: 'get', path: '/me/inbox', summary: 'My messages, newest first, with the unread count', tags, auth: 'bearer', response: Inbox },
      async ({ actor }) => service.inbox(actor))
    .route({ method: 'post', path: '/me/inbox/:id/read', summary: 'Mark a message read', tags, auth: 'bearer', params: z.object({ id: z.coerce.number().int().positive() }), status: 204, errors: { 404: '没有这条消息' } },
      async ({ actor, params }) => { await service.markRead(actor, params.id); });
}
