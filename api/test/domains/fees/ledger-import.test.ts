// Batch import of the fee ledgers through the shared runner: CSV and JSON lines, line errors with nothing
// applied, and re-importing the same file changes nothing.
import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';
import { DEMO_PEOPLE } from '../../../src/db/seed/residence';
import { parseLedgerLine } from '../../../src/domains/fees';

const [WANG, LI] = DEMO_PEOPLE;
const HEADER = 'external_id,id_number,period,insurance_type,due_employer_fen,due_personal_fen,paid_employer_fen,paid_personal_fen,reference';

describe('fee ledger imports', () => {
  let t: TestApp;
  let supervisor: string;
  const upload = async (kind: string, content: string, name: string) => {
    const res = await t.http.post('/api/v1/imports').set(bearer(supervisor)).field('kind', kind).attach('file', Buffer.from(content, 'utf8'), name).expect(202);
    await t.services.imports.settled();
    return (await t.http.get(`/api/v1/imports/${res.body.id}`).set(bearer(supervisor)).expect(200)).body;
  };
  before(async () => { t = await bootApp(); supervisor = await t.staffToken('supervisor'); });
  after(async () => { await t.close(); });

  it('checks a ledger line field by field', () => {
    const ok = parseLedgerLine({ external_id: 'T1', id_number: WANG.idNumber, period: '2026-10', insurance_type: 'pension', paid_personal_fen: '32000' });
    expect(ok.ok && ok.row).to.include({ externalId: 'T1', dueEmployerFen: 0, paidPersonalFen: 32000 });
    const bad = parseLedgerLine({ external_id: '', id_number: '123', period: '2026-13', insurance_type: 'luxury', paid_personal_fen: '-5' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).to.deep.equal(['external_id', 'id_number', 'period', 'insurance_type', 'paid_personal_fen']);
  });

  it('imports a tax ledger in CSV; re-importing the same file changes nothing', async () => {
    const csv = `${HEADER}\nT-1,${WANG.idNumber},2026-10,pension,64000,32000,64000,32000,\nT-2,${LI.idNumber},2026-10,medical,20000,5000,20000,5000,\n`;
    const first = await upload('tax_ledger', csv, 'tax-2026-10.csv');
    expect(first).to.include({ status: 'done', appliedLines: 2, kindName: '税务台账' });
    const before = await t.db.models.LedgerRow.findAll({ order: [['id', 'ASC']], raw: true });
    const again = await upload('tax_ledger', csv, 'tax-2026-10.csv');
    expect(again).to.include({ status: 'done' });
    const after = await t.db.models.LedgerRow.findAll({ order: [['id', 'ASC']], raw: true });
    expect(after).to.deep.equal(before);
  });

  it('imports JSON lines for finance', async () => {
    const lines = [
      JSON.stringify({ external_id: 'F-1', id_number: WANG.idNumber, period: '2026-10', insurance_type: 'pension', paid_employer_fen: 64000, paid_personal_fen: 32000, reference: 'ICBC-1' }),
      '',
      JSON.stringify({ external_id: 'F-2', id_number: LI.idNumber, period: '2026-10', insurance_type: 'medical', paid_employer_fen: 20000, paid_personal_fen: 5000 }),
    ].join('\n');
    const res = await upload('finance_ledger', lines, 'finance.jsonl');
    expect(res).to.include({ status: 'done', appliedLines: 2 });
    expect(await t.db.models.LedgerRow.count({ where: { source: 'finance' } })).to.equal(2);
  });

  it('shows an imported ledger in the insured person\'s query once the import is done, and follows a corrected line to its new year', async () => {
    const insured = await t.residentToken('wang-import');
    await t.http.post('/api/v1/me/insured').set(bearer(insured)).send({ idNumber: WANG.idNumber, name: WANG.name }).expect(200);
    const fees = async (from: string, to: string) => (await t.http.get(`/api/v1/me/fees?from=${from}&to=${to}`).set(bearer(insured)).expect(200)).body;
    // The tax and finance rows of October were imported by the tests above.
    expect((await fees('2026-01', '2026-12')).months).to.deep.equal([{ period: '2026-10', types: [{ type: 'pension', typeName: '养老保险', dueFen: 96000, paidFen: 96000, status: 'paid', statusName: '已缴' }] }]);
    const moved = await upload('tax_ledger', `${HEADER}\nT-1,${WANG.idNumber},2025-12,pension,64000,32000,64000,32000,\n`, 'tax-corrected.csv');
    expect(moved).to.include({ status: 'done' });
    // The row left 2026 (only finance's row is left there) and arrived in December 2025.
    expect((await fees('2026-01', '2026-12')).months[0].types[0]).to.include({ dueFen: 0, paidFen: 0 });
    expect((await fees('2025-01', '2025-12')).months).to.deep.equal([{ period: '2025-12', types: [{ type: 'pension', typeName: '养老保险', dueFen: 96000, paidFen: 96000, status: 'in_transit', statusName: '在途' }] }]);
  });

  it('reports bad lines by number and applies nothing', async () => {
    const csv = `${HEADER}\nB-1,${WANG.idNumber},2026-10,pension,64000,32000,0,0,\nB-2,${LI.idNumber},2026-10,luxury,1,1,0,0,\nB-1,${WANG.idNumber},2026-10,pension,64000,32000,0,0,\n`;
    const res = await upload('bureau_ledger', csv, 'bureau.csv');
    expect(res).to.include({ status: 'failed', appliedLines: 0, errorCount: 2 });
    expect(res.errors.map((e: { line: number; field: string }) => [e.line, e.field])).to.deep.equal([[3, 'insurance_type'], [4, 'line']]);
    expect(await t.db.models.LedgerRow.count({ where: { source: 'bureau' } })).to.equal(0);
    const json = await upload('bureau_ledger', '{"external_id": "x"\nnot json\n', 'bureau.jsonl');
    expect(json.status).to.equal('failed');
    await t.http.post('/api/v1/imports').set(bearer(supervisor)).field('kind', 'moon_ledger').attach('file', Buffer.from('x'), 'x.csv').expect(422);
  });
});
