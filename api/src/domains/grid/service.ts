// Use cases of the city structure: regions, grids and the point → grid look-up, units, staff.
import { Op, UniqueConstraintError, type WhereOptions } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import type { Clock } from '../../clock';
import { Conflict, Forbidden, Invalid, NotFound, RateLimited, Unauthenticated } from '../../errors';
import { toWgs84, type CoordSystem } from './geo';
import type { GridLocator } from './locator';
import type { GridModels, RegionAttrs, StaffAttrs } from './model';
import { inScope, jurisdictionOverlaps, may, type GridAction } from './permissions';
import { DUMMY_HASH, SIGN_IN_THROTTLE, hashPassword, signInThrottled, verifyPassword } from './staff-credentials';
import { STAFF_ROLES, UNIT_TYPES, vocabulary, type StaffRole, type UnitType } from './vocabulary';

export interface GridServiceDeps { models: GridModels; clock: Clock; locator: GridLocator }

export interface StaffSummary {
  id: number; username: string; displayName: string; role: StaffRole; roleName: string;
  regionId: number; regionPath: string; regionName: string; unitId: number | null; unitName: string | null; active: boolean;
}

/** Drops LIKE wildcards from free-text search so a search for "%" is not a full listing. */
const likeTerm = (q: string) => `%${q.replace(/[%_\\]/g, '')}%`;

export function createGridService({ models, clock, locator }: GridServiceDeps) {
  const { Region, Grid, Unit, Staff } = models;

  function authorise(actor: Actor, action: GridAction): StaffActor {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (!may(actor, action)) throw new Forbidden('您的角色不能进行此操作');
    return actor;
  }

  async function regionOrFail(id: number, field = 'regionId'): Promise<RegionAttrs> {
    const region = await Region.findByPk(id, { raw: true });
    if (!region) throw new Invalid('区域不存在', [{ field, message: `没有编号为 ${id} 的区域` }]);
    return region;
  }

  async function regionNames(ids: number[]): Promise<Map<number, RegionAttrs>> {
    const rows = ids.length ? await Region.findAll({ where: { id: [...new Set(ids)] }, raw: true }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }

  async function staffSummaries(rows: StaffAttrs[]): Promise<StaffSummary[]> {
    const regions = await regionNames(rows.map((r) => r.regionId));
    const unitIds = rows.map((r) => r.unitId).filter((x): x is number => x !== null);
    const units = new Map((unitIds.length ? await Unit.findAll({ where: { id: unitIds }, raw: true }) : []).map((u) => [u.id, u]));
    return rows.map((s) => ({
      id: s.id, username: s.username, displayName: s.displayName, role: s.role, roleName: STAFF_ROLES[s.role],
      regionId: s.regionId, regionPath: regions.get(s.regionId)?.path ?? '', regionName: regions.get(s.regionId)?.name ?? '',
      unitId: s.unitId, unitName: s.unitId ? units.get(s.unitId)?.name ?? null : null, active: Boolean(s.active),
    }));
  }

  return {
    meta: vocabulary,

    async listRegions(actor: Actor) {
      const staff = authorise(actor, 'list_regions');
      const all = await Region.findAll({ order: [['path', 'ASC']], raw: true });
      // The subtree the staff member works in, plus its ancestors so a tree can be drawn to the root.
      const items = all.filter((r) => inScope(staff, r.path) || staff.regionPath.startsWith(r.path));
      return { items: items.map(({ id, code, name, level, parentId }) => ({ id, code, name, level, parentId })) };
    },

    async listGrids(actor: Actor, filter: { regionId?: number; q?: string; page: number; pageSize: number }) {
      const staff = authorise(actor, 'list_grids');
      let scopePath = staff.regionPath;
      if (filter.regionId !== undefined) {
        const region = await Region.findByPk(filter.regionId, { raw: true });
        if (!region) throw new NotFound(`没有编号为 ${filter.regionId} 的区域`);
        if (!jurisdictionOverlaps(staff, region.path)) throw new Forbidden('该区域不在您的管辖范围内');
        scopePath = region.path.length > scopePath.length ? region.path : scopePath;
      }
      const communities = await Region.findAll({ where: { path: { [Op.like]: `${scopePath}%` } }, attributes: ['id'], raw: true });
      const where: WhereOptions = { regionId: communities.map((c) => c.id) };
      if (filter.q) Object.assign(where, { [Op.or]: [{ code: { [Op.like]: likeTerm(filter.q) } }, { name: { [Op.like]: likeTerm(filter.q) } }] });
      const { rows, count } = await Grid.findAndCountAll({
        where, order: [['code', 'ASC']], limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize,
        attributes: ['id', 'code', 'name', 'regionId', 'areaKm2'], raw: true,
      });
      const regions = await regionNames(rows.map((g) => g.regionId));
      const streets = await regionNames([...regions.values()].map((r) => r.parentId).filter((x): x is number => x !== null));
      return {
        items: rows.map((g) => {
          const community = regions.get(g.regionId);
          return {
            id: g.id, code: g.code, name: g.name, regionId: g.regionId,
            communityName: community?.name ?? '', streetName: (community?.parentId && streets.get(community.parentId)?.name) || '',
            areaKm2: Math.round(g.areaKm2 * 1000) / 1000,
          };
        }),
        total: count, page: filter.page, pageSize: filter.pageSize,
      };
    },

    async getGrid(actor: Actor, code: string) {
      const staff = authorise(actor, 'list_grids');
      const grid = await Grid.findOne({ where: { code }, raw: true });
      if (!grid) throw new NotFound(`没有编码为 ${code} 的网格`);
      const region = (await regionNames([grid.regionId])).get(grid.regionId);
      if (!region || !jurisdictionOverlaps(staff, region.path)) throw new NotFound(`没有编码为 ${code} 的网格`);
      const polygon = typeof grid.polygon === 'string' ? JSON.parse(grid.polygon) : grid.polygon;
      return { id: grid.id, code: grid.code, name: grid.name, regionId: grid.regionId, communityName: region.name, areaKm2: grid.areaKm2, polygon: { type: 'Polygon', coordinates: polygon } };
    },

    /** Public: residents' phones ask which grid they stand in before they report. */
    async locate(point: { lat: number; lng: number; coordSystem: CoordSystem }) {
      const wgs = toWgs84(point, point.coordSystem);
      const grid = await locator.locate(wgs.lng, wgs.lat);
      if (!grid) throw new NotFound('该位置不在本市任何网格内；请确认位置，或手动填写地址');
      return { grid, point: { lat: Math.round(wgs.lat * 1e7) / 1e7, lng: Math.round(wgs.lng * 1e7) / 1e7 } };
    },

    async listUnits(actor: Actor, filter: { type?: UnitType; q?: string }) {
      const staff = authorise(actor, 'list_units');
      const where: WhereOptions = {};
      if (filter.type) Object.assign(where, { type: filter.type });
      if (filter.q) Object.assign(where, { [Op.or]: [{ code: { [Op.like]: likeTerm(filter.q) } }, { name: { [Op.like]: likeTerm(filter.q) } }] });
      const rows = await Unit.findAll({ where, order: [['code', 'ASC']], raw: true });
      const regions = await regionNames(rows.map((u) => u.regionId));
      const items = rows
        .filter((u) => jurisdictionOverlaps(staff, regions.get(u.regionId)?.path ?? '/none/'))
        .map((u) => ({ id: u.id, code: u.code, name: u.name, type: u.type, typeName: UNIT_TYPES[u.type] ?? u.type, regionId: u.regionId, regionName: regions.get(u.regionId)?.name ?? '', phone: u.phone }));
      return { items, total: items.length };
    },

    async createUnit(actor: Actor, input: { code: string; name: string; type: UnitType; regionId: number; phone?: string | null }) {
      const staff = authorise(actor, 'create_unit');
      const region = await regionOrFail(input.regionId);
      if (!inScope(staff, region.path)) throw new Forbidden('该区域不在您的管辖范围内');
      try {
        const unit = await Unit.create({ code: input.code, name: input.name, type: input.type, regionId: input.regionId, phone: input.phone ?? null });
        const u = unit.get({ plain: true });
        return { id: u.id, code: u.code, name: u.name, type: u.type, typeName: UNIT_TYPES[u.type], regionId: u.regionId, regionName: region.name, phone: u.phone };
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new Conflict(`单位编码 ${input.code} 已存在`, [{ field: 'code', message: '编码已存在' }]);
        throw err;
      }
    },

    async listStaff(actor: Actor, filter: { role?: StaffRole; unitId?: number }) {
      const staff = authorise(actor, 'list_staff');
      const regions = await Region.findAll({ where: { path: { [Op.like]: `${staff.regionPath}%` } }, attributes: ['id'], raw: true });
      const where: WhereOptions = { regionId: regions.map((r) => r.id) };
      if (filter.role) Object.assign(where, { role: filter.role });
      if (filter.unitId) Object.assign(where, { unitId: filter.unitId });
      const rows = await Staff.findAll({ where, order: [['username', 'ASC']], raw: true });
      const items = (await staffSummaries(rows)).map(({ regionPath: _omit, ...s }) => s);
      return { items, total: items.length };
    },

    async createStaff(actor: Actor, input: { username: string; displayName: string; password: string; role: StaffRole; regionId: number; unitId?: number | null }) {
      const admin = authorise(actor, 'create_staff');
      const region = await regionOrFail(input.regionId);
      if (!inScope(admin, region.path)) throw new Forbidden('该区域不在您的管辖范围内');
      if (input.role === 'handler' && !input.unitId) throw new Invalid('处置人员必须属于一个单位', [{ field: 'unitId', message: '请选择所属单位' }]);
      if (input.unitId) {
        const unit = await Unit.findByPk(input.unitId, { raw: true });
        const unitRegion = unit && (await regionNames([unit.regionId])).get(unit.regionId);
        if (!unit || !unitRegion) throw new Invalid('单位不存在', [{ field: 'unitId', message: `没有编号为 ${input.unitId} 的单位` }]);
        if (!jurisdictionOverlaps(admin, unitRegion.path)) throw new Forbidden('该单位不在您的管辖范围内');
      }
      try {
        const created = await Staff.create({
          username: input.username, displayName: input.displayName, passwordHash: await hashPassword(input.password),
          role: input.role, regionId: input.regionId, unitId: input.unitId ?? null,
        });
        const [summary] = await staffSummaries([created.get({ plain: true })]);
        const { regionPath: _omit, ...rest } = summary;
        return rest;
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new Conflict(`用户名 ${input.username} 已被使用`, [{ field: 'username', message: '用户名已被使用' }]);
        throw err;
      }
    },

    /** Checks a staff member's password, with a throttle against guessing; used by auth to open a session. */
    async authenticateStaff(username: string, password: string): Promise<StaffSummary> {
      const now = clock.now();
      const row = await Staff.findOne({ where: { username }, raw: true });
      if (!row) {
        await verifyPassword(password, DUMMY_HASH);
        throw new Unauthenticated('用户名或密码错误');
      }
      if (signInThrottled(row.failedSignIns, row.lastFailedSignInAt ? new Date(row.lastFailedSignInAt) : null, now)) {
        throw new RateLimited('登录失败次数过多，请 15 分钟后再试');
      }
      if (!(await verifyPassword(password, row.passwordHash))) {
        // Failures older than the window do not count towards the next lock.
        const recent = row.lastFailedSignInAt && now.getTime() - new Date(row.lastFailedSignInAt).getTime() < SIGN_IN_THROTTLE.windowMs;
        await Staff.update({ failedSignIns: recent ? row.failedSignIns + 1 : 1, lastFailedSignInAt: now }, { where: { id: row.id } });
        throw new Unauthenticated('用户名或密码错误');
      }
      if (!row.active) throw new Unauthenticated('该账号已停用，请联系管理员');
      await Staff.update({ failedSignIns: 0, lastFailedSignInAt: null, lastSignInAt: now }, { where: { id: row.id } });
      const [summary] = await staffSummaries([row]);
      return summary;
    },

    /** The current record of a staff member, for refreshing a session (role or scope may have changed). */
    async staffById(id: number): Promise<StaffSummary | null> {
      const row = await Staff.findByPk(id, { raw: true });
      if (!row) return null;
      const [summary] = await staffSummaries([row]);
      return summary;
    },
  };
}

export type GridService = ReturnType<typeof createGridService>;
