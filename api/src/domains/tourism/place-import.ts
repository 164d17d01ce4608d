// The `places` import: a CSV (or JSON lines) of merchants and services, keyed by code, so that re-importing a
// file changes nothing and a corrected file updates the places it names. Plugs into the import runner (two
// passes, per-line errors, all or nothing) through its Importer extension point.
import type { Transaction } from 'sequelize';
import { toWgs84 } from '../grid';
import type { Importer, LineError, Parsed } from '../declarations';
import { nextPlaceRevision, type TourismModels } from './model';
import { isPhone, nearestIsland, parseOpeningHours } from './rules';
import { placeKinds, type PlaceKind } from './vocabulary';

export const PLACE_COLUMNS = ['code', 'name', 'kind', 'island_code', 'lat', 'lng', 'coord_system', 'address', 'phone', 'opening_hours', 'active'];

export interface PlaceLine { code: string; name: string; kind: PlaceKind; islandCode: string; lat: number; lng: number; address: string; phone: string | null; openingHours: string | null; active: boolean }

const text = (v: string | undefined) => (v ?? '').trim();

/** One line's fields; the island code is checked against the database by `check`. Positions are stored in WGS-84. */
export function parsePlaceLine(r: Record<string, string>): Parsed<PlaceLine> {
  const errors: LineError[] = [];
  const code = text(r.code);
  if (!/^[A-Za-z0-9-]{2,32}$/.test(code)) errors.push({ field: 'code', message: '编码应为 2–32 位字母、数字或连字符' });
  const name = text(r.name);
  if (name.length < 2 || name.length > 100) errors.push({ field: 'name', message: '名称为 2–100 字' });
  const kind = text(r.kind) as PlaceKind;
  if (!placeKinds.includes(kind)) errors.push({ field: 'kind', message: `类别应为 ${placeKinds.join('/')}` });
  if (!text(r.island_code)) errors.push({ field: 'island_code', message: '必填' });
  const lat = Number(text(r.lat)), lng = Number(text(r.lng));
  if (!text(r.lat) || !Number.isFinite(lat) || lat < -90 || lat > 90) errors.push({ field: 'lat', message: '纬度应为 -90 到 90 的数' });
  if (!text(r.lng) || !Number.isFinite(lng) || lng < -180 || lng > 180) errors.push({ field: 'lng', message: '经度应为 -180 到 180 的数' });
  const system = text(r.coord_system) || 'gcj02';
  if (system !== 'gcj02' && system !== 'wgs84') errors.push({ field: 'coord_system', message: '坐标系应为 gcj02 或 wgs84' });
  const address = text(r.address);
  if (address.length < 2 || address.length > 200) errors.push({ field: 'address', message: '地址为 2–200 字' });
  const phone = text(r.phone);
  if (phone && !isPhone(phone)) errors.push({ field: 'phone', message: '电话应为手机号或带区号的固定电话' });
  const hours = text(r.opening_hours);
  if (hours && (hours.length > 100 || !parseOpeningHours(hours))) errors.push({ field: 'opening_hours', message: '营业时间格式如 08:00-14:00,17:00-22:00' });
  const active = text(r.active).toLowerCase();
  if (active && !['true', 'false', '1', '0'].includes(active)) errors.push({ field: 'active', message: '应为 true 或 false' });
  if (errors.length) return { ok: false, errors };
  const point = toWgs84({ lat, lng }, system as 'gcj02' | 'wgs84');
  return { ok: true, row: { code, name, kind, islandCode: text(r.island_code), lat: point.lat, lng: point.lng, address, phone: phone || null, openingHours: hours || null, active: !active || active === 'true' || active === '1' } };
}

export function placeImporter(deps: { models: TourismModels; now: () => Date; committed: () => void }): Importer {
  const islandsByCode = async () => new Map((await deps.models.Island.findAll({ raw: true })).map((i) => [i.code, i]));
  return {
    label: '海岛商家与服务点',
    required: PLACE_COLUMNS.slice(0, 6),
    parse: parsePlaceLine,
    key: (row) => (row as PlaceLine).code,
    async check(rows) {
      const islands = await islandsByCode();
      return (rows as PlaceLine[]).map((r) => {
        const island = islands.get(r.islandCode);
        if (!island) return [{ field: 'island_code', message: '海岛编码不存在' }];
        return nearestIsland([island], r) ? [] : [{ field: 'lat', message: '位置离该海岛超过 30 公里' }];
      });
    },
    async apply(rows, _importId, t: Transaction) {
      const islands = await islandsByCode();
      const now = deps.now();
      const revision = await nextPlaceRevision(deps.models, t);
      await deps.models.Place.bulkCreate((rows as PlaceLine[]).map((r) => ({ revision,
        code: r.code, name: r.name, kind: r.kind, islandId: islands.get(r.islandCode)!.id, lat: r.lat, lng: r.lng, address: r.address, phone: r.phone,
        openingHours: r.openingHours, active: r.active, createdAt: now, updatedAt: now,
      })), { transaction: t, updateOnDuplicate: ['name', 'kind', 'islandId', 'lat', 'lng', 'address', 'phone', 'openingHours', 'active', 'revision', 'updatedAt'] });
    },
    committed: deps.committed,
  };
}
