// Demo data of self-declaration: a rental building in grid BA0304 (河东社区, the demo grid worker's
// community) whose landlord is the demo resident, a few people in the population base, and rental
// reports from the police station, one of them about a tenant who never declared.
import type { PiiCipher } from '../../domains/declarations';
import { maskIdNumber, withCheckCharacter } from '../../domains/declarations/id-number';
import type { Database } from '../models';

/** Valid demo identity numbers (GB 11643 check digit) and the names the population base holds for them. */
export const DEMO_PEOPLE = [
  { idNumber: withCheckCharacter('44030619900101123'), name: '王小明', registeredAddress: '广东省深圳市宝安区西乡街道河东社区' },
  { idNumber: withCheckCharacter('43052419920315562'), name: '李秀英', registeredAddress: '湖南省邵阳市隆回县' },
  { idNumber: withCheckCharacter('36210219881120301'), name: '陈建国', registeredAddress: '江西省赣州市章贡区' },
  { idNumber: withCheckCharacter('45012119950708442'), name: '黄丽', registeredAddress: '广西壮族自治区南宁市' },
];
/** Reported by the police station as living in BA0304-003-0201, never declared: the collision finds him. */
export const DEMO_UNDECLARED = { idNumber: withCheckCharacter('51132219870412671'), name: '赵刚' };
export const DEMO_HOUSE = 'BA0304-003-0101';

export async function seedDemoHouses(db: Database): Promise<void> {
  const { House, Grid, Region, Person } = db.models;
  if (await House.findOne({ where: { code: DEMO_HOUSE } })) return;
  const grid = await Grid.findOne({ where: { code: 'BA0304' }, raw: true });
  if (!grid) return;
  const community = (await Region.findByPk(grid.regionId, { raw: true }))!;
  const landlord = await Person.findOne({ where: { openid: 'dev-resident' }, raw: true });
  const rows = [];
  for (let floor = 1; floor <= 4; floor++) {
    for (let room = 1; room <= 2; room++) {
      const number = `${floor}0${room}`;
      rows.push({
        code: `BA0304-003-0${number}`, address: `深圳市宝安区西乡街道河东社区河东花园3栋${number}室`, building: '河东花园3栋', floor, room: number,
        use: 'rental' as const, capacity: room === 1 ? 2 : 4, landlordName: '陈伯', landlordPhone: '13800138000', landlordPersonId: landlord?.id ?? null,
        gridId: grid.id, regionId: community.id, regionPath: community.path,
      });
    }
  }
  await House.bulkCreate(rows);
}

export async function seedDemoPopulation(db: Database, pii: PiiCipher): Promise<void> {
  const { PopulationRecord, RentalReport, House } = db.models;
  if (await PopulationRecord.count() > 0) return;
  await PopulationRecord.bulkCreate([...DEMO_PEOPLE, { ...DEMO_UNDECLARED, registeredAddress: '四川省南充市' }].map((p) => ({
    idHash: pii.index(p.idNumber), idCipher: pii.encrypt(p.idNumber), name: p.name, registeredAddress: p.registeredAddress,
  })));
  const house = await House.findOne({ where: { code: 'BA0304-003-0201' }, raw: true });
  if (!house) return;
  await RentalReport.create({
    houseId: house.id, houseCode: house.code, idHash: pii.index(DEMO_UNDECLARED.idNumber), idCipher: pii.encrypt(DEMO_UNDECLARED.idNumber),
    idMasked: maskIdNumber(DEMO_UNDECLARED.idNumber), occupancy: 'occupied', source: 'police', reportedOn: new Date().toISOString().slice(0, 10),
  });
}
