// The fixed vocabularies of the city structure, with the Chinese names staff and residents read.

export const REGION_LEVELS = { city: '市', district: '区', street: '街道', community: '社区' } as const;
export type RegionLevel = keyof typeof REGION_LEVELS;

export const STAFF_ROLES = {
  grid_worker: '网格员',
  dispatcher: '分拨员',
  handler: '处置人员',
  supervisor: '督办员',
  admin: '系统管理员',
} as const;
export type StaffRole = keyof typeof STAFF_ROLES;

export const UNIT_TYPES = {
  city_management: '城市管理',
  water: '水务',
  environment: '环境保护',
  market_regulation: '市场监管',
  tourism: '文化旅游',
  public_security: '公安联络',
  social_security: '社会保障',
  tax: '税务',
  finance: '财政',
  housing: '住房建设',
  // An island's on-duty room (应急值班室): answers tourists' calls for help around the clock.
  emergency: '应急值守',
} as const;
export type UnitType = keyof typeof UNIT_TYPES;

export const staffRoles = Object.keys(STAFF_ROLES) as [StaffRole, ...StaffRole[]];
export const unitTypes = Object.keys(UNIT_TYPES) as [UnitType, ...UnitType[]];
export const regionLevels = Object.keys(REGION_LEVELS) as [RegionLevel, ...RegionLevel[]];

const asOptions = (table: Record<string, string>) => Object.entries(table).map(([value, label]) => ({ value, label }));
export const vocabulary = () => ({
  unitTypes: asOptions(UNIT_TYPES),
  roles: asOptions(STAFF_ROLES),
  regionLevels: asOptions(REGION_LEVELS),
});
