// The pure rules of self-declaration, as tables: identity numbers, risk, colours, collision, import lines.
import { expect } from 'chai';
import { birthDateOf, checkCharacter, idNumberProblem, maskIdNumber, maskName, maskPhone, normaliseIdNumber, sexOf, withCheckCharacter } from '../../../src/domains/declarations/id-number';
import { assessRisks, MAX_NEW_PER_30_DAYS, sameName, type RiskFacts } from '../../../src/domains/declarations/risk';
import { declarationRate, houseColour, type HouseFacts } from '../../../src/domains/declarations/colour';
import { newFindings, type Candidate } from '../../../src/domains/declarations/collision-rules';
import { missingColumns, parseHouseLine, parsePopulationLine, parseRentalLine } from '../../../src/domains/declarations/import-rules';

describe('identity numbers (GB 11643)', () => {
  const valid = withCheckCharacter('44030619900101123');
  const cases: [string, string, string | null][] = [
    ['a valid number', valid, null],
    ['the published example 11010519491231002X', '11010519491231002X', null],
    ['a lower-case x, normalised', normaliseIdNumber('11010519491231002x'), null],
    ['a wrong check digit', valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'), 'check_digit'],
    ['17 characters', valid.slice(0, 17), 'length'],
    ['19 characters', `${valid}1`, 'length'],
    ['a letter inside', `4403061990A101123${valid[17]}`, 'characters'],
    ['31 February', withCheckCharacter('44030619900231123'), 'birth_date'],
    ['born in the future', withCheckCharacter('44030620990101123'), 'birth_date'],
  ];
  for (const [what, id, problem] of cases) {
    it(`${what} → ${problem ?? 'valid'}`, () => expect(idNumberProblem(id, new Date('2026-11-23T00:00:00Z'))).to.equal(problem));
  }
  it('computes the check character, X for 10', () => {
    expect(checkCharacter('11010519491231002')).to.equal('X');
  });
  it('reads sex and birth date from the number', () => {
    expect(birthDateOf(valid)).to.equal('1990-01-01');
    expect(sexOf(valid)).to.equal('male'); // 17th digit 3
    expect(sexOf('11010519491231002X')).to.equal('female'); // 17th digit 2
  });
  it('masks numbers, names and phones', () => {
    expect(maskIdNumber('440306199001011234')).to.equal('440306********1234');
    expect(maskName('王小明')).to.equal('王*明');
    expect(maskName('黄丽')).to.equal('黄*');
    expect(maskName('欧阳娜娜')).to.equal('欧**娜');
    expect(maskPhone('13800138000')).to.equal('138****8000');
    expect(maskPhone(null)).to.equal(null);
  });
});

describe('risk of a declaration', () => {
  const base: RiskFacts = { base: { name: '王小明' }, declaredName: '王小明', activeAtHouse: 0, capacity: 2, newAtHouseLast30Days: 0, stillDeclaredElsewhere: false, houseFlagged: false };
  const cases: [string, Partial<RiskFacts>, string[]][] = [
    ['a known person, room to spare → no risk (good faith)', {}, []],
    ['not in the population base', { base: null }, ['not_in_base']],
    ['the base knows another name', { declaredName: '王晓明' }, ['name_mismatch']],
    ['names differing only by spaces and middle dots match', { base: { name: '阿卜杜拉·买买提' }, declaredName: '阿卜杜拉 买买提' }, []],
    ['the house is full', { activeAtHouse: 2 }, ['over_capacity']],
    ['one below capacity is fine', { activeAtHouse: 1 }, []],
    [`${MAX_NEW_PER_30_DAYS} new declarations in 30 days already`, { newAtHouseLast30Days: MAX_NEW_PER_30_DAYS, capacity: 99 }, ['many_new']],
    ['one fewer is fine', { newAtHouseLast30Days: MAX_NEW_PER_30_DAYS - 1, capacity: 99 }, []],
    ['still declared at another house', { stillDeclaredElsewhere: true }, ['declared_elsewhere']],
    ['the house is flagged by staff', { houseFlagged: true }, ['house_flagged']],
    ['several at once, in a stable order', { base: null, activeAtHouse: 5, houseFlagged: true }, ['not_in_base', 'over_capacity', 'house_flagged']],
  ];
  for (const [what, change, risks] of cases) it(what, () => expect(assessRisks({ ...base, ...change })).to.deep.equal(risks));
  it('folds full-width forms', () => expect(sameName('王小明', ' 王小明 ')).to.equal(true));
});

describe('house colours', () => {
  const today = '2026-11-23';
  const facts = (f: Partial<HouseFacts>): HouseFacts => ({ declarations: [], openUndeclaredFindings: 0, openTasks: 0, today, ...f });
  const accepted = { status: 'accepted' as const, validUntil: '2027-06-01' };
  const cases: [string, Partial<HouseFacts>, string][] = [
    ['nobody known → none (grey)', {}, 'none'],
    ['everyone declared and accepted → green', { declarations: [accepted] }, 'green'],
    ['a declaration pending verification → yellow', { declarations: [accepted, { status: 'pending_verification', validUntil: '2027-11-23' }] }, 'yellow'],
    ['a declaration ending within 30 days → yellow', { declarations: [{ status: 'accepted', validUntil: '2026-12-23' }] }, 'yellow'],
    ['ending in 31 days → still green', { declarations: [{ status: 'accepted', validUntil: '2026-12-24' }] }, 'green'],
    ['an open task (reported vacant) → yellow', { declarations: [accepted], openTasks: 1 }, 'yellow'],
    ['an undeclared occupant reported → red, whatever else', { declarations: [accepted], openTasks: 1, openUndeclaredFindings: 1 }, 'red'],
    ['reported occupants and nobody declared → red', { openUndeclaredFindings: 2 }, 'red'],
  ];
  for (const [what, f, colour] of cases) it(what, () => expect(houseColour(facts(f))).to.equal(colour));
  it('the declaration rate is occupied houses not red over occupied houses', () => {
    expect(declarationRate({ red: 1, yellow: 1, green: 2 })).to.equal(0.75);
    expect(declarationRate({ red: 0, yellow: 0, green: 0 })).to.equal(null);
  });
});

describe('collision findings', () => {
  const c = (over: Partial<Candidate>): Candidate => ({ reportId: 1, kind: 'undeclared', houseId: 10, idHash: 'a', idMasked: 'm', source: 'police', reportedOn: '2026-11-01', ...over });
  it('raises one finding per person and house, from the latest report', () => {
    const found = newFindings([c({ reportId: 1, source: 'police', reportedOn: '2026-10-01' }), c({ reportId: 2, source: 'utilities', reportedOn: '2026-11-01' })], []);
    expect(found.map((f) => f.reportId)).to.deep.equal([2]);
  });
  it('does not raise a finding that is still open', () => {
    expect(newFindings([c({})], [{ kind: 'undeclared', houseId: 10, idHash: 'a' }])).to.deep.equal([]);
  });
  it('keeps different people and houses apart', () => {
    expect(newFindings([c({ reportId: 1 }), c({ reportId: 2, idHash: 'b' }), c({ reportId: 3, houseId: 11 })], [])).to.have.length(3);
  });
  it('raises one vacancy finding per house', () => {
    const found = newFindings([c({ reportId: 1, kind: 'declared_but_empty', idHash: null }), c({ reportId: 2, kind: 'declared_but_empty', idHash: null, source: 'utilities' })], []);
    expect(found).to.have.length(1);
  });
});

describe('import lines', () => {
  const id = withCheckCharacter('44030619900101123');
  it('names missing columns', () => {
    expect(missingColumns('population', ['id_number'])).to.deep.equal(['name']);
    expect(missingColumns('houses', ['code', 'address', 'building', 'floor', 'room', 'use', 'capacity', 'grid_code'])).to.deep.equal([]);
  });
  it('accepts a good house line and rejects bad fields by name', () => {
    const good = { code: 'ba0304-1-101', address: '河东花园1栋101', building: '1栋', floor: '1', room: '101', use: 'rental', capacity: '3', grid_code: 'BA0304', landlord_name: '', landlord_phone: '' };
    const parsed = parseHouseLine(good);
    expect(parsed.ok && parsed.row.code).to.equal('BA0304-1-101');
    const bad = parseHouseLine({ ...good, use: 'castle', capacity: '0', floor: 'two' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).to.deep.equal(['floor', 'use', 'capacity']);
    const long = parseHouseLine({ ...good, room: '1'.repeat(17), landlord_name: '名'.repeat(65) });
    expect(long.ok ? [] : long.errors.map((e) => e.field)).to.deep.equal(['room', 'landlord_name']);
  });
  it('checks identity numbers in the population base', () => {
    expect(parsePopulationLine({ id_number: id, name: '王小明' }).ok).to.equal(true);
    const bad = parsePopulationLine({ id_number: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), name: '' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).to.deep.equal(['id_number', 'name']);
  });
  it('needs a number for an occupied report and none for a vacant one', () => {
    const row = { house_code: 'BA0304-003-0101', address: '', id_number: id, occupancy: 'occupied', source: 'police', reported_on: '2026-11-01' };
    expect(parseRentalLine(row).ok).to.equal(true);
    const vacantWithId = parseRentalLine({ ...row, occupancy: 'vacant' });
    expect(vacantWithId.ok ? [] : vacantWithId.errors.map((e) => e.field)).to.deep.equal(['id_number']);
    const bad = parseRentalLine({ ...row, house_code: '', source: 'gossip', reported_on: '2026-13-01' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).to.deep.equal(['house_code', 'source', 'reported_on']);
  });
});
