// Input and output shapes of the self-declaration endpoints.
import { z } from 'zod';
import { Paging } from '../../http/query';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), '日期无效');
const houseCode = z.string().trim().min(4).max(32).regex(/^[A-Za-z0-9-]+$/, '房屋编码为字母、数字或连字符');
const Risk = z.object({ code: z.string(), label: z.string() });
const PhotoView = z.object({ id: z.number(), kind: z.string(), url: z.string(), thumbnailUrl: z.string(), width: z.number(), height: z.number() });

export const HouseCodeParam = z.object({ code: houseCode });
export const IdParam = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const House = z.object({
  code: z.string(), address: z.string(), building: z.string(), floor: z.number().nullable(), room: z.string(), use: z.string(), useName: z.string(),
  capacity: z.number(), landlordName: z.string().nullable(), landlordPhone: z.string().nullable(), gridCode: z.string(), gridName: z.string(),
  communityName: z.string(), flagged: z.boolean(), flagReason: z.string().nullable(), colour: z.enum(['red', 'yellow', 'green', 'none']), colourName: z.string(), occupants: z.number(),
}).meta({ id: 'House' });
export const HouseList = z.object({ items: z.array(House), total: z.number(), page: z.number(), pageSize: z.number() });
export const HouseListQuery = Paging.extend({
  q: z.string().trim().max(100).optional(), gridCode: z.string().max(32).optional(), colour: z.enum(['red', 'yellow', 'green', 'none']).optional(), building: z.string().max(64).optional(),
});
export const CreateHouse = z.object({
  code: houseCode, address: z.string().trim().min(2).max(200), building: z.string().trim().min(1).max(64), floor: z.number().int().min(-10).max(200).nullable().optional(),
  room: z.string().trim().min(1).max(16), use: z.enum(['residential', 'rental', 'dormitory', 'shop_house']), capacity: z.number().int().min(1).max(500),
  gridCode: z.string().min(1).max(32), landlordName: z.string().trim().max(64).nullable().optional(), landlordPhone: z.string().regex(/^[\d-]{5,20}$/, '电话格式不正确').nullable().optional(),
}).strict().meta({ id: 'CreateHouse' });
export const FlagHouse = z.object({ reason: z.string().trim().min(2, '请说明标记原因').max(200) }).strict();
export const Empty = z.object({}).strict();
export const QrSheetQuery = z.object({ gridCode: z.string().max(32).optional(), building: z.string().max(64).optional() });
export const QrSheet = z.object({ items: z.array(z.object({ code: z.string(), address: z.string(), building: z.string(), floor: z.number().nullable(), room: z.string(), qrSvg: z.string() })) });
export const ResidentHouse = z.object({ code: z.string(), address: z.string(), building: z.string(), floor: z.number().nullable(), room: z.string(), gridName: z.string(), communityName: z.string() });

const idNumber = z.string().trim().min(1, '请填写身份证号').max(40);
const name = z.string().trim().min(1, '请填写姓名').max(64);
export const Prefill = z.object({ houseCode, idNumber, name }).strict().meta({ id: 'PrefillRequest' });
export const PrefillResult = z.object({
  sex: z.enum(['male', 'female']), birthDate: z.string(), phone: z.string().nullable(), moveInDate: z.string(),
  declaredElsewhere: z.object({ id: z.number(), houseCode: z.string(), address: z.string() }).nullable(),
});
export const Declare = z.object({
  houseCode, idNumber, name, sex: z.enum(['male', 'female']).optional(), birthDate: day.optional(), phone: z.string().regex(/^1\d{10}$/, '手机号应为 11 位').nullable().optional(),
  moveInDate: day.optional(), moveOutPrevious: z.boolean().optional(),
}).strict().meta({ id: 'DeclareRequest' });
export const Declaration = z.object({
  id: z.number(), house: z.object({ code: z.string(), address: z.string(), gridName: z.string(), communityName: z.string() }), name: z.string(), idNumberMasked: z.string(),
  sex: z.string(), birthDate: z.string(), phone: z.string().nullable(), moveInDate: z.string(), moveOutDate: z.string().nullable(), status: z.string(), statusName: z.string(),
  validUntil: z.string(), risks: z.array(Risk), landlordConfirmedAt: z.any(), verification: z.object({ status: z.string(), statusName: z.string(), note: z.string().nullable(), at: z.any() }).nullable(),
  createdAt: z.any(), allowedActions: z.array(z.enum(['move_out', 'renew'])),
}).meta({ id: 'Declaration' });
export const DeclarationList = z.object({ items: z.array(Declaration) });
export const MoveOut = z.object({ date: day.optional() }).strict();
const Tenant = z.object({ declarationId: z.number(), name: z.string(), idNumberMasked: z.string(), moveInDate: z.string(), status: z.string(), statusName: z.string(), landlordConfirmedAt: z.any() });
export const LandlordHouses = z.object({ items: z.array(z.object({ code: z.string(), address: z.string(), capacity: z.number(), colour: z.string(), colourName: z.string(), tenants: z.array(Tenant) })) });
export const TenantParams = z.object({ code: houseCode, declarationId: z.coerce.number().int().min(1).max(2_147_483_647) });
export const TenantView = Tenant;

const statuses = z.enum(['accepted', 'pending_verification', 'rejected', 'moved_out', 'expired']);
export const DeclarationSummary = z.object({
  id: z.number(), houseCode: z.string(), address: z.string(), gridCode: z.string(), gridName: z.string(), name: z.string(), idNumberMasked: z.string(),
  status: z.string(), statusName: z.string(), risks: z.array(Risk), moveInDate: z.string(), validUntil: z.string(), createdAt: z.any(),
}).meta({ id: 'DeclarationSummary' });
export const DeclarationListQuery = Paging.extend({ status: statuses.optional(), gridCode: z.string().max(32).optional(), houseCode: z.string().max(32).optional(), q: z.string().trim().max(64).optional() });
export const DeclarationPage = z.object({ items: z.array(DeclarationSummary), total: z.number(), page: z.number(), pageSize: z.number() });
export const DeclarationDetail = DeclarationSummary.extend({
  sex: z.string(), birthDate: z.string(), phone: z.string().nullable(),
  steps: z.array(z.object({ seq: z.number(), action: z.string(), actionName: z.string(), actorRole: z.string(), note: z.string().nullable(), at: z.any(), photos: z.array(PhotoView) })),
  evidence: z.object({ verified: z.boolean() }),
});
export const Reveal = z.object({ reason: z.string().trim().min(2, '请说明查看原因').max(200) }).strict();
export const Revealed = z.object({ idNumber: z.string() });
export const Task = z.object({
  id: z.number(), kind: z.string(), kindName: z.string(), status: z.string(), statusName: z.string(),
  house: z.object({ code: z.string(), address: z.string(), gridCode: z.string(), gridName: z.string() }), declaration: DeclarationSummary.nullable(),
  reasons: z.array(Risk), note: z.string().nullable(), photos: z.array(PhotoView), resolvedBy: z.number().nullable(), resolvedAt: z.any(), createdAt: z.any(),
}).meta({ id: 'VerificationTask' });
export const TaskQuery = Paging.extend({ status: z.enum(['open', 'done']).optional(), gridCode: z.string().max(32).optional() });
export const TaskPage = z.object({ items: z.array(Task), total: z.number(), page: z.number(), pageSize: z.number() });
export const TaskFields = z.object({ note: z.string().trim().max(500).optional() });
export const HouseDetail = House.extend({ tenants: z.array(DeclarationSummary), openTasks: z.array(Task), reportedOccupants: z.number() });

// Kinds of other domains (the fee ledgers) register with the import service, which checks the kind.
export const ImportFields = z.object({ kind: z.string().regex(/^[a-z_]{2,24}$/, '导入类型无效') });
export const ImportView = z.object({
  id: z.number(), kind: z.string(), kindName: z.string(), filename: z.string(), status: z.enum(['running', 'done', 'failed']), statusName: z.string(),
  processedLines: z.number(), appliedLines: z.number(), errorCount: z.number(), errors: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
  createdAt: z.any(), finishedAt: z.any(),
}).meta({ id: 'DataImport' });
export const ImportListQuery = z.object({ kind: z.string().regex(/^[a-z_]{2,24}$/).optional() });
export const ImportList = z.object({ items: z.array(ImportView) });
export const Run = z.object({
  id: z.number(), trigger: z.string(), status: z.string(), statusName: z.string(), reportsCompared: z.number(), undeclared: z.number(), declaredButEmpty: z.number(),
  eventsCreated: z.number(), tasksCreated: z.number(), startedAt: z.any(), finishedAt: z.any(),
}).meta({ id: 'CollisionRun' });
export const RunList = z.object({ items: z.array(Run) });
export const FindingQuery = Paging.extend({ kind: z.enum(['undeclared', 'declared_but_empty']).optional() });
export const FindingPage = z.object({
  items: z.array(z.object({
    id: z.number(), kind: z.string(), kindName: z.string(), house: z.object({ code: z.string(), address: z.string(), gridCode: z.string(), gridName: z.string() }),
    idNumberMasked: z.string().nullable(), source: z.string(), sourceName: z.string(), reportedOn: z.string(), eventCode: z.string().nullable(), taskId: z.number().nullable(), open: z.boolean(),
  })), total: z.number(), page: z.number(), pageSize: z.number(),
});
export const GridStatsQuery = z.object({ regionId: z.coerce.number().int().min(1).optional() });
export const GridStats = z.object({
  items: z.array(z.object({
    gridCode: z.string(), gridName: z.string(), communityName: z.string(), houses: z.number(), red: z.number(), yellow: z.number(), green: z.number(), none: z.number(),
    occupied: z.number(), declarationRate: z.number().nullable(),
  })),
});
