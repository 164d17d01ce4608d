// Input and output shapes of the city-structure endpoints (validation and the OpenAPI document).
import { z } from 'zod';
import { regionLevels, staffRoles, unitTypes } from './vocabulary';

const id = z.coerce.number().int().positive();
const option = z.object({ value: z.string(), label: z.string() });

export const MetaResponse = z.object({ unitTypes: z.array(option), roles: z.array(option), regionLevels: z.array(option) }).meta({ id: 'Meta' });

export const Region = z.object({ id: z.number().int(), code: z.string(), name: z.string(), level: z.enum(regionLevels), parentId: z.number().int().nullable() }).meta({ id: 'Region' });
export const RegionList = z.object({ items: z.array(Region) });

export const GridListQuery = z.object({
  regionId: id.optional(),
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const GridSummary = z.object({ id: z.number().int(), code: z.string(), name: z.string(), regionId: z.number().int(), communityName: z.string(), streetName: z.string(), areaKm2: z.number() }).meta({ id: 'GridSummary' });
export const GridList = z.object({ items: z.array(GridSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const GridCodeParams = z.object({ code: z.string().min(1).max(32) });
export const GridDetail = z.object({
  id: z.number().int(), code: z.string(), name: z.string(), regionId: z.number().int(), communityName: z.string(), areaKm2: z.number(),
  polygon: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
}).meta({ id: 'GridDetail' });

export const LocateQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  coordSystem: z.enum(['wgs84', 'gcj02']).default('gcj02'),
});
export const LocateResponse = z.object({
  grid: z.object({ id: z.number().int(), code: z.string(), name: z.string(), regionId: z.number().int(), communityName: z.string(), streetName: z.string() }),
  point: z.object({ lat: z.number(), lng: z.number() }).describe('the point in WGS-84'),
}).meta({ id: 'GridLocation' });

export const UnitListQuery = z.object({ type: z.enum(unitTypes).optional(), q: z.string().trim().max(64).optional() });
export const Unit = z.object({ id: z.number().int(), code: z.string(), name: z.string(), type: z.enum(unitTypes), typeName: z.string(), regionId: z.number().int(), regionName: z.string(), phone: z.string().nullable() }).meta({ id: 'Unit' });
export const UnitList = z.object({ items: z.array(Unit), total: z.number().int() });
export const CreateUnit = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9-]{2,32}$/, '编码为 2–32 位字母、数字或连字符'),
  name: z.string().trim().min(2, '名称至少 2 个字').max(64),
  type: z.enum(unitTypes),
  regionId: z.number().int().positive(),
  phone: z.string().trim().regex(/^[0-9-]{5,20}$/, '电话号码格式不正确').nullish(),
}).strict().meta({ id: 'CreateUnit' });

export const StaffListQuery = z.object({ role: z.enum(staffRoles).optional(), unitId: id.optional() });
export const Staff = z.object({
  id: z.number().int(), username: z.string(), displayName: z.string(), role: z.enum(staffRoles), roleName: z.string(),
  regionId: z.number().int(), regionName: z.string(), unitId: z.number().int().nullable(), unitName: z.string().nullable(), active: z.boolean(),
}).meta({ id: 'Staff' });
export const StaffList = z.object({ items: z.array(Staff), total: z.number().int() });
export const CreateStaff = z.object({
  username: z.string().trim().regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字、下划线，以字母开头'),
  displayName: z.string().trim().min(2).max(64),
  password: z.string().min(8, '密码至少 8 个字符').max(128),
  role: z.enum(staffRoles),
  regionId: z.number().int().positive(),
  unitId: z.number().int().positive().nullish(),
}).strict().meta({ id: 'CreateStaff' });
