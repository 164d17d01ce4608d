// Input and output shapes of the event endpoints.
import { z } from 'zod';
import { Paging } from '../../http/query';
import { unitTypes } from '../grid';
import { EVENT_STATUSES } from './lifecycle';

const statuses = Object.keys(EVENT_STATUSES) as [keyof typeof EVENT_STATUSES, ...(keyof typeof EVENT_STATUSES)[]];
const boolString = z.union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on']).transform((v) => v === 'true' || v === '1' || v === 'on')]);

export const Category = z.object({
  code: z.string(), name: z.string(), level: z.number().int(), levelName: z.string(), unitType: z.enum(unitTypes), unitTypeName: z.string(),
  responseHours: z.number().int(), resolutionHours: z.number().int(), autoDispatch: z.boolean(), active: z.boolean(),
}).meta({ id: 'Category' });
export const CategoryList = z.object({ items: z.array(Category) });
const categoryFields = {
  name: z.string().trim().min(2).max(64),
  level: z.number().int().min(1).max(5),
  unitType: z.enum(unitTypes),
  responseHours: z.number().int().min(1).max(24 * 30),
  resolutionHours: z.number().int().min(1).max(24 * 90),
  autoDispatch: z.boolean(),
  active: z.boolean().default(true),
};
export const CreateCategory = z.object({ code: z.string().regex(/^[a-z0-9-]{2,32}$/, '编码为 2–32 位小写字母、数字或连字符'), ...categoryFields }).strict()
  .refine((c) => c.resolutionHours >= c.responseHours, { message: '办结时限不能短于响应时限', path: ['resolutionHours'] }).meta({ id: 'CreateCategory' });
export const UpdateCategory = z.object(categoryFields).strict()
  .refine((c) => c.resolutionHours >= c.responseHours, { message: '办结时限不能短于响应时限', path: ['resolutionHours'] }).meta({ id: 'UpdateCategory' });
export const CategoryCode = z.object({ code: z.string().min(1).max(32) });
export const CategoryListQuery = z.object({ includeInactive: boolString.optional() });

/** Multipart fields arrive as strings; coerce them here, once. */
export const ReportFields = z.object({
  category: z.string().min(1).max(32),
  description: z.string().trim().min(1, '请描述问题').max(500, '描述不能超过 500 字'),
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  coordSystem: z.enum(['wgs84', 'gcj02']).default('gcj02'),
  address: z.string().trim().max(200).optional(),
  anonymous: boolString.optional(),
}).meta({ id: 'ReportFields' });

const Duplicate = z.object({ code: z.string(), categoryName: z.string(), description: z.string(), distanceM: z.number(), status: z.string(), statusName: z.string(), createdAt: z.string().nullable(), thumbnailUrl: z.string().nullable() });
export const ReportReceipt = z.object({
  code: z.string(), status: z.enum(statuses), statusName: z.string(),
  grid: z.object({ code: z.string(), name: z.string(), communityName: z.string(), streetName: z.string() }),
  unit: z.object({ id: z.number().int(), name: z.string().nullable() }).nullable(),
  deadlines: z.object({ responseDueAt: z.string().nullable(), resolutionDueAt: z.string().nullable() }).nullable(),
  duplicates: z.array(Duplicate),
}).meta({ id: 'ReportReceipt' });

export const EventSummary = z.object({
  code: z.string(), status: z.enum(statuses), statusName: z.string(), categoryCode: z.string(), categoryName: z.string(), level: z.number().int(), levelName: z.string(),
  description: z.string(), address: z.string().nullable(), gridCode: z.string(), gridName: z.string(), communityName: z.string(), unitId: z.number().int().nullable(),
  unitName: z.string().nullable(), overdue: z.boolean(), createdAt: z.string().nullable(), responseDueAt: z.string().nullable(), resolutionDueAt: z.string().nullable(), thumbnailUrl: z.string().nullable(),
}).meta({ id: 'EventSummary' });
const Photo = z.object({ id: z.number().int(), kind: z.enum(['report', 'resolution']), url: z.string(), thumbnailUrl: z.string(), width: z.number().int(), height: z.number().int() }).meta({ id: 'Photo' });
export const EventDetail = EventSummary.extend({
  source: z.string(), lat: z.number(), lng: z.number(), anonymous: z.boolean(), isReporter: z.boolean(), photos: z.array(Photo),
  timeline: z.array(z.object({ seq: z.number().int(), action: z.string(), actionName: z.string(), actorRole: z.string(), actorRoleName: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), note: z.string().nullable(), at: z.string().nullable(), photos: z.array(Photo) })),
  rating: z.number().int().nullable(), ratingComment: z.string().nullable(), mergedInto: z.string().nullable(), allowedActions: z.array(z.string()), evidence: z.object({ verified: z.boolean() }),
}).meta({ id: 'EventDetail' });
export const EventList = z.object({ items: z.array(EventSummary), total: z.number().int() }).meta({ id: 'EventList' });

export const EventCode = z.object({ code: z.string().regex(/^[A-Z]{1,8}-\d{8}-\d{6}$/, '事件编号格式应如 BA-20261122-000123') });
export const EventListQuery = Paging.extend({
  queue: z.enum(['dispatch', 'handling', 'verification']).optional(),
  status: z.enum(statuses).optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  category: z.string().max(32).optional(),
  gridCode: z.string().max(32).optional(),
  overdue: boolString.optional(),
});

const note = z.string().trim().max(500).optional();
const reason = z.string().trim().min(2, '请说明原因').max(500);
export const COMMAND_BODIES = {
  file: z.object({ note }).strict(),
  reject: z.object({ reason }).strict(),
  dispatch: z.object({ unitId: z.number().int().positive(), note }).strict(),
  accept: z.object({ note }).strict(),
  return: z.object({ reason }).strict(),
  verify: z.object({ result: z.enum(['pass', 'fail']), note }).strict(),
  confirm: z.object({ note }).strict(),
  dispute: z.object({ reason }).strict(),
  rate: z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }).strict(),
  merge: z.object({ into: EventCode.shape.code }).strict(),
} as const;
export const ResolveFields = z.object({ note: z.string().trim().min(2, '请填写处置说明').max(500) });

export const EvidenceChain = z.object({
  verified: z.boolean(), brokenAt: z.number().int().nullable(), reason: z.string().nullable(),
  records: z.array(z.object({ seq: z.number().int(), action: z.string(), actor: z.object({ kind: z.string(), id: z.number().int().nullable(), role: z.string() }), fromStatus: z.string().nullable(), toStatus: z.string(), at: z.string(), payloadDigest: z.string(), attachments: z.array(z.string()), stateDigest: z.string(), prevHash: z.string().nullable(), hash: z.string() })),
}).meta({ id: 'EvidenceChain' });

export { Paging };
