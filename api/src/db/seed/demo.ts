// Demo data: a district of Bao'an, Shenzhen (3 streets, 6 communities, 42 grids around 22.555 N,
// 113.883 E in GCJ-02), its units, one staff account per role and a few residents.
import { toWgs84, areaKm2, boundingBox, hashPassword, type RegionLevel, type StaffRole, type UnitType } from '../../domains/grid';
import type { Database } from '../models';
import { lattice, type LatticeSpec } from './lattice';
import { createRegion, type RegionRef } from './regions';
import { seedDemoHouses } from './residence';
import { ISLAND_STAFF, seedDemoIslands } from './islands';

export const DEMO_PASSWORD = 'Weave@2026';
/** The demo point every example uses: inside grid BA0304 (西乡街道河东社区). */
export const DEMO_POINT_GCJ02 = { lat: 22.555, lng: 113.883 };

const CELL = 0.004;
const centre = toWgs84(DEMO_POINT_GCJ02, 'gcj02');
// The demo point falls in the middle of column 2, row 3, well away from any border.
export const DEMO_LATTICE: LatticeSpec = { originLat: centre.lat - 3.5 * CELL, originLng: centre.lng - 2.5 * CELL, cellDeg: CELL, cols: 6, rows: 7, seed: 440306 };

const STREETS = [
  { code: '440306001', name: '新安街道', communities: [['440306001001', '上川社区'], ['440306001002', '布心社区']] },
  { code: '440306002', name: '西乡街道', communities: [['440306002001', '河东社区'], ['440306002002', '固戍社区']] },
  { code: '440306003', name: '航城街道', communities: [['440306003001', '黄田社区'], ['440306003002', '钟屋社区']] },
];

const UNITS: [string, string, UnitType, string][] = [
  ['BA-CG', '宝安区城市管理和综合执法局', 'city_management', '0755-27777001'],
  ['BA-SW', '宝安区水务局', 'water', '0755-27777002'],
  ['BA-HB', '深圳市生态环境局宝安管理局', 'environment', '0755-27777003'],
  ['BA-SJ', '宝安区市场监督管理局', 'market_regulation', '0755-27777004'],
  ['BA-WL', '宝安区文化广电旅游体育局', 'tourism', '0755-27777005'],
  ['BA-GA', '深圳市公安局宝安分局', 'public_security', '0755-27777006'],
  ['BA-SB', '宝安区社会保险基金管理局', 'social_security', '0755-27777007'],
  ['BA-SWJ', '国家税务总局深圳市宝安区税务局', 'tax', '0755-27777008'],
  ['BA-CZ', '宝安区财政局', 'finance', '0755-27777009'],
  ['BA-ZJ', '宝安区住房和建设局', 'housing', '0755-27777010'],
];

export const DEMO_STAFF: { username: string; displayName: string; role: StaffRole; region: string; unit?: string }[] = [
  { username: 'admin', displayName: '系统管理员 王强', role: 'admin', region: '440306' },
  { username: 'supervisor', displayName: '督办员 陈静', role: 'supervisor', region: '440306' },
  { username: 'dispatcher', displayName: '分拨员 李娜', role: 'dispatcher', region: '440306' },
  // The street office of the demo point: road damage, street lights and the like reported there reach this handler.
  { username: 'handler', displayName: '处置人员 张伟', role: 'handler', region: '440306002', unit: '440306002-CG' },
  { username: 'gridworker', displayName: '网格员 刘洋', role: 'grid_worker', region: '440306002001' },
];

/** Every demo staff account, the islands' included (printed when the server starts). */
export const ALL_DEMO_STAFF = () => [...DEMO_STAFF, ...ISLAND_STAFF];

export async function seedDemo(db: Database): Promise<{ seeded: boolean }> {
  const { Region, Grid, Unit, Staff, Person } = db.models;
  if (await Region.findOne({ where: { code: '4403' } })) return { seeded: false };
  await db.sequelize.transaction(async (transaction) => {
    const region = (code: string, name: string, level: RegionLevel, parent: RegionRef | null) => createRegion(Region, code, name, level, parent, transaction);
    const city = await region('4403', '深圳市', 'city', null);
    const district = await region('440306', '宝安区', 'district', city);
    const byCode = new Map<string, RegionRef>([['4403', city], ['440306', district]]);
    const communities: { id: number; name: string; code: string }[] = [];
    for (const street of STREETS) {
      const s = await region(street.code, street.name, 'street', district);
      byCode.set(street.code, s);
      for (const [code, name] of street.communities) {
        const c = await region(code, name, 'community', s);
        byCode.set(code, c);
        communities.push({ id: c.id, name, code });
      }
    }
    const grids = [...lattice(DEMO_LATTICE)].map(({ col, row, polygon }) => ({
      code: `BA${String(col + 1).padStart(2, '0')}${String(row + 1).padStart(2, '0')}`,
      name: `${communities[col].name}第${row + 1}网格`,
      regionId: communities[col].id,
      polygon, ...boundingBox(polygon), areaKm2: areaKm2(polygon),
    }));
    await Grid.bulkCreate(grids, { transaction });
    const units = new Map<string, number>();
    for (const [code, name, type, phone] of UNITS) {
      units.set(code, (await Unit.create({ code, name, type, regionId: district.id, phone }, { transaction })).get('id') as number);
    }
    for (const street of STREETS) {
      const code = `${street.code}-CG`;
      units.set(code, (await Unit.create({ code, name: `${street.name}城市管理办公室`, type: 'city_management', regionId: byCode.get(street.code)!.id, phone: null }, { transaction })).get('id') as number);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const s of DEMO_STAFF) {
      await Staff.create({ username: s.username, displayName: s.displayName, passwordHash, role: s.role, regionId: byCode.get(s.region)!.id, unitId: s.unit ? units.get(s.unit)! : null }, { transaction });
    }
    for (const name of ['resident', 'tenant', 'tourist']) {
      await Person.create({ openid: `dev-${name}`, unionid: `dev-union-${name}`, nickname: null }, { transaction });
    }
  });
  await seedDemoHouses(db);
  await seedDemoIslands(db, await hashPassword(DEMO_PASSWORD));
  return { seeded: true };
}
