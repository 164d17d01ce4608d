// The audience language compiled to SQL picks the same people as its evaluation in code, on the database
// under test (SQLite or MariaDB): the facts × rules table, plus every rule negated (unknown facts included).
import { expect } from 'chai';
import { compileAudience, matches } from '../../../src/domains/notices/audience';
import { openDatabase, type Database } from '../../../src/db/models';
import { freshDatabase } from '../../helpers/app';
import { PEOPLE, REGIONS, RULES, TODAY } from './fixtures';

describe('audience language in SQL', () => {
  let db: Database;
  let drop: () => Promise<void>;
  const ids = new Map(Object.keys(PEOPLE).map((name, i) => [name, i + 1]));
  before(async () => {
    const f = await freshDatabase();
    drop = f.drop;
    db = await openDatabase(f.url);
    await db.models.ResidentFact.bulkCreate(Object.entries(PEOPLE).map(([name, f]) => ({
      personId: ids.get(name)!, birthDate: f.birthDate, sex: f.sex, regionPath: f.regionPath, islandRegionPath: null, gridCode: f.gridCode, declared: f.declared,
      declarationValidUntil: f.declarationValidUntil, insured: f.insured, arrearsMonths: f.arrearsMonths, islandCode: f.islandCode, islandSeenOn: f.islandSeenOn,
      openEvents: f.openEvents, topics: f.topics.length ? `,${f.topics.join(',')},` : '', refreshedAt: new Date(),
    })));
  });
  after(async () => { await db.close(); await drop(); });

  for (const rule of RULES) {
    for (const audience of [rule.audience, { not: rule.audience }]) {
      it(`${audience === rule.audience ? '' : 'not: '}${rule.name}`, async () => {
        const inCode = Object.entries(PEOPLE).filter(([, f]) => matches(f, audience, TODAY, REGIONS)).map(([n]) => ids.get(n)!);
        const inSql = (await db.models.ResidentFact.findAll({ where: compileAudience(audience, TODAY, REGIONS), attributes: ['personId'], order: [['personId', 'ASC']], raw: true })).map((r) => r.personId);
        expect(inSql).to.deep.equal(inCode);
      });
    }
  }
});
