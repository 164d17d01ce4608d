// The default event categories of a Chinese street office: 33 categories over 5 levels (1 = urgent safety
// hazard). Data, not code: admins edit them afterwards.
import type { MigrationContext } from '../migrate';

// code, name, level, unit type, response hours, resolution hours, dispatched automatically
export const DEFAULT_CATEGORIES: [string, string, number, string, number, number, boolean][] = [
  ['fire-hazard', '消防安全隐患', 1, 'public_security', 1, 24, true],
  ['gas-leak', '燃气泄漏', 1, 'housing', 1, 12, true],
  ['building-danger', '房屋危险险情', 1, 'housing', 1, 24, true],
  ['manhole-missing', '井盖缺失破损', 1, 'water', 1, 12, true],
  ['road-collapse', '路面塌陷', 1, 'city_management', 1, 24, true],
  ['fallen-tree', '树木倒伏', 1, 'city_management', 2, 24, true],
  ['blocked-drain', '下水道堵塞', 2, 'water', 4, 24, true],
  ['waterlogging', '道路积水', 2, 'water', 2, 24, true],
  ['pipe-burst', '供水管爆裂', 2, 'water', 2, 24, true],
  ['traffic-light', '交通信号灯故障', 2, 'public_security', 2, 24, true],
  ['sewage-overflow', '污水外溢', 2, 'environment', 4, 48, true],
  ['illegal-construction', '违法建设', 2, 'city_management', 24, 168, false],
  ['road-damage', '道路破损', 3, 'city_management', 24, 72, true],
  ['broken-streetlight', '路灯损坏', 3, 'city_management', 24, 72, true],
  ['illegal-dumping', '乱倒垃圾', 3, 'environment', 12, 48, true],
  ['garbage-overflow', '垃圾满溢', 3, 'environment', 12, 24, true],
  ['construction-noise', '施工噪声', 3, 'environment', 12, 48, true],
  ['air-pollution', '废气排放', 3, 'environment', 12, 72, true],
  ['road-occupation', '占道经营', 3, 'city_management', 12, 48, true],
  ['unlicensed-stall', '无证摊贩', 3, 'market_regulation', 12, 48, true],
  ['food-safety', '食品安全问题', 3, 'market_regulation', 12, 72, false],
  ['noise-nuisance', '生活噪声扰民', 4, 'public_security', 24, 72, true],
  ['illegal-parking', '违章停车', 4, 'public_security', 24, 48, true],
  ['shared-bikes', '共享单车乱停放', 4, 'city_management', 24, 72, true],
  ['illegal-posters', '乱张贴小广告', 4, 'city_management', 24, 72, true],
  ['damaged-facility', '公共设施损坏', 4, 'city_management', 24, 120, true],
  ['greenery-damage', '绿化损坏', 4, 'city_management', 48, 168, true],
  ['stray-animals', '流浪动物', 4, 'city_management', 48, 168, true],
  ['rental-safety', '出租屋安全隐患', 4, 'housing', 24, 120, false],
  ['street-cleaning', '道路保洁不到位', 5, 'environment', 48, 120, true],
  ['graffiti', '乱涂乱画', 5, 'city_management', 72, 168, true],
  ['abandoned-vehicle', '废弃车辆', 5, 'public_security', 72, 240, true],
  ['other', '其他问题', 5, 'city_management', 72, 240, false],
];

export async function up({ queryInterface: q }: MigrationContext): Promise<void> {
  const now = new Date();
  await q.bulkInsert('categories', DEFAULT_CATEGORIES.map(([code, name, level, unitType, responseHours, resolutionHours, autoDispatch], i) => ({
    code, name, level, unit_type: unitType, response_hours: responseHours, resolution_hours: resolutionHours, auto_dispatch: autoDispatch,
    active: true, sort: i + 1, created_at: now, updated_at: now,
  })));
}

export async function down({ queryInterface: q }: MigrationContext): Promise<void> {
  await q.bulkDelete('categories', { code: DEFAULT_CATEGORIES.map(([code]) => code) });
}
