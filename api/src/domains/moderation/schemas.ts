// Shapes of the moderation endpoints (zod), shared by the routes and the OpenAPI document.
import { z } from 'zod';
import { Paging } from '../../http/query';

export const ListQuery = Paging.extend({ status: z.enum(['pending', 'approved', 'hidden']).default('pending'), kind: z.enum(['text', 'photo']).optional() });
export const Id = z.object({ id: z.coerce.number().int().positive() });
export const Hide = z.object({ reason: z.string().trim().min(2, '请填写至少 2 个字的原因').max(200, '原因不能超过 200 字') }).strict();
export const Item = z.object({
  id: z.number(), kind: z.string(), eventCode: z.string().nullable(), field: z.string(), fieldName: z.string(), text: z.string().nullable(), photoUrl: z.string().nullable(),
  status: z.string(), statusName: z.string(), source: z.string(), label: z.string().nullable(), createdAt: z.date(), decidedAt: z.date().nullable(), decidedBy: z.string().nullable(), reason: z.string().nullable(),
}).meta({ id: 'ModerationItem' });
export const ItemList = z.object({ items: z.array(Item), total: z.number(), page: z.number(), pageSize: z.number() });
export const PushQuery = z.object({ signature: z.string().max(64).optional(), timestamp: z.string().max(16).optional(), nonce: z.string().max(64).optional(), echostr: z.string().max(256).optional() });
