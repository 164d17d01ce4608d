// Use cases of social-security fees: binding an account to an insured person (real-name check against the
// population base), the person's fees month by month, signed real-time posting of ledger rows by the
// department systems, and the API keys those systems use.
import crypto from 'node:crypto';
import { Op, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { Actor } from '../../actor';
import { cityDate, type Clock } from '../../clock';
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated, Unprocessable } from '../../errors';
import { ID_NUMBER_PROBLEMS, idNumberProblem, maskIdNumber, maskName, normaliseIdNumber, sameName, type DeclarationModels, type PiiCipher } from '../declarations';
import { mayFees } from './access';
import { FEE_STATUSES, monthStatus } from './fee-status';
import { LEDGER_SOURCES, type LedgerSource } from './matcher';
import type { FeeModels, LedgerRowAttrs } from './model';
import { monthsFromKeys, monthsOf, yearOf, type KeySums, type MonthEntry, type PayerYears } from './payer-years';
import { checkSignature } from './signature';
import { JsonBytes } from '../../http/json-bytes';
import { plainSelect } from '../../db/plain-select';

export const INSURANCE_TYPES = { pension: '养老保险', medical: '医疗保险', unemployment: '失业保险', work_injury: '工伤保险', maternity: '生育保险' } as const;
export type InsuranceType = keyof typeof INSURANCE_TYPES;

export interface PaymentInput {
  externalId: string; idNumber: string; period: string; insuranceType: InsuranceType;
  dueEmployerFen?: number; duePersonalFen?: number; paidEmployerFen: number; paidPersonalFen: number; reference?: string | null;
}

class SignatureRefused extends Unauthenticated {}

const byYear = (x: { year: string | null }, y: { year: string | null }) => String(x.year).localeCompare(String(y.year));

// The binding and the stored sums of the years asked for, in one round trip (see payer-years.ts).
// Values in order: fromYear, toYear, personId (plainSelect). No ORDER BY: sorting the one or two years of a
// LEFT JOIN made MariaDB build a temporary table (on disk, for the TEXT column) on every query, which tripled
// the statement's cost; the years are put in order in Node instead.
const MY_FEES_SQL = 'SELECT b.id_masked AS idMasked, b.name AS name, b.bound_at AS boundAt, y.year AS year, y.months AS months '
  + 'FROM insured_bindings b LEFT JOIN fee_payer_years y ON y.payer_hash = b.id_hash AND y.year BETWEEN ? AND ? WHERE b.person_id = ?';

// Pieces of a month × type entry, encoded once: {"type":…,"typeName":…,"dueFen":N,"paidFen":N,"status":…,"statusName":…}
const TYPE_JSON: Record<string, Buffer> = Object.fromEntries(Object.entries(INSURANCE_TYPES).map(([type, name]) => [type, JsonBytes.piece(`{"type":${JSON.stringify(type)},"typeName":${JSON.stringify(name)},"dueFen":`)]));
const STATUS_JSON: Record<string, Buffer> = Object.fromEntries(Object.entries(FEE_STATUSES).map(([status, name]) => [status, JsonBytes.piece(`,"status":${JSON.stringify(status)},"statusName":${JSON.stringify(name)}}`)]));

export function createFeeService(deps: { sequelize: Sequelize; models: FeeModels & Pick<DeclarationModels, 'PopulationRecord' | 'PiiAccess'>; clock: Clock; pii: PiiCipher; timezone: string; payerYears: PayerYears }) {
  const { models, clock, pii, sequelize, payerYears } = deps;
  const { InsuredBinding, LedgerRow, FeeKey, SignatureSeen, PopulationRecord, Certificate } = models;
  const today = () => cityDate(clock.now(), deps.timezone);

  function resident(actor: Actor): number {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'resident') throw new Forbidden('社保查询只面向居民账号');
    return actor.id;
  }
  function admin(actor: Actor) {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (!mayFees(actor, 'manage_keys')) throw new Forbidden('只有系统管理员可以管理接口密钥');
    return actor;
  }
  const bindingView = (b: { idMasked: string; name: string; boundAt: Date | string }) => ({ idNumberMasked: b.idMasked, name: b.name, boundAt: new Date(b.boundAt).toISOString() });

  const core = {
    /**
     * Binds the account to an insured person once: the number must pass its check digit and the population
     * base must hold it under that name (the city's real-name check; face verification is out of scope).
     */
    async bind(actor: Actor, input: { idNumber: string; name: string }) {
      const personId = resident(actor);
      const id = normaliseIdNumber(input.idNumber);
      const problem = idNumberProblem(id, clock.now());
      if (problem) throw new Invalid(ID_NUMBER_PROBLEMS[problem], [{ field: 'idNumber', message: ID_NUMBER_PROBLEMS[problem] }]);
      const idHash = pii.index(id);
      const base = await PopulationRecord.findOne({ where: { idHash }, attributes: ['name'], raw: true });
      // One answer for "unknown" and "wrong name": the check must not tell a stranger which numbers exist.
      if (!base || !sameName(base.name, input.name)) throw new Unprocessable('实名核验未通过：身份证号与姓名不匹配', 'validation', [{ field: 'name', message: '与身份证号不匹配' }]);
      const existing = await InsuredBinding.findOne({ where: { personId }, raw: true });
      if (existing) {
        if (existing.idHash === idHash) return bindingView(existing);
        throw new Conflict('该账号已绑定其他参保人');
      }
      try {
        const row = await InsuredBinding.create({ personId, idHash, idCipher: pii.encrypt(id), idMasked: maskIdNumber(id), name: input.name.trim(), boundAt: clock.now() });
        return bindingView(row.get({ plain: true }));
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new Conflict('该参保人已绑定在另一个微信账号上，如需更换请到社保窗口办理');
        throw err;
      }
    },

    async binding(actor: Actor) {
      const b = await InsuredBinding.findOne({ where: { personId: resident(actor) }, raw: true });
      if (!b) throw new NotFound('尚未绑定参保人');
      return bindingView(b);
    },

    /**
     * The insured person's own fees, month by month and type: the binding and the stored sums of the years
     * asked for (one row per year, kept with the ledgers) in one round trip; statuses are judged here, today.
     */
    async myFees(actor: Actor, range: { from: string; to: string }) {
      const { binding, months } = await storedYears(actor, range);
      return feesView(binding, months);
    },

    /** The same answer as myFees as UTF-8 JSON, written from ready pieces: the query every insured person runs. */
    async myFeesJson(actor: Actor, range: { from: string; to: string }): Promise<Buffer> {
      return feesJson(await core.myFees(actor, range));
    },

    /**
     * Staff look up a payer by identity number (supervisors and admins, with a reason): every look-up is
     * written to the personal-data access log, as unmasked declarations are.
     */
    async payerFees(actor: Actor, input: { idNumber: string; reason: string; from: string; to: string }, requestId: string | null) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      if (!mayFees(actor, 'look_up_payer')) throw new Forbidden('只有督办员和系统管理员可以查询缴费人');
      const id = normaliseIdNumber(input.idNumber);
      const problem = idNumberProblem(id, clock.now());
      if (problem) throw new Invalid(ID_NUMBER_PROBLEMS[problem], [{ field: 'idNumber', message: ID_NUMBER_PROBLEMS[problem] }]);
      const idHash = pii.index(id);
      await models.PiiAccess.create({ staffId: actor.id, subjectKind: 'fee_payer', subjectId: 0, reason: `${maskIdNumber(id)}：${input.reason}`.slice(0, 200), requestId, at: clock.now() });
      const base = await PopulationRecord.findOne({ where: { idHash }, attributes: ['name'], raw: true });
      return feesOf({ idHash, idMasked: maskIdNumber(id), name: base ? maskName(base.name) : '（人口库无此人）', boundAt: null }, input);
    },
  };

  /** The fee view as UTF-8 JSON from ready pieces (fees.test checks it is byte for byte what JSON.stringify writes). */
  function feesJson(view: ReturnType<typeof feesView>): Buffer {
    const out = new JsonBytes(1024 + view.months.length * 5 * 160).ascii('{"payer":').text(JSON.stringify(view.payer)).ascii(',"months":[');
    for (let i = 0; i < view.months.length; i++) {
      const m = view.months[i];
      out.ascii(`${i ? ',' : ''}{"period":${JSON.stringify(m.period)},"types":[`);
      for (let j = 0; j < m.types.length; j++) {
        const x = m.types[j];
        if (j) out.ascii(',');
        const head = TYPE_JSON[x.type], tail = STATUS_JSON[x.status];
        // A type or status this build does not name (never, today) is written out whole.
        if (head && tail && x.typeName === INSURANCE_TYPES[x.type as InsuranceType]) out.bytes(head).ascii(`${x.dueFen},"paidFen":${x.paidFen}`).bytes(tail);
        else out.text(JSON.stringify(x));
      }
      out.ascii(']}');
    }
    return out.ascii('],"totals":').ascii(JSON.stringify(view.totals)).ascii('}').done();
  }

  /** The caller's binding and the stored months of the years asked for: one prepared statement. */
  async function storedYears(actor: Actor, range: { from: string; to: string }) {
    const personId = resident(actor);
    checkRange(range);
    const joined = await plainSelect<{ idMasked: string; name: string; boundAt: Date | string; year: string | null; months: string | null }>(
      sequelize, MY_FEES_SQL, [yearOf(range.from), yearOf(range.to), personId], { prepared: true });
    if (!joined.length) throw new NotFound('尚未绑定参保人');
    if (joined.length > 1) joined.sort(byYear);
    const [b] = joined;
    const stored: (string | null)[] = new Array(joined.length);
    for (let i = 0; i < joined.length; i++) stored[i] = joined[i].months;
    return { binding: { idMasked: b.idMasked, name: b.name, boundAt: b.boundAt }, months: monthsOf(stored, range) };
  }

  function checkRange(range: { from: string; to: string }): void {
    if (range.from > range.to) throw new Invalid('起始月份不能晚于结束月份', [{ field: 'from', message: '应早于结束月份' }]);
  }

  /** A payer's months and types, with statuses and totals, from the three ledgers. */
  async function feesOf(b: { idHash: string; idMasked: string; name: string; boundAt: Date | string | null }, range: { from: string; to: string }) {
    checkRange(range);
    const rows = await LedgerRow.findAll({ where: { payerHash: b.idHash, period: { [Op.between]: [range.from, range.to] } }, raw: true });
    // The same sums the database makes for myFees, made here.
    const keys = new Map<string, KeySums>();
    const most = (a: number | null, v: number) => (a === null ? v : Math.max(a, v));
    for (const r of rows) {
      const key = `${r.period}|${r.insuranceType}`;
      const k = keys.get(key) ?? { period: r.period, insuranceType: r.insuranceType, bureauDue: null, taxDue: null, collected: null, received: null };
      const due = Number(r.dueEmployerFen) + Number(r.duePersonalFen), paid = Number(r.paidEmployerFen) + Number(r.paidPersonalFen);
      if (r.source === 'bureau') k.bureauDue = most(k.bureauDue, due);
      if (r.source === 'tax') { k.taxDue = most(k.taxDue, due); k.collected = most(k.collected, paid); }
      if (r.source === 'finance') k.received = most(k.received, paid);
      keys.set(key, k);
    }
    return feesView(b, monthsFromKeys([...keys.values()]));
  }

  /** The answer for a payer's months: each month × type with its status (judged today), and the totals. */
  function feesView(b: { idMasked: string; name: string; boundAt: Date | string | null }, months: MonthEntry[]) {
    const day = today();
    const totals = { dueFen: 0, paidFen: 0, arrearsFen: 0, refundFen: 0 };
    const view = months.map(([period, types]) => ({
      period,
      types: types.map(([type, dueFen, collectedFen, receivedFen]) => {
        const status = monthStatus({ period, dueFen, collectedFen, receivedFen, today: day });
        totals.dueFen += dueFen;
        totals.paidFen += collectedFen;
        if (status === 'arrears') totals.arrearsFen += dueFen - collectedFen;
        if (status === 'refund_due') totals.refundFen += collectedFen - dueFen;
        return { type, typeName: INSURANCE_TYPES[type as InsuranceType] ?? type, dueFen, paidFen: collectedFen, status, statusName: FEE_STATUSES[status] };
      }),
    }));
    return { payer: { idNumberMasked: b.idMasked, name: b.name, boundAt: b.boundAt ? new Date(b.boundAt).toISOString() : null }, months: view, totals };
  }

  const more = {

    /**
     * A department system posts one ledger row, signed with its key. The same external id with the same
     * content is the same posting (a retry): answered again, stored once; with other content it is 409.
     */
    async postPayment(headers: { key?: string; timestamp?: string; signature?: string }, rawBody: string, input: PaymentInput) {
      const key = headers.key ? await FeeKey.findOne({ where: { keyId: headers.key, revokedAt: null }, raw: true }) : null;
      if (!key) throw new SignatureRefused('接口密钥无效或已停用');
      const verdict = checkSignature({
        secret: pii.decrypt(key.secretCipher), timestampHeader: headers.timestamp, signatureHeader: headers.signature, body: rawBody,
        nowSeconds: Math.floor(clock.now().getTime() / 1000), seen: () => false,
      });
      if (verdict !== 'ok') throw new SignatureRefused({ missing: '缺少签名或时间戳', stale: '请求时间戳已过期', bad_signature: '签名不正确', replayed: '请求已处理过（重放）' }[verdict]);
      try {
        await SignatureSeen.create({ signature: headers.signature!, seenAt: clock.now() });
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new SignatureRefused('请求已处理过（重放）');
        throw err;
      }
      const id = normaliseIdNumber(input.idNumber);
      const problem = idNumberProblem(id, clock.now());
      if (problem) throw new Invalid(ID_NUMBER_PROBLEMS[problem], [{ field: 'idNumber', message: ID_NUMBER_PROBLEMS[problem] }]);
      const row = {
        source: key.source, externalId: input.externalId, payerHash: pii.index(id), payerMasked: maskIdNumber(id), period: input.period, insuranceType: input.insuranceType,
        dueEmployerFen: input.dueEmployerFen ?? 0, duePersonalFen: input.duePersonalFen ?? 0, paidEmployerFen: input.paidEmployerFen, paidPersonalFen: input.paidPersonalFen,
        reference: input.reference ?? null,
      };
      const same = (r: LedgerRowAttrs) => (['payerHash', 'period', 'insuranceType', 'dueEmployerFen', 'duePersonalFen', 'paidEmployerFen', 'paidPersonalFen'] as const)
        .every((f) => String(r[f]) === String(row[f])) && (r.reference ?? null) === row.reference;
      const existing = await LedgerRow.findOne({ where: { source: key.source, externalId: input.externalId }, raw: true });
      if (existing) {
        if (!same(existing)) throw new Conflict(`编号 ${input.externalId} 已登记为不同内容`);
        return { id: existing.id, source: key.source, externalId: input.externalId, replayed: true };
      }
      try {
        // The payer's year is recomputed in the same transaction: the query shows the posting as soon as it commits.
        const year = [{ payerHash: row.payerHash, year: yearOf(row.period) }];
        const created = await sequelize.transaction(async (transaction) => {
          await payerYears.lock(year, transaction);
          const inserted = await LedgerRow.create({ ...row, postedAt: clock.now() }, { transaction });
          await payerYears.recompute(year, transaction);
          return inserted;
        });
        return { id: created.get('id') as number, source: key.source, externalId: input.externalId, replayed: false };
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new Conflict(`编号 ${input.externalId} 正在登记，请稍后重试`);
        throw err;
      }
    },

    async createKey(actor: Actor, input: { name: string; source: LedgerSource }) {
      admin(actor);
      const keyId = `fk_${crypto.randomBytes(8).toString('hex')}`;
      const secret = crypto.randomBytes(32).toString('base64url');
      const row = await FeeKey.create({ keyId, name: input.name, source: input.source, secretCipher: pii.encrypt(secret), createdAt: clock.now() });
      // The secret is shown once; only its ciphertext is kept (the server needs it to check signatures).
      return { id: row.get('id') as number, keyId, name: input.name, source: input.source, sourceName: LEDGER_SOURCES[input.source], secret };
    },

    async listKeys(actor: Actor) {
      admin(actor);
      const rows = await FeeKey.findAll({ order: [['id', 'DESC']], raw: true });
      return { items: rows.map((k) => ({ id: k.id, keyId: k.keyId, name: k.name, source: k.source, sourceName: LEDGER_SOURCES[k.source], createdAt: new Date(k.createdAt).toISOString(), revokedAt: k.revokedAt ? new Date(k.revokedAt).toISOString() : null })) };
    },

    async revokeKey(actor: Actor, id: number) {
      admin(actor);
      const [n] = await FeeKey.update({ revokedAt: clock.now() }, { where: { id, revokedAt: null } });
      if (n !== 1) throw new NotFound('没有这个密钥，或已停用');
    },

    /** A payment certificate (缴费证明) for a range of months, with a code anyone can check. */
    async issueCertificate(actor: Actor, range: { from: string; to: string }) {
      const personId = resident(actor);
      const fees = await core.myFees(actor, range);
      // 12 characters of Crockford-like base32 without look-alikes: typed from paper, hard to guess.
      const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
      const code = Array.from(crypto.randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
      const row = { code, personId, payerMasked: fees.payer.idNumberMasked, nameMasked: maskName(fees.payer.name), periodFrom: range.from, periodTo: range.to,
        dueFen: fees.totals.dueFen, paidFen: fees.totals.paidFen, issuedAt: clock.now() };
      await Certificate.create(row);
      return { code, from: range.from, to: range.to, payerMasked: row.payerMasked, nameMasked: row.nameMasked, totals: { dueFen: row.dueFen, paidFen: row.paidFen }, issuedAt: row.issuedAt.toISOString(), verifyPath: `/api/v1/fees/certificates/${code}` };
    },

    /** Public: what a bank or an employer may learn from a certificate's code, masked. */
    async verifyCertificate(code: string) {
      const c = await Certificate.findOne({ where: { code: code.toUpperCase() }, raw: true });
      if (!c) throw new NotFound('没有这个缴费证明编码');
      return { valid: true, payerMasked: c.payerMasked, nameMasked: c.nameMasked, from: c.periodFrom, to: c.periodTo, totals: { dueFen: Number(c.dueFen), paidFen: Number(c.paidFen) }, issuedAt: new Date(c.issuedAt).toISOString() };
    },

    /** Signatures older than twice the window can never be replayed (they are stale): forget them. */
    async purgeSignatures(): Promise<number> {
      return SignatureSeen.destroy({ where: { seenAt: { [Op.lt]: new Date(clock.now().getTime() - 600_000) } } });
    },
  };
  return { ...core, ...more };
}
export type FeeService = ReturnType<typeof createFeeService>;
