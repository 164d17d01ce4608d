// Line rules of the CSV imports: what each kind's columns must hold. Pure: a line in, a parsed row or the
// fields at fault out; the import runner does the reading, the look-ups and the writing.
import { ID_NUMBER_PROBLEMS, idNumberProblem, normaliseIdNumber } from './id-number';
import type { HouseUse, ImportKind } from './model';

export const IMPORT_KINDS: Record<ImportKind, string> = { houses: '房屋', population: '人口库', rental_reports: '出租屋报送' };
export const IMPORT_COLUMNS: Record<ImportKind, string[]> = {
  houses: ['code', 'address', 'building', 'floor', 'room', 'use', 'capacity', 'grid_code', 'landlord_name', 'landlord_phone'],
  population: ['id_number', 'name', 'registered_address'],
  rental_reports: ['house_code', 'address', 'id_number', 'occupancy', 'source', 'reported_on'],
};
export const REPORT_SOURCES = { police: '派出所', family_planning: '计生', mediation: '人民调解', safety: '安全检查', utilities: '水电燃气' } as const;
const USES: HouseUse[] = ['residential', 'rental', 'dormitory', 'shop_house'];

export interface LineError { field: string; message: string }
export type Parsed<T> = { ok: true; row: T } | { ok: false; errors: LineError[] };

export interface HouseLine { code: string; address: string; building: string; floor: number | null; room: string; use: HouseUse; capacity: number; gridCode: string; landlordName: string | null; landlordPhone: string | null }
export interface PopulationLine { idNumber: string; name: string; registeredAddress: string | null }
export interface RentalLine { houseCode: string | null; address: string | null; idNumber: string | null; occupancy: 'occupied' | 'vacant'; source: keyof typeof REPORT_SOURCES; reportedOn: string }

const text = (v: string | undefined) => (v ?? '').trim();
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

function result<T>(errors: LineError[], row: () => T): Parsed<T> {
  return errors.length ? { ok: false, errors } : { ok: true, row: row() };
}

export function missingColumns(kind: ImportKind, header: string[]): string[] {
  const required = kind === 'houses' ? IMPORT_COLUMNS.houses.slice(0, 8) : kind === 'population' ? ['id_number', 'name'] : IMPORT_COLUMNS.rental_reports;
  return required.filter((c) => !header.includes(c));
}

export function parseHouseLine(r: Record<string, string>): Parsed<HouseLine> {
  const errors: LineError[] = [];
  const code = text(r.code).toUpperCase();
  if (!/^[A-Z0-9-]{4,32}$/.test(code)) errors.push({ field: 'code', message: '房屋编码应为 4–32 位字母、数字或连字符' });
  for (const f of ['address', 'building', 'room', 'grid_code'] as const) if (!text(r[f])) errors.push({ field: f, message: '必填' });
  // The columns' sizes, checked here so that MariaDB never refuses a line half-way through the apply pass.
  for (const [f, max] of [['address', 200], ['building', 64], ['room', 16], ['grid_code', 32], ['landlord_name', 64]] as const) {
    if (text(r[f]).length > max) errors.push({ field: f, message: `不超过 ${max} 字` });
  }
  const floor = text(r.floor);
  if (floor && !/^-?\d{1,3}$/.test(floor)) errors.push({ field: 'floor', message: '楼层应为整数' });
  if (!USES.includes(text(r.use) as HouseUse)) errors.push({ field: 'use', message: `用途应为 ${USES.join('/')}` });
  const capacity = Number(text(r.capacity));
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 500) errors.push({ field: 'capacity', message: '核定人数应为 1–500 的整数' });
  const phone = text(r.landlord_phone);
  if (phone && !/^[\d-]{5,20}$/.test(phone)) errors.push({ field: 'landlord_phone', message: '电话格式不正确' });
  return result(errors, () => ({
    code, address: text(r.address), building: text(r.building), floor: floor ? Number(floor) : null, room: text(r.room), use: text(r.use) as HouseUse,
    capacity, gridCode: text(r.grid_code), landlordName: text(r.landlord_name) || null, landlordPhone: phone || null,
  }));
}

export function parsePopulationLine(r: Record<string, string>, today?: Date): Parsed<PopulationLine> {
  const errors: LineError[] = [];
  const idNumber = normaliseIdNumber(text(r.id_number));
  const problem = idNumberProblem(idNumber, today);
  if (problem) errors.push({ field: 'id_number', message: ID_NUMBER_PROBLEMS[problem] });
  const name = text(r.name);
  if (!name || name.length > 64) errors.push({ field: 'name', message: '姓名必填，不超过 64 字' });
  if (text(r.registered_address).length > 200) errors.push({ field: 'registered_address', message: '不超过 200 字' });
  return result(errors, () => ({ idNumber, name, registeredAddress: text(r.registered_address) || null }));
}

export function parseRentalLine(r: Record<string, string>, today?: Date): Parsed<RentalLine> {
  const errors: LineError[] = [];
  const houseCode = text(r.house_code).toUpperCase() || null;
  const address = text(r.address) || null;
  if (!houseCode && !address) errors.push({ field: 'house_code', message: '房屋编码和地址至少填一项' });
  if ((address ?? '').length > 200) errors.push({ field: 'address', message: '不超过 200 字' });
  const occupancy = text(r.occupancy);
  if (occupancy !== 'occupied' && occupancy !== 'vacant') errors.push({ field: 'occupancy', message: '应为 occupied 或 vacant' });
  const rawId = normaliseIdNumber(text(r.id_number));
  if (occupancy === 'occupied') {
    const problem = idNumberProblem(rawId, today);
    if (problem) errors.push({ field: 'id_number', message: ID_NUMBER_PROBLEMS[problem] });
  } else if (rawId) errors.push({ field: 'id_number', message: '空置报送不应填写身份证号' });
  const source = text(r.source);
  if (!(source in REPORT_SOURCES)) errors.push({ field: 'source', message: `来源应为 ${Object.keys(REPORT_SOURCES).join('/')}` });
  const reportedOn = text(r.reported_on);
  if (!isDay(reportedOn)) errors.push({ field: 'reported_on', message: '日期格式应为 YYYY-MM-DD' });
  return result(errors, () => ({ houseCode, address, idNumber: occupancy === 'occupied' ? rawId : null, occupancy: occupancy as 'occupied' | 'vacant', source: source as keyof typeof REPORT_SOURCES, reportedOn }));
}
