// Use cases of self-declaration: look up a house, prefill, declare (good faith or doubt), move out, renew,
// landlord confirmation, staff lists and the audited reveal of a number, door-to-door verification tasks,
// and the daily expiry reminders. Each change is one transaction with its evidence step and its notices.
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import { cityDate, type Clock } from '../../clock';
import { bulkInsert, storedTime } from '../../db/bulk-insert';
import { plainSelect, selectList } from '../../db/plain-select';
import { createGroupCommit, type CallResult } from '../../db/group-commit';
import { inRetriedTransaction } from '../../db/transactions';
import { seal } from '../../personal-fields';
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated } from '../../errors';
import type { GridLocator, GridModels } from '../grid';
import type { NoticeService } from '../notices';
import { type PhotoAttrs, type PhotoService } from '../photos';
import type { AuthModels } from '../auth/model';
import { inResidenceScope, mayResidence, type ResidenceAction } from './access';
import { ACTIVE_STATUSES, colourFactColumns, type ColourFacts, type HouseService } from './houses';
import { birthDateOf, ID_NUMBER_PROBLEMS, idNumberProblem, maskIdNumber, maskName, maskPhone, normaliseIdNumber, sexOf } from './id-number';
import { iso, type DeclarationAttrs, type DeclarationModels, type DeclarationStatus, type HouseAttrs, type TaskAttrs } from './model';
import type { PiiCipher } from './pii';
import { assessRisks, riskViews, type Risk } from './risk';
import { createStepStore, verifySteps, type StepActor } from './steps';

export const DECLARATION_STATUSES: Record<DeclarationStatus, string> = {
  accepted: '已登记', pending_verification: '待核查', rejected: '核查未通过', moved_out: '已搬离', expired: '已过期',
};
export const TASK_KINDS = { declaration_doubt: '申报存疑核查', declared_but_empty: '报送空置核查' } as const;
export const TASK_STATUSES = { open: '待核查', confirmed: '核查属实', rejected: '核查不符' } as const;
export const STEP_ACTIONS: Record<string, string> = {
  declare: '申报', move_out: '搬离', renew: '续期', expire: '到期', verify_pass: '核查属实', verify_fail: '核查不符',
  landlord_confirm: '房东确认', end_by_verification: '核查后注销', moved_out_for_new: '新申报时搬离',
};
/** A declaration is valid for 12 months; its tenant is reminded 30 days before it ends. */
export const VALIDITY_MONTHS = 12;
export const REMINDER_DAYS = 30;

export interface DeclareInput {
  houseCode: string; idNumber: string; name: string; sex?: 'male' | 'female'; birthDate?: string; phone?: string | null; moveInDate?: string; moveOutPrevious?: boolean;
}

export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, d));
  if (date.getUTCDate() !== d) date.setUTCDate(0); // 31 Jan + 1 month → the last day of February
  return date.toISOString().slice(0, 10);
}
export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface DeclarationServiceDeps {
  sequelize: Sequelize; models: DeclarationModels & GridModels & AuthModels; clock: Clock; locator: GridLocator; houses: HouseService;
  notices: NoticeService; photos: PhotoService; pii: PiiCipher; timezone: string;
  /** Domain events for notice rules ("declaration expiring"), raised in the transaction of the change. */
  domainEvents?: { emit(event: 'declaration_expiring', personIds: number[], vars: Record<string, string>, t: Transaction): Promise<unknown> };
  /** The declaring person's key: their name and number enter the evidence sealed with it, so erasure leaves the chain intact. */
  personalKey?: (personId: number, t: Transaction) => Promise<Buffer>;
  /** The same for a group of people at once; null for an erased person. */
  personalKeys?: (personIds: number[], t?: Transaction) => Promise<Map<number, Buffer | null>>;
}

export function createDeclarationService(deps: DeclarationServiceDeps) {
  const { sequelize, models, clock, houses, notices, photos, pii } = deps;
  const { House, PopulationRecord, Declaration, VerificationTask, Staff, Region, Person, PiiAccess, CollisionFinding } = models;
  const steps = createStepStore(models);
  const today = () => cityDate(clock.now(), deps.timezone);

  function resident(actor: Actor): number {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'resident') throw new Forbidden('居住申报只面向居民账号');
    return actor.id;
  }
  function staff(actor: Actor, action: ResidenceAction): StaffActor {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (!mayResidence(actor, action)) throw new Forbidden('您的角色无权进行此操作');
    return actor;
  }
  const stepActor = (actor: Actor): StepActor =>
    actor.kind === 'staff' ? { kind: 'staff', id: actor.id, role: actor.role } : actor.kind === 'resident' ? { kind: 'resident', id: actor.id, role: 'tenant' } : { kind: 'system', id: null, role: 'system' };
  const SYSTEM: StepActor = { kind: 'system', id: null, role: 'system' };
  const arr = (v: unknown): string[] => (typeof v === 'string' ? JSON.parse(v) : (v as string[]) ?? []);

  function checkedIdNumber(raw: string): string {
    const id = normaliseIdNumber(raw);
    const problem = idNumberProblem(id, clock.now());
    if (problem) throw new Invalid(ID_NUMBER_PROBLEMS[problem], [{ field: 'idNumber', message: ID_NUMBER_PROBLEMS[problem] }]);
    return id;
  }

  const inTransaction = <T>(work: (t: Transaction) => Promise<T>) => inRetriedTransaction(sequelize, work);

  /** The active grid workers with the path of the region each works in (a house's workers: those whose path it starts with). */
  async function gridWorkers(transaction: Transaction): Promise<{ id: number; path: string }[]> {
    const workers = await Staff.findAll({ where: { role: 'grid_worker', active: true }, attributes: ['id', 'regionId'], raw: true, transaction });
    const paths = new Map((await Region.findAll({ where: { id: [...new Set(workers.map((w) => w.regionId))] }, attributes: ['id', 'path'], raw: true, transaction })).map((r) => [r.id, r.path]));
    return workers.map((w) => ({ id: w.id, path: paths.get(w.regionId) ?? '/none/' }));
  }

  /** The declare step's payload, with the person's name and masked number sealed under their key. */
  async function declarePayload(t: Transaction, actor: Actor, p: { house: string; idNumberMasked: string; name: string; risks: string[]; status: string }, keys?: Map<number, Buffer>) {
    if (actor.kind !== 'resident' || !deps.personalKey) return p;
    const key = keys?.get(actor.id) ?? await deps.personalKey(actor.id, t);
    keys?.set(actor.id, key);
    return { ...p, idNumberMasked: seal(key, p.idNumberMasked), name: seal(key, p.name) };
  }

  const link = (id: number) => `/packages/residence/pages/mine/index?id=${id}`;
  async function tellTenant(t: Transaction, d: DeclarationAttrs, title: string, body: string, extra: { topic?: string; dedupeKey?: string } = {}) {
    if (d.personId) await notices.notifyPeople([d.personId], { title, body, link: link(d.id), topic: extra.topic ?? 'residence', dedupeKey: extra.dedupeKey }, t);
  }

  /**
   * Opens door-to-door tasks and tells the grid workers of each house's community: the tasks in one INSERT,
   * the grid workers read once, their messages in one go. `k` is the caller's key for each task's id.
   */
  async function openTasks(t: Transaction, tasks: { k: number; task: { kind: TaskAttrs['kind']; house: HouseAttrs; declarationId: number | null; reasons: string[] } }[]): Promise<Map<number, number>> {
    if (!tasks.length) return new Map();
    const now = clock.now();
    const ids = await bulkInsert(VerificationTask as never, tasks.map(({ task }) => ({
      kind: task.kind, houseId: task.house.id, declarationId: task.declarationId, gridId: task.house.gridId, regionPath: task.house.regionPath,
      status: 'open', reasons: task.reasons, createdAt: now, updatedAt: now,
    })), t);
    const workers = await gridWorkers(t);
    await notices.notifyStaffEach(tasks.flatMap(({ task }) => workers.filter((w) => task.house.regionPath.startsWith(w.path)).map((w) => ({
      staffId: w.id, notice: { title: '新核查任务', body: `${task.house.address}：${TASK_KINDS[task.kind]}`, topic: 'verification_task' },
    }))), t);
    return new Map(tasks.map(({ k }, i) => [k, ids[i]]));
  }
  async function openTask(t: Transaction, task: { kind: TaskAttrs['kind']; house: HouseAttrs; declarationId: number | null; reasons: string[] }): Promise<number> {
    return (await openTasks(t, [{ k: 0, task }])).get(0)!;
  }

  async function houseMap(ids: number[]) {
    const rows = await House.findAll({ where: { id: [...new Set(ids)] }, raw: true });
    const views = await houses.view(rows);
    return new Map(rows.map((h, i) => [h.id, { house: h, view: views[i] }]));
  }

  function allowedActions(d: DeclarationAttrs): string[] {
    const actions: string[] = [];
    if (d.status === 'accepted' || d.status === 'pending_verification') actions.push('move_out');
    if (d.status === 'expired' || (d.status === 'accepted' && d.validUntil <= addDays(today(), REMINDER_DAYS * 2))) actions.push('renew');
    return actions;
  }

  function declarationView(d: DeclarationAttrs, h: { code: string; address: string; gridName: string; communityName: string }, task: Pick<TaskAttrs, 'status' | 'note' | 'resolvedAt'> | null) {
    return {
      id: d.id, house: { code: h.code, address: h.address, gridName: h.gridName, communityName: h.communityName },
      name: d.name, idNumberMasked: d.idMasked, sex: d.sex, birthDate: String(d.birthDate), phone: maskPhone(d.phone),
      moveInDate: String(d.moveInDate), moveOutDate: d.moveOutDate ? String(d.moveOutDate) : null, status: d.status, statusName: DECLARATION_STATUSES[d.status],
      validUntil: String(d.validUntil), risks: riskViews(arr(d.risks)), landlordConfirmedAt: iso(d.landlordConfirmedAt),
      verification: task ? { status: task.status, statusName: TASK_STATUSES[task.status], note: task.status === 'open' ? null : task.note, at: iso(task.resolvedAt) } : null,
      createdAt: iso(d.createdAt), allowedActions: allowedActions(d),
    };
  }

  async function tenantViews(rows: DeclarationAttrs[]) {
    const hm = await houseMap(rows.map((d) => d.houseId));
    const tasks = rows.length ? await VerificationTask.findAll({ where: { declarationId: rows.map((d) => d.id) }, order: [['id', 'DESC']], raw: true }) : [];
    return rows.map((d) => declarationView(d, hm.get(d.houseId)!.view, tasks.find((t) => t.declarationId === d.id) ?? null));
  }

  async function staffSummaries(rows: DeclarationAttrs[]) {
    const hm = await houseMap(rows.map((d) => d.houseId));
    return rows.map((d) => {
      const h = hm.get(d.houseId)!.view;
      return {
        id: d.id, houseCode: h.code, address: h.address, gridCode: h.gridCode, gridName: h.gridName, name: d.name, idNumberMasked: d.idMasked,
        status: d.status, statusName: DECLARATION_STATUSES[d.status], risks: riskViews(arr(d.risks)), moveInDate: String(d.moveInDate),
        validUntil: String(d.validUntil), createdAt: iso(d.createdAt),
      };
    });
  }

  async function taskViews(rows: TaskAttrs[]) {
    const hm = await houseMap(rows.map((t) => t.houseId));
    const decls = await Declaration.findAll({ where: { id: rows.map((t) => t.declarationId).filter((x): x is number => x !== null) }, raw: true });
    const summaries = new Map((await staffSummaries(decls)).map((s) => [s.id, s]));
    const taskPhotos = await photos.forOwners('task', rows.map((t) => t.id));
    return rows.map((t) => {
      const h = hm.get(t.houseId)!.view;
      return {
        id: t.id, kind: t.kind, kindName: TASK_KINDS[t.kind], status: t.status, statusName: TASK_STATUSES[t.status],
        house: { code: h.code, address: h.address, gridCode: h.gridCode, gridName: h.gridName },
        declaration: t.declarationId ? summaries.get(t.declarationId) ?? null : null, reasons: riskViews(arr(t.reasons)), note: t.note,
        photos: taskPhotos.filter((p: PhotoAttrs) => p.ownerId === t.id).map((p) => photos.view(p)), resolvedBy: t.resolvedBy, resolvedAt: iso(t.resolvedAt), createdAt: iso(t.createdAt),
      };
    });
  }

  async function ownDeclaration(actor: Actor, id: number): Promise<DeclarationAttrs> {
    const personId = resident(actor);
    const d = await Declaration.findByPk(id, { raw: true });
    // Someone else's declaration is "not found": its existence is not theirs to learn.
    if (!d || d.personId !== personId) throw new NotFound('没有这条申报');
    return d;
  }

  async function visibleDeclaration(actor: StaffActor, id: number): Promise<DeclarationAttrs> {
    const d = await Declaration.findByPk(id, { raw: true });
    if (!d || !inResidenceScope(actor, d.regionPath)) throw new NotFound('没有这条申报');
    return d;
  }

  /**
   * The houses a resident is landlord of: linked to the account, or whose landlord phone (from the house
   * registry and its imports) is the mobile number WeChat verified for the account.
   */
  async function landlordOf(personId: number): Promise<WhereOptions<HouseAttrs>> {
    const person = await Person.findByPk(personId, { attributes: ['phone'], raw: true });
    return person?.phone ? { [Op.or]: [{ landlordPersonId: personId }, { landlordPhone: person.phone }] } : { landlordPersonId: personId };
  }

  /** Moves a declaration from the status it was read in; 409 if someone else moved it first. */
  async function move(t: Transaction, d: DeclarationAttrs, to: DeclarationStatus, changes: Partial<DeclarationAttrs> = {}) {
    const [n] = await Declaration.update({ ...changes, status: to }, { where: { id: d.id, status: d.status }, transaction: t });
    if (n !== 1) throw new Conflict('该申报状态已变化，请刷新后重试');
  }

  /** A declaration that first moves the person out of where they are declared: one transaction of its own. */
  async function declareAlone(actor: Actor, personId: number, id: string, input: DeclareInput) {
    const house = await houses.byCode(input.houseCode);
    const idHash = pii.index(id);
    const now = clock.now();
    const day = today();
    const base = await PopulationRecord.findOne({ where: { idHash }, attributes: ['name'], raw: true });
    const declarationId = await inTransaction(async (t): Promise<{ created: DeclarationAttrs; taskId: number | null }> => {
      const active = await Declaration.findAll({ where: { idHash, status: [...ACTIVE_STATUSES] }, raw: true, transaction: t });
      if (active.some((d) => d.houseId === house.id)) throw new Conflict('此人已在该房屋登记，无需重复申报');
      for (const d of active) {
        await move(t, d, 'moved_out', { moveOutDate: day });
        await steps.append(t, d.id, { action: 'moved_out_for_new', actor: stepActor(actor), payload: { newHouse: house.code }, at: now });
      }
      await houses.refresh(active.map((d) => d.houseId), t);
      // The house's active declarations and those of the last 30 days, in one read: capacity, "many new" and the colour all come from it.
      const since = new Date(now.getTime() - 30 * 86_400_000);
      const atHouse = await Declaration.findAll({
        where: { houseId: house.id, [Op.or]: [{ status: [...ACTIVE_STATUSES] }, { createdAt: { [Op.gte]: since } }] },
        attributes: ['status', 'validUntil', 'createdAt'], raw: true, transaction: t,
      });
      const activeAtHouse = atHouse.filter((d) => (ACTIVE_STATUSES as readonly string[]).includes(d.status));
      const risks: Risk[] = assessRisks({
        base, declaredName: input.name, activeAtHouse: activeAtHouse.length, capacity: house.capacity,
        newAtHouseLast30Days: atHouse.filter((d) => new Date(d.createdAt) >= since).length,
        stillDeclaredElsewhere: false /* moved out above */, houseFlagged: Boolean(house.flagged),
      });
      const status: DeclarationStatus = risks.length ? 'pending_verification' : 'accepted';
      const row = await Declaration.create({
        houseId: house.id, gridId: house.gridId, regionPath: house.regionPath, personId, idHash, idCipher: pii.encrypt(id), idMasked: maskIdNumber(id),
        name: input.name.trim(), sex: input.sex ?? sexOf(id), birthDate: input.birthDate ?? birthDateOf(id)!, phone: input.phone ?? null,
        moveInDate: input.moveInDate ?? day, status, validUntil: addMonths(day, VALIDITY_MONTHS), risks, createdAt: now, updatedAt: now,
      }, { transaction: t });
      const created = row.get({ plain: true }) as DeclarationAttrs;
      // Declaring answers what another department reported about this person here: the finding closes now,
      // not at the next collision. (Only a red house has open findings.)
      if (house.colour === 'red') await CollisionFinding.update({ open: false }, { where: { houseId: house.id, idHash, kind: 'undeclared', open: true }, transaction: t });
      // The evidence names the person by masked number and name only: the chain is shown to staff and auditors.
      Object.assign(created, await steps.append(t, created.id, { action: 'declare', actor: stepActor(actor), payload: await declarePayload(t, actor, { house: house.code, idNumberMasked: maskIdNumber(id), name: input.name.trim(), risks, status }), at: now }, { evidenceSeq: 0, evidenceHead: null }));
      let taskId: number | null = null;
      if (risks.length) {
        taskId = await openTask(t, { kind: 'declaration_doubt', house, declarationId: created.id, reasons: risks });
        await tellTenant(t, created, '居住申报已提交', `${house.address}：申报已收到，网格员将上门核实后登记`);
      } else {
        await tellTenant(t, created, '居住登记成功', `${house.address}：已登记，有效期至 ${created.validUntil}`);
      }
      await houses.refreshKnown([{ houseId: house.id, active: [...activeAtHouse, { status, validUntil: created.validUntil }] }], t);
      if (house.landlordPersonId) await notices.notifyPeople([house.landlordPersonId], { title: '有新租客申报', body: `${house.address}：${maskName(input.name.trim())} 申报入住，请确认`, link: '/packages/residence/pages/mine/index', topic: 'residence' }, t);
      return { created, taskId };
    });
    // The answer is built from what was just written: no second read.
    const [h] = await houses.view([house]);
    return declarationView(declarationId.created, h, declarationId.taskId ? { status: 'open', resolvedAt: null, note: null } : null);
  }

  /**
   * Declarations without a move-out, written in groups (group commit, db/group-commit.ts): the calls that
   * arrive while a group is being written share the next transaction. Each call is judged exactly as alone,
   * in arrival order, against what the database held and what the calls before it in the group declared (a
   * second call for the same person and house is refused; capacity and "many new" count the group's own);
   * its rows are the ones a lone call writes: the declaration, its declare step, the task for a doubtful one,
   * the tenant's and the landlord's messages, the house's colour. What a group saves is the statements and
   * the commit per call: a declaration is about a dozen statements, and under load those, not any one
   * query, are what the API and the database spend their time on.
   */
  interface DeclareCall { actor: Actor; personId: number; id: string; idHash: string; input: DeclareInput }
  type DeclarationView = ReturnType<typeof declarationView>;
  const HOUSE_COLUMNS = selectList(House as never, 'h');
  const isActive = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

  async function declareGroup(calls: DeclareCall[]): Promise<CallResult<DeclarationView>[]> {
    const results: CallResult<DeclarationView>[] = new Array(calls.length);
    const now = clock.now();
    const day = today();
    const since = new Date(now.getTime() - 30 * 86_400_000);
    // Everything the judging needs, read side by side before the transaction, which then only writes: the
    // houses with their colour's other facts (open tasks and findings), the population base, the declarants'
    // active declarations, the houses' recent ones, and the declarants' keys for sealing their name and number
    // in the evidence (made for those without one). Groups are written one at a time, so these reads see every
    // group before; inside the transaction they would be the same non-locking reads, one after another.
    const codes = [...new Set(calls.map((c) => c.input.houseCode.toUpperCase()))];
    const hashes = [...new Set(calls.map((c) => c.idHash))];
    const list = (values: string[]) => values.map(() => '?').join(', ');
    const active = ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ');
    const [houseRows, baseRows, declared, atHouse, personalKeys] = await Promise.all([
      plainSelect<HouseAttrs & Omit<ColourFacts, 'id' | 'colour' | 'occupants'>>(sequelize, `SELECT ${HOUSE_COLUMNS}, ${colourFactColumns('h')} FROM houses h WHERE h.code IN (${list(codes)})`, [true, ...codes]),
      plainSelect<{ idHash: string; name: string }>(sequelize, `SELECT id_hash AS idHash, name FROM population_records WHERE id_hash IN (${list(hashes)})`, hashes),
      plainSelect<{ idHash: string; houseId: number }>(sequelize, `SELECT id_hash AS idHash, house_id AS houseId FROM declarations WHERE id_hash IN (${list(hashes)}) AND status IN (${active})`, hashes),
      plainSelect<{ houseId: number; status: string; validUntil: string; createdAt: Date | string }>(sequelize,
        `SELECT d.house_id AS houseId, d.status, d.valid_until AS validUntil, d.created_at AS createdAt FROM declarations d JOIN houses h ON h.id = d.house_id
         WHERE h.code IN (${list(codes)}) AND (d.status IN (${active}) OR d.created_at >= ?)`, [...codes, storedTime(since, sequelize.getDialect() === 'sqlite')]),
      deps.personalKeys?.([...new Set(calls.map((c) => c.personId))]) ?? null,
    ]);
    const keys = new Map<number, Buffer>();
    for (const [personId, key] of personalKeys ?? []) if (key) keys.set(personId, key);
    const houseOf = new Map(houseRows.map(({ openTasks: _t, openFindings: _f, ...h }) => [h.code, h as HouseAttrs]));
    const colourFacts = new Map(houseRows.map((h) => [h.id, { id: h.id, colour: h.colour, occupants: h.occupants, openTasks: h.openTasks, openFindings: h.openFindings }]));
    const baseOf = new Map<string, { name: string }>();
    for (const b of baseRows) if (!baseOf.has(b.idHash)) baseOf.set(b.idHash, { name: b.name });
    const live: { call: DeclareCall; i: number; house: HouseAttrs }[] = [];
    calls.forEach((call, i) => {
      const house = houseOf.get(call.input.houseCode.toUpperCase());
      if (house) live.push({ call, i, house });
      else results[i] = { ok: false, error: new NotFound(`没有编码为 ${call.input.houseCode} 的房屋`) };
    });
    if (!live.length) return results;

    const written = await inTransaction(async (t) => {
      const refused = new Map<number, Conflict>();
      // Fresh maps on every attempt: a retried transaction judges the group again from the same reads.
      const housesOfPerson = new Map<string, number[]>();
      for (const d of declared) housesOfPerson.set(d.idHash, [...(housesOfPerson.get(d.idHash) ?? []), d.houseId]);
      const atHouseOf = new Map<number, { status: string; validUntil: string; createdAt: Date | string }[]>();
      for (const d of atHouse) atHouseOf.set(d.houseId, [...(atHouseOf.get(d.houseId) ?? []), d]);

      const plans = [];
      for (const { call, i, house } of live) {
        if (deps.personalKeys && !keys.has(call.personId)) { refused.set(i, new Conflict('该账号已注销')); continue; }
        const theirs = housesOfPerson.get(call.idHash) ?? [];
        if (theirs.includes(house.id)) { refused.set(i, new Conflict('此人已在该房屋登记，无需重复申报')); continue; }
        const here = atHouseOf.get(house.id) ?? [];
        const risks: Risk[] = assessRisks({
          base: baseOf.get(call.idHash) ?? null, declaredName: call.input.name, activeAtHouse: here.filter((d) => isActive(d.status)).length, capacity: house.capacity,
          newAtHouseLast30Days: here.filter((d) => new Date(d.createdAt) >= since).length, stillDeclaredElsewhere: theirs.length > 0, houseFlagged: Boolean(house.flagged),
        });
        const status: DeclarationStatus = risks.length ? 'pending_verification' : 'accepted';
        const { input, id } = call;
        const row = {
          houseId: house.id, gridId: house.gridId, regionPath: house.regionPath, personId: call.personId, idHash: call.idHash, idCipher: pii.encrypt(id), idMasked: maskIdNumber(id),
          name: input.name.trim(), sex: input.sex ?? sexOf(id), birthDate: input.birthDate ?? birthDateOf(id)!, phone: input.phone ?? null,
          moveInDate: input.moveInDate ?? day, status, validUntil: addMonths(day, VALIDITY_MONTHS), risks, evidenceSeq: 0, evidenceHead: null, createdAt: now, updatedAt: now,
        };
        plans.push({ i, call, house, row, risks, status });
        housesOfPerson.set(call.idHash, [...theirs, house.id]);
        atHouseOf.set(house.id, [...here, { status, validUntil: row.validUntil, createdAt: now }]);
      }
      if (!plans.length) return { plans, refused, ids: [], heads: [], taskIds: new Map<number, number>() };

      const ids = await bulkInsert(Declaration as never, plans.map((p) => p.row), t);
      const entries = [];
      for (const [k, p] of plans.entries()) {
        // The evidence names the person by masked number and name only: the chain is shown to staff and auditors.
        const payload = await declarePayload(t, p.call.actor, { house: p.house.code, idNumberMasked: p.row.idMasked, name: p.row.name, risks: p.risks, status: p.status }, keys);
        entries.push({ declarationId: ids[k], step: { action: 'declare', actor: stepActor(p.call.actor), payload, at: now } });
      }
      const heads = await steps.appendFirst(t, entries);
      // Declaring answers what another department reported about this person here: the finding closes now,
      // not at the next collision. (Only a red house has open findings.)
      for (const p of plans) if (p.house.colour === 'red') await CollisionFinding.update({ open: false }, { where: { houseId: p.house.id, idHash: p.call.idHash, kind: 'undeclared', open: true }, transaction: t });
      const taskIds = await openTasks(t, plans.flatMap((p, k) => (p.risks.length ? [{ k, task: { kind: 'declaration_doubt' as const, house: p.house, declarationId: ids[k], reasons: p.risks } }] : [])));
      await notices.notifyEach(plans.flatMap((p, k) => [
        {
          personId: p.call.personId,
          notice: p.risks.length
            ? { title: '居住申报已提交', body: `${p.house.address}：申报已收到，网格员将上门核实后登记`, link: link(ids[k]), topic: 'residence' }
            : { title: '居住登记成功', body: `${p.house.address}：已登记，有效期至 ${p.row.validUntil}`, link: link(ids[k]), topic: 'residence' },
        },
        ...(p.house.landlordPersonId ? [{ personId: p.house.landlordPersonId, notice: { title: '有新租客申报', body: `${p.house.address}：${maskName(p.row.name)} 申报入住，请确认`, link: '/packages/residence/pages/mine/index', topic: 'residence' } }] : []),
      ]), t);
      // The houses' active declarations are known: those read above and the group's own.
      const houseIds = [...new Set(plans.map((p) => p.house.id))];
      // The colour's other facts as read before the transaction, with the tasks opened here; a red house's
      // findings may just have closed above, so those are read again.
      const newTasks = new Map<number, number>();
      for (const p of plans) if (p.risks.length) newTasks.set(p.house.id, (newTasks.get(p.house.id) ?? 0) + 1);
      const red = plans.some((p) => p.house.colour === 'red');
      await houses.refreshKnown(houseIds.map((houseId) => ({ houseId, active: (atHouseOf.get(houseId) ?? []).filter((d) => isActive(d.status)), newTasks: red ? 0 : newTasks.get(houseId) })), t, red ? undefined : colourFacts);
      return { plans, refused, ids, heads, taskIds };
    });

    for (const [i, error] of written.refused) results[i] = { ok: false, error };
    // The answers are built from what was just written: no second read. The group is committed: from here a
    // failure is each call's answer, never a throw, which would make the group commit write the calls again.
    try {
      const viewOf = new Map((await houses.view([...new Map(written.plans.map((p) => [p.house.id, p.house])).values()])).map((v) => [v.code, v]));
      written.plans.forEach((p, k) => {
        const created = {
          ...p.row, id: written.ids[k], evidenceSeq: 1, evidenceHead: written.heads[k], moveOutDate: null, landlordConfirmedAt: null, verifiedAt: null, remindedAt: null,
        } as unknown as DeclarationAttrs;
        results[p.i] = { ok: true, value: declarationView(created, viewOf.get(p.house.code)!, written.taskIds.has(k) ? { status: 'open', resolvedAt: null, note: null } : null) };
      });
    } catch (error) {
      for (const p of written.plans) results[p.i] = { ok: false, error };
    }
    return results;
  }
  const declareCalls = createGroupCommit(declareGroup);

  return {
    steps,

    async prefill(actor: Actor, input: { houseCode: string; idNumber: string; name: string }) {
      const personId = resident(actor);
      const id = checkedIdNumber(input.idNumber);
      await houses.byCode(input.houseCode);
      const [person, elsewhere] = await Promise.all([
        Person.findByPk(personId, { raw: true }),
        Declaration.findOne({ where: { idHash: pii.index(id), status: [...ACTIVE_STATUSES] }, raw: true }),
      ]);
      const other = elsewhere ? (await houseMap([elsewhere.houseId])).get(elsewhere.houseId)!.house : null;
      // Only what the number itself says and the caller's own account: the population base is used for
      // risk, never echoed back, so typing someone else's number reveals nothing about them.
      return {
        sex: sexOf(id), birthDate: birthDateOf(id)!, phone: person?.phone ?? null, moveInDate: today(),
        declaredElsewhere: other && other.code !== input.houseCode.toUpperCase() ? { id: elsewhere!.id, houseCode: other.code, address: other.address } : null,
      };
    },

    async declare(actor: Actor, input: DeclareInput) {
      const personId = resident(actor);
      const id = checkedIdNumber(input.idNumber);
      if (input.moveInDate && input.moveInDate > today()) throw new Invalid('入住日期不能晚于今天', [{ field: 'moveInDate', message: '不能晚于今天' }]);
      if (input.moveOutPrevious) return declareAlone(actor, personId, id, input);
      return declareCalls.submit({ actor, personId, id, idHash: pii.index(id), input });
    },

    async mine(actor: Actor) {
      const personId = resident(actor);
      const rows = await Declaration.findAll({ where: { personId }, order: [['id', 'DESC']], limit: 50, raw: true });
      return { items: await tenantViews(rows) };
    },

    async getMine(actor: Actor, id: number) {
      return (await tenantViews([await ownDeclaration(actor, id)]))[0];
    },

    async moveOut(actor: Actor, id: number, date?: string) {
      const d = await ownDeclaration(actor, id);
      if (!allowedActions(d).includes('move_out')) throw new Conflict(`申报当前为「${DECLARATION_STATUSES[d.status]}」，不能搬离`);
      const day = date ?? today();
      if (day > today() || day < String(d.moveInDate)) throw new Invalid('搬离日期应在入住日期与今天之间', [{ field: 'date', message: '日期无效' }]);
      await inTransaction(async (t) => {
        await move(t, d, 'moved_out', { moveOutDate: day });
        await steps.append(t, d.id, { action: 'move_out', actor: stepActor(actor), payload: { date: day }, at: clock.now() });
        await VerificationTask.update({ status: 'rejected', note: '申报人已搬离', resolvedAt: clock.now() }, { where: { declarationId: d.id, status: 'open' }, transaction: t });
        await houses.refresh([d.houseId], t);
      });
      return this.getMine(actor, id);
    },

    async renew(actor: Actor, id: number) {
      const d = await ownDeclaration(actor, id);
      if (!allowedActions(d).includes('renew')) throw new Conflict('申报到期前 60 天内或已过期时才能续期');
      const validUntil = addMonths(today(), VALIDITY_MONTHS);
      await inTransaction(async (t) => {
        await move(t, d, 'accepted', { validUntil, remindedAt: null });
        await steps.append(t, d.id, { action: 'renew', actor: stepActor(actor), payload: { validUntil }, at: clock.now() });
        await houses.refresh([d.houseId], t);
      });
      return this.getMine(actor, id);
    },

    async landlordHouseCount(personId: number): Promise<number> {
      return House.count({ where: await landlordOf(personId) });
    },

    async landlordHouses(actor: Actor) {
      const personId = resident(actor);
      const own = await House.findAll({ where: await landlordOf(personId), order: [['code', 'ASC']], limit: 200, raw: true });
      const tenants = own.length ? await Declaration.findAll({ where: { houseId: own.map((h) => h.id), status: [...ACTIVE_STATUSES] }, order: [['id', 'ASC']], raw: true }) : [];
      const views = await houses.view(own);
      return {
        items: own.map((h, i) => ({
          code: h.code, address: h.address, capacity: h.capacity, colour: views[i].colour, colourName: views[i].colourName,
          tenants: tenants.filter((d) => d.houseId === h.id).map((d) => ({
            declarationId: d.id, name: maskName(d.name), idNumberMasked: d.idMasked, moveInDate: String(d.moveInDate), status: d.status,
            statusName: DECLARATION_STATUSES[d.status], landlordConfirmedAt: iso(d.landlordConfirmedAt),
          })),
        })),
      };
    },

    async landlordConfirm(actor: Actor, houseCode: string, declarationId: number) {
      const personId = resident(actor);
      const house = await House.findOne({ where: { code: houseCode.toUpperCase() }, raw: true });
      const d = await Declaration.findByPk(declarationId, { raw: true });
      if (!house || !(await House.count({ where: { [Op.and]: [{ id: house.id }, await landlordOf(personId)] } })) || !d || d.houseId !== house.id || !(ACTIVE_STATUSES as readonly string[]).includes(d.status)) throw new NotFound('没有这位租客');
      if (!d.landlordConfirmedAt) {
        await inTransaction(async (t) => {
          await Declaration.update({ landlordConfirmedAt: clock.now() }, { where: { id: d.id }, transaction: t });
          await steps.append(t, d.id, { action: 'landlord_confirm', actor: { kind: 'resident', id: personId, role: 'landlord' }, payload: { house: house.code }, at: clock.now() });
        });
      }
      const after = (await Declaration.findByPk(d.id, { raw: true }))!;
      return { declarationId: after.id, name: maskName(after.name), idNumberMasked: after.idMasked, moveInDate: String(after.moveInDate), status: after.status, statusName: DECLARATION_STATUSES[after.status], landlordConfirmedAt: iso(after.landlordConfirmedAt) };
    },

    async list(actor: Actor, q: { status?: DeclarationStatus; gridCode?: string; houseCode?: string; q?: string; page: number; pageSize: number }) {
      const me = staff(actor, 'read');
      const where: WhereOptions<DeclarationAttrs>[] = [{ regionPath: { [Op.startsWith]: me.regionPath } }];
      if (q.status) where.push({ status: q.status });
      if (q.houseCode) where.push({ houseId: (await houses.byCode(q.houseCode)).id });
      if (q.gridCode) {
        const grid = await models.Grid.findOne({ where: { code: q.gridCode }, raw: true });
        where.push({ gridId: grid?.id ?? -1 });
      }
      if (q.q) where.push({ name: { [Op.startsWith]: q.q } });
      const { rows, count } = await Declaration.findAndCountAll({ where: { [Op.and]: where }, order: [['id', 'DESC']], limit: q.pageSize, offset: (q.page - 1) * q.pageSize, raw: true });
      return { items: await staffSummaries(rows), total: count, page: q.page, pageSize: q.pageSize };
    },

    async houseDetail(actor: Actor, code: string) {
      const me = staff(actor, 'read');
      const { house, view } = await houses.get(me, code);
      const [tenants, openTasks, reported] = await Promise.all([
        Declaration.findAll({ where: { houseId: house.id, status: [...ACTIVE_STATUSES] }, order: [['id', 'ASC']], raw: true }),
        VerificationTask.findAll({ where: { houseId: house.id, status: 'open' }, raw: true }),
        CollisionFinding.count({ where: { houseId: house.id, open: true, kind: 'undeclared' } }),
      ]);
      return { ...view, tenants: await staffSummaries(tenants), openTasks: await taskViews(openTasks), reportedOccupants: reported };
    },

    async detail(actor: Actor, id: number) {
      const me = staff(actor, 'read');
      const d = await visibleDeclaration(me, id);
      const rows = await steps.of(d.id);
      const verdict = verifySteps(rows, d.evidenceHead);
      const attached = await photos.forOwners('task', (await VerificationTask.findAll({ where: { declarationId: d.id }, attributes: ['id'], raw: true })).map((t) => t.id));
      const byDigest = new Map(attached.map((p) => [p.originalSha256, p]));
      const [summary] = await staffSummaries([d]);
      return {
        ...summary, sex: d.sex, birthDate: String(d.birthDate), phone: maskPhone(d.phone),
        steps: rows.map((r) => {
          const payload = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>;
          return {
            seq: r.seq, action: r.action, actionName: STEP_ACTIONS[r.action] ?? r.action, actorRole: r.actorRole, note: (payload.note as string | undefined) ?? null, at: iso(r.at),
            photos: arr(r.attachments).map((digest) => byDigest.get(digest)).filter((p): p is PhotoAttrs => Boolean(p)).map((p) => photos.view(p)),
          };
        }),
        evidence: { verified: verdict.verified },
      };
    },

    /** The one way an unmasked number leaves the server: for staff in scope, with a reason, always logged. */
    async reveal(actor: Actor, id: number, reason: string, requestId: string | null) {
      const me = staff(actor, 'reveal_id');
      const d = await visibleDeclaration(me, id);
      await PiiAccess.create({ staffId: me.id, subjectKind: 'declaration', subjectId: d.id, reason, requestId, at: clock.now() });
      return { idNumber: pii.decrypt(d.idCipher) };
    },

    async tasks(actor: Actor, q: { status?: 'open' | 'done'; gridCode?: string; page: number; pageSize: number }) {
      const me = staff(actor, 'read');
      const where: WhereOptions<TaskAttrs>[] = [{ regionPath: { [Op.startsWith]: me.regionPath } }];
      if (q.status === 'open') where.push({ status: 'open' });
      if (q.status === 'done') where.push({ status: ['confirmed', 'rejected'] });
      if (q.gridCode) {
        const grid = await models.Grid.findOne({ where: { code: q.gridCode }, raw: true });
        where.push({ gridId: grid?.id ?? -1 });
      }
      const { rows, count } = await VerificationTask.findAndCountAll({ where: { [Op.and]: where }, order: [['id', q.status === 'open' ? 'ASC' : 'DESC']], limit: q.pageSize, offset: (q.page - 1) * q.pageSize, raw: true });
      return { items: await taskViews(rows), total: count, page: q.page, pageSize: q.pageSize };
    },

    /** A grid worker's verdict after the visit, with a note and photos as evidence. */
    async resolveTask(actor: Actor, id: number, verdict: 'confirm' | 'reject', input: { note?: string }, files: Buffer[]) {
      const me = staff(actor, 'verify');
      const task = await VerificationTask.findByPk(id, { raw: true });
      if (!task || !inResidenceScope(me, task.regionPath)) throw new NotFound('没有这个核查任务');
      if (task.status !== 'open') throw new Conflict('该任务已处理');
      if (verdict === 'reject' && !input.note?.trim()) throw new Invalid('请填写核查不符的情况', [{ field: 'note', message: '必填' }]);
      if (files.length > 3) throw new Invalid('最多上传 3 张照片', [{ field: 'photos', message: '最多 3 张' }]);
      const prepared = await photos.prepare(files);
      const now = clock.now();
      const photoFiles = photos.store(prepared, 'task');
      try {
        await inTransaction(async (t) => {
          const [n] = await VerificationTask.update({ status: verdict === 'confirm' ? 'confirmed' : 'rejected', note: input.note ?? null, resolvedBy: me.id, resolvedAt: now }, { where: { id, status: 'open' }, transaction: t });
          if (n !== 1) throw new Conflict('该任务已处理');
          const attachments = (await photos.insert(photoFiles, { kind: 'task', id }, 'resolution', t)).map((p) => p.originalSha256);
          const payload = { task: id, note: input.note ?? null };
          if (task.kind === 'declaration_doubt' && task.declarationId) {
            const d = (await Declaration.findByPk(task.declarationId, { raw: true, transaction: t }))!;
            if (d.status === 'pending_verification') {
              if (verdict === 'confirm') await move(t, d, 'accepted', { verifiedAt: now });
              else await move(t, d, 'rejected');
              await steps.append(t, d.id, { action: verdict === 'confirm' ? 'verify_pass' : 'verify_fail', actor: stepActor(me), payload, attachments, at: now });
              await tellTenant(t, d, verdict === 'confirm' ? '居住申报已核实' : '居住申报核查未通过',
                verdict === 'confirm' ? '网格员已上门核实，您的居住登记已生效' : `网格员核查情况与申报不符：${input.note}。如有疑问请联系社区工作站`);
            }
          } else if (task.kind === 'declared_but_empty') {
            const declared = await Declaration.findAll({ where: { houseId: task.houseId, status: [...ACTIVE_STATUSES] }, raw: true, transaction: t });
            for (const d of declared) {
              if (verdict === 'confirm') {
                await Declaration.update({ verifiedAt: now }, { where: { id: d.id }, transaction: t });
                await steps.append(t, d.id, { action: 'verify_pass', actor: stepActor(me), payload, attachments, at: now });
              } else {
                await move(t, d, 'moved_out', { moveOutDate: today() });
                await steps.append(t, d.id, { action: 'end_by_verification', actor: stepActor(me), payload, attachments, at: now });
                await tellTenant(t, d, '居住登记已注销', `网格员上门核实该房屋无人居住，登记已注销。如仍在住，请重新申报`);
              }
            }
            await CollisionFinding.update({ open: false }, { where: { houseId: task.houseId, kind: 'declared_but_empty', open: true }, transaction: t });
          }
          await houses.refresh([task.houseId], t);
        });
      } catch (err) {
        await photoFiles.discard();
        throw err;
      }
      return (await taskViews([(await VerificationTask.findByPk(id, { raw: true }))!]))[0];
    },

    canViewTaskPhotos: async (actor: Actor, taskId: number) => {
      if (actor.kind !== 'staff' || !mayResidence(actor, 'read')) return false;
      const task = await VerificationTask.findByPk(taskId, { raw: true, attributes: ['regionPath'] });
      return Boolean(task && inResidenceScope(actor, task.regionPath));
    },

    /** Daily: remind tenants 30 days before their declaration ends, and let lapsed ones expire. */
    async runExpiry(): Promise<{ reminded: number; expired: number }> {
      const day = today();
      const now = clock.now();
      const due = await Declaration.findAll({ where: { status: 'accepted', remindedAt: null, validUntil: { [Op.between]: [day, addDays(day, REMINDER_DAYS)] } }, limit: 5000, raw: true });
      for (const d of due) {
        await inTransaction(async (t) => {
          const [n] = await Declaration.update({ remindedAt: now }, { where: { id: d.id, remindedAt: null }, transaction: t });
          if (n !== 1) return;
          await tellTenant(t, d, '居住登记即将到期', `您的居住登记将于 ${d.validUntil} 到期，请在小程序「我的居住」中续期`, { topic: 'declaration_expiring', dedupeKey: `declaration-expiring-${d.id}-${String(d.validUntil)}` });
          if (d.personId && deps.domainEvents) {
            const house = await House.findByPk(d.houseId, { attributes: ['address'], raw: true, transaction: t });
            await deps.domainEvents.emit('declaration_expiring', [d.personId], { address: house?.address ?? '', validUntil: String(d.validUntil) }, t);
          }
        });
      }
      const lapsed = await Declaration.findAll({ where: { status: 'accepted', validUntil: { [Op.lt]: day } }, limit: 5000, raw: true });
      for (const d of lapsed) {
        await inTransaction(async (t) => {
          await move(t, d, 'expired');
          await steps.append(t, d.id, { action: 'expire', actor: SYSTEM, payload: { validUntil: String(d.validUntil) }, at: now });
          await tellTenant(t, d, '居住登记已过期', '您的居住登记已过期，如仍在住请在小程序「我的居住」中续期');
        });
      }
      await houses.refresh([...due, ...lapsed].map((d) => d.houseId));
      return { reminded: due.length, expired: lapsed.length };
    },

    openTask,
  };
}
export type DeclarationService = ReturnType<typeof createDeclarationService>;
