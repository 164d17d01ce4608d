// The collision job: compares other departments' rental reports with active declarations, house range by
// house range so memory stays bounded whatever the city's size. Reported but undeclared occupants open an
// enforcement event per house (source collision) and remind the landlord; houses reported vacant while
// people are declared there get a door-to-door task. Findings already open are not raised twice; findings
// that a declaration has since answered are closed.
import { Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Actor } from '../../actor';
import { cityDate, type Clock } from '../../clock';
import { Conflict, Forbidden, NotFound, Unauthenticated } from '../../errors';
import type { GridLocator, GridModels } from '../grid';
import type { NoticeService } from '../notices';
import { mayResidence } from './access';
import { newFindings, REPORT_WINDOW_DAYS, type Candidate, type OpenFinding } from './collision-rules';
import type { HouseService } from './houses';
import { REPORT_SOURCES } from './import-rules';
import { iso, type DeclarationModels, type FindingAttrs, type HouseAttrs, type RunAttrs } from './model';
import { addDays, type DeclarationService } from './service';

export const RUN_STATUSES = { running: '碰撞中', done: '已完成', failed: '失败' } as const;
export const FINDING_KINDS = { undeclared: '报送有人但未申报', declared_but_empty: '申报有人但报送空置' } as const;
const HOUSE_RANGE = 50_000;
const HOUSES_PER_TRANSACTION = 500;

/** What the job needs from the event registry: one enforcement event per house, in the caller's transaction or its own. */
export interface EnforcementEvents {
  openCollisionEvents(t: Transaction, inputs: { description: string; lat: number; lng: number; address: string; gridId: number; regionId: number; regionPath: string }[]): Promise<{ id: number; code: string }[]>;
}

export function createCollisionService(deps: {
  sequelize: Sequelize; models: DeclarationModels & GridModels; clock: Clock; timezone: string; houses: HouseService; declarations: DeclarationService;
  notices: NoticeService; events: EnforcementEvents; locator: GridLocator;
}) {
  const { sequelize, models, clock } = deps;
  const { CollisionRun, CollisionFinding, House, Grid, VerificationTask } = models;
  let current: Promise<RunAttrs> | null = null;
  const q = (name: string) => sequelize.getQueryInterface().quoteIdentifier(name);

  /** One run at a time in this process (the scheduler's lease keeps it to one across instances). */
  function begin(trigger: 'schedule' | 'manual'): { row: Promise<RunAttrs>; done: Promise<RunAttrs> } {
    if (current) return { row: current, done: current };
    workers = null;
    const started = clock.now();
    const row = CollisionRun.create({ trigger, status: 'running', startedAt: started }).then((r) => r.get({ plain: true }) as RunAttrs);
    current = row.then((r) => execute(r.id, started)).finally(() => { current = null; });
    return { row, done: current };
  }

  function runView(r: RunAttrs) {
    return {
      id: r.id, trigger: r.trigger, status: r.status, statusName: RUN_STATUSES[r.status], reportsCompared: r.reportsCompared, undeclared: r.undeclared,
      declaredButEmpty: r.declaredButEmpty, eventsCreated: r.eventsCreated, tasksCreated: r.tasksCreated, startedAt: iso(r.startedAt), finishedAt: iso(r.finishedAt),
    };
  }

  /** Closes undeclared findings that a declaration now answers; returns the houses concerned. */
  async function closeAnswered(): Promise<number[]> {
    const answered = await sequelize.query<{ id: number; house_id: number }>(
      `SELECT f.id, f.house_id FROM collision_findings f WHERE f.${q('open')} = ? AND f.kind = 'undeclared' AND EXISTS (SELECT 1 FROM declarations d
        WHERE d.house_id = f.house_id AND d.id_hash = f.id_hash AND d.status IN ('accepted', 'pending_verification'))`,
      { replacements: [true], type: QueryTypes.SELECT },
    );
    for (let i = 0; i < answered.length; i += 1000) await CollisionFinding.update({ open: false }, { where: { id: answered.slice(i, i + 1000).map((a) => a.id) } });
    return answered.map((a) => a.house_id);
  }

  async function candidatesIn(from: number, to: number, since: string): Promise<{ candidates: Candidate[]; compared: number }> {
    const [undeclared, vacant, counted] = await Promise.all([
      sequelize.query<{ id: number; house_id: number; id_hash: string; id_masked: string; source: string; reported_on: string }>(
        `SELECT r.id, r.house_id, r.id_hash, r.id_masked, r.source, r.reported_on FROM rental_reports r
          WHERE r.house_id BETWEEN ? AND ? AND r.occupancy = 'occupied' AND r.reported_on >= ?
          AND NOT EXISTS (SELECT 1 FROM declarations d WHERE d.house_id = r.house_id AND d.id_hash = r.id_hash AND d.status IN ('accepted', 'pending_verification'))`,
        { replacements: [from, to, since], type: QueryTypes.SELECT }),
      sequelize.query<{ id: number; house_id: number; source: string; reported_on: string }>(
        `SELECT r.id, r.house_id, r.source, r.reported_on FROM rental_reports r
          WHERE r.house_id BETWEEN ? AND ? AND r.occupancy = 'vacant' AND r.reported_on >= ?
          AND EXISTS (SELECT 1 FROM declarations d WHERE d.house_id = r.house_id AND d.status IN ('accepted', 'pending_verification') AND d.move_in_date < r.reported_on)`,
        { replacements: [from, to, since], type: QueryTypes.SELECT }),
      sequelize.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM rental_reports WHERE house_id BETWEEN ? AND ? AND reported_on >= ?`, { replacements: [from, to, since], type: QueryTypes.SELECT }),
    ]);
    const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
    return {
      compared: Number(counted[0].n),
      candidates: [
        ...undeclared.map((r) => ({ reportId: r.id, kind: 'undeclared' as const, houseId: r.house_id, idHash: r.id_hash, idMasked: r.id_masked, source: r.source, reportedOn: day(r.reported_on) })),
        ...vacant.map((r) => ({ reportId: r.id, kind: 'declared_but_empty' as const, houseId: r.house_id, idHash: null, idMasked: null, source: r.source, reportedOn: day(r.reported_on) })),
      ],
    };
  }

  /** Grid workers by region path, read once per run: every vacancy task tells those of its community. */
  let workers: { id: number; path: string }[] | null = null;
  async function gridWorkers(t: Transaction) {
    if (!workers) {
      const staff = await models.Staff.findAll({ where: { role: 'grid_worker', active: true }, attributes: ['id', 'regionId'], raw: true, transaction: t });
      const paths = new Map((await models.Region.findAll({ where: { id: [...new Set(staff.map((s) => s.regionId))] }, attributes: ['id', 'path'], raw: true, transaction: t })).map((r) => [r.id, r.path]));
      workers = staff.map((s) => ({ id: s.id, path: paths.get(s.regionId) ?? '/none/' }));
    }
    return workers;
  }

  /** Raises new findings a few hundred houses per transaction: one enforcement event per house with undeclared people, one task per house reported vacant. */
  async function raise(runId: number, fresh: Candidate[], counts: { events: number; tasks: number }): Promise<void> {
    const byHouse = new Map<number, Candidate[]>();
    for (const c of fresh) byHouse.set(c.houseId, [...(byHouse.get(c.houseId) ?? []), c]);
    const houseIds = [...byHouse.keys()];
    for (let i = 0; i < houseIds.length; i += HOUSES_PER_TRANSACTION) {
      const batch = houseIds.slice(i, i + HOUSES_PER_TRANSACTION);
      const houses = new Map((await House.findAll({ where: { id: batch }, raw: true })).map((h) => [h.id, h]));
      const grids = new Map((await Grid.findAll({ where: { id: [...new Set([...houses.values()].map((h) => h.gridId))] }, attributes: ['id', 'minLat', 'maxLat', 'minLng', 'maxLng'], raw: true })).map((g) => [g.id, g]));
      await sequelize.transaction(async (t) => {
        const undeclaredHouses = batch.filter((id) => byHouse.get(id)!.some((c) => c.kind === 'undeclared'));
        const events = await deps.events.openCollisionEvents(t, undeclaredHouses.map((id) => {
          const house = houses.get(id)!, g = grids.get(house.gridId)!;
          const found = byHouse.get(id)!.filter((c) => c.kind === 'undeclared');
          const sources = [...new Set(found.map((c) => REPORT_SOURCES[c.source as keyof typeof REPORT_SOURCES] ?? c.source))].join('、');
          return {
            description: `数据碰撞：${house.address}（房屋编码 ${house.code}）有 ${found.length} 名${sources}报送的居住人员未申报，请上门督促申报`,
            lat: (g.minLat + g.maxLat) / 2, lng: (g.minLng + g.maxLng) / 2, address: house.address, gridId: house.gridId, regionId: house.regionId, regionPath: house.regionPath,
          };
        }));
        counts.events += events.length;
        const eventOf = new Map(undeclaredHouses.map((id, k) => [id, events[k].id]));
        const emptyHouses = batch.filter((id) => byHouse.get(id)!.some((c) => c.kind === 'declared_but_empty'));
        const now = clock.now();
        await VerificationTask.bulkCreate(emptyHouses.map((id) => {
          const h = houses.get(id)!;
          return { kind: 'declared_but_empty' as const, houseId: id, gridId: h.gridId, regionPath: h.regionPath, status: 'open' as const, reasons: ['house_reported_empty'], createdAt: now, updatedAt: now };
        }), { transaction: t });
        const taskOf = new Map((await VerificationTask.findAll({ where: { houseId: emptyHouses, kind: 'declared_but_empty', status: 'open' }, attributes: ['id', 'houseId'], raw: true, transaction: t })).map((x) => [x.houseId, x.id]));
        counts.tasks += emptyHouses.length;
        const staff = await gridWorkers(t);
        for (const id of emptyHouses) {
          const h = houses.get(id)!;
          const to = staff.filter((w) => h.regionPath.startsWith(w.path)).map((w) => w.id);
          if (to.length) await deps.notices.notifyStaff(to, { title: '新核查任务', body: `${h.address}：报送空置核查`, topic: 'verification_task' }, t);
        }
        await CollisionFinding.bulkCreate(batch.flatMap((id) => byHouse.get(id)!.map((c) => {
          const h = houses.get(id)!;
          return {
            runId, kind: c.kind, houseId: id, gridId: h.gridId, regionPath: h.regionPath, rentalReportId: c.reportId, idHash: c.idHash, idMasked: c.idMasked, source: c.source,
            reportedOn: c.reportedOn, eventId: c.kind === 'undeclared' ? eventOf.get(id)! : null, taskId: c.kind === 'declared_but_empty' ? taskOf.get(id)! : null, createdAt: now,
          };
        })), { transaction: t });
        for (const id of undeclaredHouses) {
          const h = houses.get(id)!;
          if (h.landlordPersonId) await deps.notices.notifyPeople([h.landlordPersonId], { title: '请督促租客申报', body: `${h.address} 有居住人员尚未申报居住信息，请提醒租客扫描门牌二维码申报`, link: '/packages/residence/pages/mine/index', topic: 'residence' }, t);
        }
      });
    }
  }

  async function execute(id: number, started: Date): Promise<RunAttrs> {
    const counts = { events: 0, tasks: 0, undeclared: 0, empty: 0, compared: 0 };
    try {
      const touched: number[] = await closeAnswered();
      const since = addDays(cityDate(started, deps.timezone), -REPORT_WINDOW_DAYS);
      const [{ maxId }] = await sequelize.query<{ maxId: number | null }>(`SELECT MAX(id) AS ${q('maxId')} FROM houses`, { type: QueryTypes.SELECT });
      for (let from = 1; from <= (maxId ?? 0); from += HOUSE_RANGE) {
        const to = from + HOUSE_RANGE - 1;
        const { candidates, compared } = await candidatesIn(from, to, since);
        counts.compared += compared;
        if (!candidates.length) continue;
        const open = await CollisionFinding.findAll({ where: { houseId: [...new Set(candidates.map((c) => c.houseId))], open: true }, attributes: ['kind', 'houseId', 'idHash'], raw: true });
        const fresh = newFindings(candidates, open as OpenFinding[]);
        if (!fresh.length) continue;
        counts.undeclared += fresh.filter((c) => c.kind === 'undeclared').length;
        counts.empty += fresh.filter((c) => c.kind === 'declared_but_empty').length;
        await raise(id, fresh, counts);
        touched.push(...new Set(fresh.map((c) => c.houseId)));
      }
      await deps.houses.refresh(touched);
      await CollisionRun.update({ status: 'done', reportsCompared: counts.compared, undeclared: counts.undeclared, declaredButEmpty: counts.empty, eventsCreated: counts.events, tasksCreated: counts.tasks, finishedAt: clock.now() }, { where: { id } });
    } catch (err) {
      await CollisionRun.update({ status: 'failed', reportsCompared: counts.compared, undeclared: counts.undeclared, declaredButEmpty: counts.empty, eventsCreated: counts.events, tasksCreated: counts.tasks, finishedAt: clock.now() }, { where: { id } });
      throw err;
    }
    return (await CollisionRun.findByPk(id, { raw: true }))!;
  }

  return {
    /** One run at a time in this process (the scheduler's lease keeps it to one across instances). */
    run(trigger: 'schedule' | 'manual'): Promise<RunAttrs> {
      return begin(trigger).done;
    },

    async start(actor: Actor) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      if (!mayResidence(actor, 'collide')) throw new Forbidden('只有督办员和系统管理员可以发起碰撞');
      if (current) throw new Conflict('碰撞正在进行，请稍后查看结果');
      const { row, done } = begin('manual');
      done.catch(() => {}); // the outcome is recorded on the run row; the caller polls GET /collisions
      return runView(await row);
    },

    async settled(): Promise<void> {
      if (current) await current.catch(() => {});
    },

    async list(actor: Actor) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      if (!mayResidence(actor, 'read')) throw new Forbidden('您的角色无权查看');
      const rows = await CollisionRun.findAll({ order: [['id', 'DESC']], limit: 30, raw: true });
      return { items: rows.map(runView) };
    },

    async findings(actor: Actor, runId: number, query: { kind?: 'undeclared' | 'declared_but_empty'; page: number; pageSize: number }) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      if (!mayResidence(actor, 'read')) throw new Forbidden('您的角色无权查看');
      if (!(await CollisionRun.findByPk(runId, { raw: true }))) throw new NotFound('没有这次碰撞');
      const where = { runId, regionPath: { [Op.startsWith]: actor.regionPath }, ...(query.kind ? { kind: query.kind } : {}) };
      const { rows, count } = await CollisionFinding.findAndCountAll({ where, order: [['id', 'ASC']], limit: query.pageSize, offset: (query.page - 1) * query.pageSize, raw: true });
      const houses = new Map((await House.findAll({ where: { id: [...new Set(rows.map((f) => f.houseId))] }, raw: true })).map((h) => [h.id, h]));
      const views = new Map((await deps.houses.view([...houses.values()])).map((v) => [v.code, v]));
      const events = rows.some((f) => f.eventId) ? await sequelize.query<{ id: number; code: string }>(`SELECT id, code FROM events WHERE id IN (${rows.filter((f) => f.eventId).map((f) => Number(f.eventId)).join(',')})`, { type: QueryTypes.SELECT }) : [];
      const codes = new Map(events.map((e) => [e.id, e.code]));
      return {
        items: rows.map((f: FindingAttrs) => {
          const h = views.get((houses.get(f.houseId) as HouseAttrs).code)!;
          return {
            id: f.id, kind: f.kind, kindName: FINDING_KINDS[f.kind], house: { code: h.code, address: h.address, gridCode: h.gridCode, gridName: h.gridName },
            idNumberMasked: f.idMasked, source: f.source, sourceName: REPORT_SOURCES[f.source as keyof typeof REPORT_SOURCES] ?? f.source, reportedOn: String(f.reportedOn),
            eventCode: f.eventId ? codes.get(f.eventId) ?? null : null, taskId: f.taskId, open: Boolean(f.open),
          };
        }),
        total: count, page: query.page, pageSize: query.pageSize,
      };
    },
  };
}
export type CollisionService = ReturnType<typeof createCollisionService>;
