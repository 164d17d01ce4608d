// Input and output shapes of the island tourist service endpoints.
import { z } from 'zod';
import { Paging } from '../../http/query';
import { EVENT_STATUSES } from '../events';
import { parseOpeningHours, PHONE_PATTERN } from './rules';
import { complaintCategories, helpTypes, placeKinds } from './vocabulary';

const statuses = Object.keys(EVENT_STATUSES) as [keyof typeof EVENT_STATUSES, ...(keyof typeof EVENT_STATUSES)[]];
const boolString = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);
const coordSystem = z.enum(['wgs84', 'gcj02']).default('gcj02');
const phone = z.string().trim().regex(PHONE_PATTERN, '请填写 11 位手机号或带区号的固定电话，如 0756-8850001');
const LatLng = z.object({ lat: z.number(), lng: z.number() });
const Ref = z.object({ code: z.string(), name: z.string() });
const openingHours = z.string().trim().max(100).refine((s) => s === '' || parseOpeningHours(s) !== null, '营业时间格式如 08:00-14:00,17:00-22:00');

export const Island = z.object({
  code: z.string(), name: z.string(), regionName: z.string(), centre: LatLng, gcj02: LatLng,
  units: z.array(z.object({ id: z.number(), name: z.string(), type: z.string(), typeName: z.string(), phone: z.string().nullable() })),
}).meta({ id: 'Island' });
export const IslandList = z.object({ items: z.array(Island) });

export const Place = z.object({
  code: z.string(), name: z.string(), kind: z.enum(placeKinds), kindName: z.string(), island: Ref, lat: z.number(), lng: z.number(), gcj02: LatLng,
  address: z.string(), phone: z.string().nullable(), openingHours: z.string().nullable(), openNow: z.boolean().nullable(), complaintCount: z.number().int(), active: z.boolean(),
}).meta({ id: 'Place' });
export const NearbyPlaces = z.object({ items: z.array(Place.extend({ distanceM: z.number().int() })) }).meta({ id: 'NearbyPlaces' });
export const PlaceList = z.object({ items: z.array(Place), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const NearbyQuery = z.object({
  lat: z.coerce.number().min(-90).max(90), lng: z.coerce.number().min(-180).max(180), coordSystem,
  radius: z.coerce.number().int().min(50).max(20_000).default(2000),
  kind: z.string().optional().transform((s, ctx) => {
    if (!s) return undefined;
    const kinds = s.split(',').map((k) => k.trim()).filter(Boolean);
    const bad = kinds.find((k) => !(placeKinds as readonly string[]).includes(k));
    if (bad) { ctx.addIssue({ code: 'custom', message: `没有这种类别：${bad}` }); return z.NEVER; }
    return kinds as (typeof placeKinds)[number][];
  }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const PlaceCode = z.object({ code: z.string().min(1).max(32) });
export const PlaceListQuery = Paging.extend({ island: z.string().max(8).optional(), kind: z.enum(placeKinds).optional(), q: z.string().trim().max(50).optional() });

const placeFields = {
  name: z.string().trim().min(2, '名称至少 2 个字').max(100),
  kind: z.enum(placeKinds),
  island: z.string().min(1).max(8),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  coordSystem,
  address: z.string().trim().min(2, '请填写地址').max(200),
  phone: z.union([phone, z.literal('')]).nullable().optional(),
  openingHours: openingHours.nullable().optional(),
  active: z.boolean().optional(),
};
export const CreatePlace = z.object({ code: z.string().regex(/^[A-Za-z0-9-]{2,32}$/, '编码为 2–32 位字母、数字或连字符').optional(), ...placeFields }).strict().meta({ id: 'CreatePlace' });
export const UpdatePlace = z.object(placeFields).partial().strict()
  .refine((p) => (p.lat === undefined) === (p.lng === undefined), { message: '经度和纬度须一起修改', path: ['lng'] }).meta({ id: 'UpdatePlace' });

/** Multipart fields arrive as strings; coerced here, once. */
export const ComplaintFields = z.object({
  category: z.enum(complaintCategories),
  description: z.string().trim().min(5, '请至少用 5 个字描述').max(500, '描述不能超过 500 字'),
  placeCode: z.string().trim().max(32).optional().transform((s) => s || undefined),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  coordSystem,
  address: z.string().trim().max(200).optional(),
  phone: z.union([phone, z.literal('')]).optional().transform((s) => s || undefined),
}).refine((c) => c.placeCode !== undefined || (c.lat !== undefined && c.lng !== undefined), { message: '请提供位置，或选择被投诉的商家', path: ['lat'] }).meta({ id: 'ComplaintFields' });
export const ComplaintReceipt = z.object({
  code: z.string(), status: z.string(), statusName: z.string(), category: z.enum(complaintCategories), categoryName: z.string(), place: Ref.nullable(), island: Ref,
  unit: z.object({ id: z.number(), name: z.string(), phone: z.string().nullable() }).nullable(),
  deadlines: z.object({ responseDueAt: z.string().nullable(), resolutionDueAt: z.string().nullable() }).nullable(),
}).meta({ id: 'ComplaintReceipt' });

export const HelpBody = z.object({
  type: z.enum(helpTypes),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  coordSystem,
  accuracyM: z.number().int().min(0).max(100_000).optional(),
  phone,
  text: z.string().trim().max(200, '补充说明不能超过 200 字').optional(),
  address: z.string().trim().max(200).optional(),
}).strict().meta({ id: 'HelpBody' });
export const Help = z.object({
  code: z.string(), type: z.enum(helpTypes), typeName: z.string(), status: z.string(), statusName: z.string(), island: Ref.nullable(),
  unit: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(), responder: z.object({ name: z.string() }).nullable(),
  receivedAt: z.string().nullable(), respondedAt: z.string().nullable(), responseDueAt: z.string().nullable(), overdue: z.boolean(), escalated: z.boolean(),
}).meta({ id: 'Help' });
export const HelpCall = Help.extend({
  phone: z.string(), text: z.string().nullable(), lat: z.number(), lng: z.number(), gcj02: LatLng, accuracyM: z.number().nullable(), address: z.string().nullable(), reporterName: z.string().nullable(),
}).meta({ id: 'HelpCall' });
export const HelpBoard = z.object({ items: z.array(HelpCall), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const HelpBoardQuery = Paging.extend({ island: z.string().max(8).optional(), open: boolString.default(true) });
export const EventCode = z.object({ code: z.string().min(1).max(32) });

export const ComplaintListQuery = Paging.extend({ island: z.string().max(8).optional(), place: z.string().max(32).optional(), status: z.enum(statuses).optional(), category: z.enum(complaintCategories).optional() });
export const ComplaintList = z.object({
  items: z.array(z.object({
    code: z.string(), category: z.string(), categoryName: z.string(), description: z.string(), place: Ref.nullable(), island: Ref, phone: z.string().nullable(),
    status: z.string(), statusName: z.string(), unitName: z.string().nullable(), overdue: z.boolean(), createdAt: z.string().nullable(),
  })), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式为 YYYY-MM-DD');
export const StatsQuery = z.object({ island: z.string().max(8).optional(), from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export const ComplaintStats = z.object({
  items: z.array(z.object({
    place: z.object({ code: z.string(), name: z.string(), kind: z.string(), kindName: z.string() }), island: Ref, total: z.number().int(), open: z.number().int(), closed: z.number().int(),
    byCategory: z.record(z.string(), z.number().int()), lastAt: z.string(),
  })), general: z.number().int(),
}).meta({ id: 'ComplaintStats' });
