// Demo islands: three islands of Zhuhai's Wanshan archipelago (the case study's 万山 micro-grid), each a town's
// community with a small lattice of grids over it, the units stationed on it (market regulation, tourism service
// centre, on-duty room), island staff, and the restaurants, hotels, piers and services a tourist looks for.
import { areaKm2, boundingBox, toWgs84, type StaffRole, type UnitType } from '../../domains/grid';
import type { PlaceKind } from '../../domains/tourism/vocabulary';
import type { Database } from '../models';
import { lattice } from './lattice';
import { createRegion } from './regions';

/** GCJ-02 centres, as a phone's map gives them. */
export const DEMO_ISLANDS = [
  { code: 'GS', name: '桂山岛', town: ['440499100', '桂山镇'], community: ['440499100001', '桂山社区'], centre: { lat: 22.1355, lng: 113.8235 }, phone: '8850' },
  { code: 'DA', name: '东澳岛', town: ['440499101', '万山镇'], community: ['440499101001', '东澳社区'], centre: { lat: 22.0130, lng: 113.7070 }, phone: '8851' },
  { code: 'WLD', name: '外伶仃岛', town: ['440499102', '担杆镇'], community: ['440499102001', '外伶仃社区'], centre: { lat: 22.0990, lng: 114.0320 }, phone: '8852' },
] as const;

export const ISLAND_STAFF: { username: string; displayName: string; role: StaffRole; unit?: string }[] = [
  { username: 'wanshan', displayName: '万山分拨员 黄丽', role: 'dispatcher' },
  { username: 'wanshan-supervisor', displayName: '万山督办员 周斌', role: 'supervisor' },
  { username: 'guishan-duty', displayName: '桂山值班员 吴海', role: 'handler', unit: 'GS-YJ' },
  { username: 'guishan-market', displayName: '桂山市场监管 郑敏', role: 'handler', unit: 'GS-SJ' },
];

// [island, code suffix, name, kind, offset north (m), offset east (m), phone, opening hours]
const PLACES: [string, string, string, PlaceKind, number, number, string | null, string | null][] = [
  ['GS', 'R-001', '桂山海鲜大排档', 'restaurant', 120, 80, '13926900101', '10:00-14:00,17:00-22:30'],
  ['GS', 'R-002', '渔村私房菜', 'restaurant', -260, 310, '13926900102', '11:00-21:00'],
  ['GS', 'R-003', '码头早茶铺', 'restaurant', -420, -150, '0756-8850201', '06:00-10:30'],
  ['GS', 'H-001', '桂山岛海景酒店', 'hotel', 350, 200, '0756-8850301', '00:00-24:00'],
  ['GS', 'H-002', '渔港民宿', 'hotel', -180, 520, '13926900103', '00:00-24:00'],
  ['GS', 'F-001', '桂山码头（往香洲港）', 'ferry', -600, -300, '0756-8850401', '07:30-18:00'],
  ['GS', 'S-001', '桂山岛环岛栈道', 'scenic', 900, 400, null, '00:00-24:00'],
  ['GS', 'C-001', '桂山镇卫生院', 'clinic', 60, -220, '0756-8850120', '00:00-24:00'],
  ['GS', 'P-001', '桂山边防派出所', 'police', -90, -60, '0756-8850110', '00:00-24:00'],
  ['GS', 'M-001', '岛上便利店', 'shop', 20, 140, '13926900104', '07:00-23:00'],
  ['DA', 'R-001', '东澳湾海鲜餐厅', 'restaurant', 150, -100, '13926900201', '10:30-21:30'],
  ['DA', 'H-001', '东澳岛度假酒店', 'hotel', 300, 250, '0756-8851301', '00:00-24:00'],
  ['DA', 'F-001', '东澳码头', 'ferry', -500, -200, '0756-8851401', '08:00-17:30'],
  ['DA', 'S-001', '南沙湾沙滩', 'scenic', -300, 600, null, '08:00-18:00'],
  ['DA', 'C-001', '东澳卫生站', 'clinic', 40, 30, '0756-8851120', '08:00-20:00'],
  ['WLD', 'R-001', '伶仃渔家乐', 'restaurant', 100, 60, '13926900301', '10:00-22:00'],
  ['WLD', 'H-001', '外伶仃客栈', 'hotel', -150, 200, '13926900302', '00:00-24:00'],
  ['WLD', 'F-001', '外伶仃码头', 'ferry', -400, -100, '0756-8852401', '08:00-17:00'],
  ['WLD', 'C-001', '外伶仃卫生站', 'clinic', 30, -80, '0756-8852120', '00:00-24:00'],
];

const CELL = 0.01;
const METRES_PER_DEG = 111_320;

/** Staff get the demo password's hash, computed once by the caller. */
export async function seedDemoIslands(db: Database, passwordHash: string): Promise<void> {
  const { Region, Grid, Unit, Staff, Island, Place } = db.models;
  if (await Island.findOne({ where: { code: 'GS' } })) return;
  const units = new Map<string, number>();
  await db.sequelize.transaction(async (transaction) => {
    const city = await createRegion(Region, '4404', '珠海市', 'city', null, transaction);
    // 万山海洋开发试验区 has no national division code of its own; 440499 is the code this deployment gives it.
    const district = await createRegion(Region, '440499', '万山区', 'district', city, transaction);
    const islandIds = new Map<string, { id: number; lat: number; lng: number }>();
    for (const [n, island] of DEMO_ISLANDS.entries()) {
      const town = await createRegion(Region, island.town[0], island.town[1], 'street', district, transaction);
      const community = await createRegion(Region, island.community[0], island.community[1], 'community', town, transaction);
      const centre = toWgs84(island.centre, 'gcj02');
      // A 3 × 3 lattice of about a kilometre a cell over the island.
      const cells = [...lattice({ originLat: centre.lat - 1.5 * CELL, originLng: centre.lng - 1.5 * CELL, cellDeg: CELL, cols: 3, rows: 3, seed: 440499 + n })];
      await Grid.bulkCreate(cells.map(({ col, row, polygon }) => ({
        code: `WS${island.code}${col + 1}${row + 1}`, name: `${island.name}第${row * 3 + col + 1}网格`, regionId: community.id, polygon, ...boundingBox(polygon), areaKm2: areaKm2(polygon),
      })), { transaction });
      const unitSpecs: [string, string, UnitType, string][] = [
        [`${island.code}-SJ`, `${island.town[1]}市场监督管理所`, 'market_regulation', `0756-${island.phone}001`],
        [`${island.code}-LY`, `${island.name}游客服务中心`, 'tourism', `0756-${island.phone}002`],
        [`${island.code}-YJ`, `${island.name}应急值班室`, 'emergency', `0756-${island.phone}110`],
      ];
      for (const [code, name, type, phone] of unitSpecs) units.set(code, (await Unit.create({ code, name, type, regionId: town.id, phone }, { transaction })).get('id') as number);
      const row = await Island.create({ code: island.code, name: island.name, regionId: community.id, lat: centre.lat, lng: centre.lng }, { transaction });
      islandIds.set(island.code, { id: row.get('id') as number, ...centre });
    }
    for (const s of ISLAND_STAFF) {
      await Staff.create({ username: s.username, displayName: s.displayName, passwordHash, role: s.role, regionId: district.id, unitId: s.unit ? units.get(s.unit)! : null }, { transaction });
    }
    await Place.bulkCreate(PLACES.map(([islandCode, suffix, name, kind, north, east, phone, openingHours]) => {
      const island = islandIds.get(islandCode)!;
      const lat = island.lat + north / METRES_PER_DEG;
      const lng = island.lng + east / (METRES_PER_DEG * Math.cos((island.lat * Math.PI) / 180));
      const islandName = DEMO_ISLANDS.find((i) => i.code === islandCode)!.name;
      return { code: `${islandCode}-${suffix}`, name, kind, islandId: island.id, lat, lng, address: `珠海市万山区${islandName}${name}`, phone, openingHours };
    }), { transaction });
  });
}
