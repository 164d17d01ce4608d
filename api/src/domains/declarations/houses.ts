// The house registry (房屋编码): search, create, flag, QR codes, and the colour and occupant count that each
// change of a house's declarations, tasks or findings recomputes.
import QRCode from 'qrcode';
import { Op, QueryTypes, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import { cityDate, type Clock } from '../../clock';
import { statementIn, storedTime } from '../../db/bulk-insert';
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated } from '../../errors';
import type { GridLocator, GridModels } from '../grid';
import { inResidenceScope, mayResidence, type ResidenceAction } from './access';
import { COLOURS, declarationRate, houseColour, type Colour } from './colour';
import { maskPhone } from './id-number';
import type { DeclarationModels, HouseAttrs, HouseUse } from './model';

export const HOUSE_USES: Record<HouseUse, string> = { residential: '住宅', rental: '出租屋', dormitory: '宿舍', shop_house: '商住两用' };
export const ACTIVE_STATUSES = ['accepted', 'pending_verification'] as const;

export interface HouseInput {
  code: string; address: string; building: string; floor?: number | null; room: string; use: HouseUse; capacity: number; gridCode: string;
  landlordName?: string | null; landlordPhone?: string | null;
}


/** What a house's colour depends on besides its declarations, as one read gives them (`colourFactColumns`). */
export interface ColourFacts { id: number; colour: string; occupants: number | string; openTasks: number | string; openFindings: number | string }
/**
 * The open tasks and open undeclared findings of the house aliased `alias`, as columns of a read of houses; the
 * statement's first value is the database's `true` (for the findings' `open`).
 */
export const colourFactColumns = (alias: string) =>
  `(SELECT COUNT(*) FROM verification_tasks v WHERE v.house_id = ${alias}.id AND v.status = 'open') AS openTasks, `
  + `(SELECT COUNT(*) FROM collision_findings f WHERE f.house_id = ${alias}.id AND f.kind = 'undeclared' AND f.\`open\` = ?) AS openFindings`;

export function createHouseService(deps: { models: DeclarationModels & GridModels; locator: GridLocator; clock: Clock; timezone: string; publicBaseUrl: string }) {
  const { House, Declaration, VerificationTask, CollisionFinding, Grid, Region } = deps.models;

  function staff(actor: Actor, action: ResidenceAction): StaffActor {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (!mayResidence(actor, action)) throw new Forbidden('您的角色无权进行此操作');
    return actor;
  }

  async function view(houses: HouseAttrs[]) {
    const places = await deps.locator.places([...new Set(houses.map((h) => h.gridId))]);
    return houses.map((h) => {
      const g = places.get(h.gridId);
      return {
        code: h.code, address: h.address, building: h.building, floor: h.floor, room: h.room, use: h.use, useName: HOUSE_USES[h.use] ?? h.use,
        capacity: h.capacity, landlordName: h.landlordName, landlordPhone: maskPhone(h.landlordPhone), gridCode: g?.code ?? '', gridName: g?.name ?? '',
        communityName: g?.communityName ?? '', flagged: Boolean(h.flagged), flagReason: h.flagReason, colour: h.colour as Colour,
        colourName: COLOURS[h.colour as Colour] ?? h.colour, occupants: h.occupants,
      };
    });
  }

  async function byCode(code: string, transaction?: Transaction): Promise<HouseAttrs> {
    const house = await House.findOne({ where: { code: code.toUpperCase() }, raw: true, transaction });
    if (!house) throw new NotFound(`没有编码为 ${code} 的房屋`);
    return house;
  }

  async function visibleHouse(actor: StaffActor, code: string): Promise<HouseAttrs> {
    const house = await byCode(code);
    if (!inResidenceScope(actor, house.regionPath)) throw new NotFound(`没有编码为 ${code} 的房屋`);
    return house;
  }

  async function gridByCode(code: string, field = 'gridCode') {
    const grid = await Grid.findOne({ where: { code }, raw: true });
    if (!grid) throw new Invalid(`没有编号为 ${code} 的网格`, [{ field, message: '网格不存在' }]);
    const community = (await Region.findByPk(grid.regionId, { raw: true }))!;
    return { grid, community };
  }

  /**
   * Each house's colour from its facts; the houses that change, grouped by their new colour and count, in
   * one UPDATE per group (a nightly collision may touch thousands).
   */
  async function recolour(houses: { id: number; colour: string; occupants: number; active: { status: string; validUntil: string }[]; openTasks: number; openFindings: number }[], transaction?: Transaction) {
    const today = cityDate(deps.clock.now(), deps.timezone);
    const changes = new Map<string, number[]>();
    for (const h of houses) {
      const colour = houseColour({
        declarations: h.active.map((d) => ({ status: d.status as 'accepted' | 'pending_verification', validUntil: String(d.validUntil) })),
        openTasks: h.openTasks, openUndeclaredFindings: h.openFindings, today,
      });
      if (colour !== h.colour || h.active.length !== h.occupants) {
        const key = `${colour}:${h.active.length}`;
        changes.set(key, [...(changes.get(key) ?? []), h.id]);
      }
    }
    for (const [key, changed] of changes) {
      const [colour, occupants] = key.split(':');
      // Inside a transaction (every declaration group) one plain statement: Model.update prepares a statement
      // for each new length of the id list, a round trip more while the group holds its locks.
      if (transaction) {
        await statementIn(transaction, `UPDATE houses SET colour = ?, occupants = ?, updated_at = ? WHERE id IN (${changed.map(() => '?').join(', ')})`,
          [colour, Number(occupants), storedTime(deps.clock.now(), House.sequelize!.getDialect() === 'sqlite'), ...changed]);
      } else await House.update({ colour, occupants: Number(occupants) }, { where: { id: changed } });
    }
  }

  const qrText = (code: string) => `${deps.publicBaseUrl.replace(/\/$/, '')}/h/${encodeURIComponent(code)}`;

  const service = {
    byCode,
    view,
    qrText,

    /** Recomputes colour and occupant count of the given houses from their declarations, tasks and findings. */
    async refresh(houseIds: number[], transaction?: Transaction): Promise<void> {
      if (!transaction && houseIds.length > 1) {
        // One commit for the lot: a nightly collision may touch thousands of houses.
        await House.sequelize!.transaction((t) => service.refresh(houseIds, t));
        return;
      }
      const unique = [...new Set(houseIds)];
      for (let i = 0; i < unique.length; i += 1000) {
        const ids = unique.slice(i, i + 1000);
        const [decls, tasks, findings, houses] = await Promise.all([
          Declaration.findAll({ where: { houseId: ids, status: [...ACTIVE_STATUSES] }, attributes: ['houseId', 'status', 'validUntil'], raw: true, transaction }),
          VerificationTask.findAll({ where: { houseId: ids, status: 'open' }, attributes: ['houseId'], raw: true, transaction }),
          CollisionFinding.findAll({ where: { houseId: ids, open: true, kind: 'undeclared' }, attributes: ['houseId'], raw: true, transaction }),
          House.findAll({ where: { id: ids }, attributes: ['id', 'colour', 'occupants'], raw: true, transaction }),
        ]);
        const count = (rows: { houseId: number }[]) => rows.reduce((m, r) => m.set(r.houseId, (m.get(r.houseId) ?? 0) + 1), new Map<number, number>());
        const openTasks = count(tasks), openFindings = count(findings);
        const declared = new Map<number, { status: string; validUntil: string }[]>();
        for (const d of decls) declared.set(d.houseId, [...(declared.get(d.houseId) ?? []), { status: d.status, validUntil: String(d.validUntil) }]);
        await recolour(houses.map((h) => ({
          id: h.id, colour: h.colour, occupants: h.occupants, active: declared.get(h.id) ?? [], openTasks: openTasks.get(h.id) ?? 0, openFindings: openFindings.get(h.id) ?? 0,
        })), transaction);
      }
    },

    /**
     * Houses whose active declarations the caller has just read (or written) in its transaction: the rest of
     * the colour's facts (the house's stored colour and count, its open tasks and findings) in one statement
     * for them all, or as the caller read them (`facts`, with `newTasks` it has opened since), and one UPDATE
     * per (colour, count) that changed. Declaring uses it, alone or in a group.
     */
    async refreshKnown(entries: { houseId: number; active: { status: string; validUntil: string }[]; newTasks?: number }[], transaction: Transaction, facts?: Map<number, ColourFacts>): Promise<void> {
      if (!entries.length) return;
      const known = facts ?? new Map((await House.sequelize!.query<ColourFacts>(
        `SELECT h.id, h.colour, h.occupants, ${colourFactColumns('h')} FROM houses h WHERE h.id IN (?)`,
        { replacements: [true, entries.map((e) => e.houseId)], type: QueryTypes.SELECT, transaction },
      )).map((h) => [h.id, h]));
      await recolour(entries.flatMap(({ houseId, active, newTasks }) => {
        const h = known.get(houseId);
        return h ? [{ id: houseId, colour: h.colour, occupants: Number(h.occupants), active, openTasks: Number(h.openTasks) + (newTasks ?? 0), openFindings: Number(h.openFindings) }] : [];
      }), transaction);
    },

    async list(actor: Actor, q: { q?: string; gridCode?: string; colour?: string; building?: string; page: number; pageSize: number }) {
      const me = staff(actor, 'read');
      const where: WhereOptions<HouseAttrs>[] = [{ regionPath: { [Op.startsWith]: me.regionPath } }];
      if (q.q) where.push({ [Op.or]: [{ code: { [Op.startsWith]: q.q.toUpperCase() } }, { address: { [Op.substring]: q.q } }] });
      if (q.gridCode) where.push({ gridId: (await gridByCode(q.gridCode)).grid.id });
      if (q.colour) where.push({ colour: q.colour });
      if (q.building) where.push({ building: q.building });
      const { rows, count } = await House.findAndCountAll({ where: { [Op.and]: where }, order: [['code', 'ASC']], limit: q.pageSize, offset: (q.page - 1) * q.pageSize, raw: true });
      return { items: await view(rows), total: count, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, code: string) {
      const house = await visibleHouse(staff(actor, 'read'), code);
      return { house, view: (await view([house]))[0] };
    },

    async create(actor: Actor, input: HouseInput) {
      const me = staff(actor, 'manage_houses');
      const { grid, community } = await gridByCode(input.gridCode);
      if (!inResidenceScope(me, community.path)) throw new Forbidden('该网格不在您的管辖范围内');
      try {
        const row = await House.create({
          code: input.code.toUpperCase(), address: input.address, building: input.building, floor: input.floor ?? null, room: input.room, use: input.use,
          capacity: input.capacity, landlordName: input.landlordName ?? null, landlordPhone: input.landlordPhone ?? null, gridId: grid.id,
          regionId: community.id, regionPath: community.path,
        });
        return (await view([row.get({ plain: true })]))[0];
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new Conflict(`房屋编码 ${input.code} 已存在`, [{ field: 'code', message: '编码已存在' }]);
        throw err;
      }
    },

    async flag(actor: Actor, code: string, reason: string | null) {
      const house = await visibleHouse(staff(actor, 'manage_houses'), code);
      await House.update({ flagged: reason !== null, flagReason: reason }, { where: { id: house.id } });
      return (await view([(await House.findByPk(house.id, { raw: true }))!]))[0];
    },

    async qr(actor: Actor, code: string, format: 'png' | 'svg'): Promise<Buffer | string> {
      const house = await visibleHouse(staff(actor, 'read'), code);
      const text = qrText(house.code);
      return format === 'png'
        ? QRCode.toBuffer(text, { type: 'png', width: 512, margin: 2, errorCorrectionLevel: 'M' })
        : QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    },

    async qrSheet(actor: Actor, q: { gridCode?: string; building?: string }) {
      const me = staff(actor, 'read');
      if (!q.gridCode && !q.building) throw new Invalid('请指定网格或楼栋', [{ field: 'building', message: '网格和楼栋至少填一项' }]);
      const where: WhereOptions<HouseAttrs>[] = [{ regionPath: { [Op.startsWith]: me.regionPath } }];
      if (q.gridCode) where.push({ gridId: (await gridByCode(q.gridCode)).grid.id });
      if (q.building) where.push({ building: q.building });
      const houses = await House.findAll({ where: { [Op.and]: where }, order: [['building', 'ASC'], ['floor', 'ASC'], ['room', 'ASC']], limit: 500, raw: true });
      const items = await Promise.all(houses.map(async (h) => ({
        code: h.code, address: h.address, building: h.building, floor: h.floor, room: h.room,
        qrSvg: await QRCode.toString(qrText(h.code), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      })));
      return { items };
    },

    /** What a tenant who scanned the code sees: where the house is, nothing about who lives there. */
    async forResident(actor: Actor, code: string) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      const house = await byCode(code);
      const [v] = await view([house]);
      return { code: v.code, address: v.address, building: v.building, floor: v.floor, room: v.room, gridName: v.gridName, communityName: v.communityName };
    },

    async gridStats(actor: Actor, q: { regionId?: number }) {
      const me = staff(actor, 'read');
      let path = me.regionPath;
      if (q.regionId) {
        const region = await Region.findByPk(q.regionId, { raw: true });
        if (!region || !inResidenceScope(me, region.path)) throw new NotFound('没有这个区域');
        path = region.path;
      }
      const rows = await House.findAll({
        attributes: ['gridId', 'colour', [House.sequelize!.fn('COUNT', House.sequelize!.col('id')), 'n']],
        where: { regionPath: { [Op.startsWith]: path } }, group: ['gridId', 'colour'], raw: true,
      }) as unknown as { gridId: number; colour: Colour; n: number | string }[];
      const byGrid = new Map<number, Record<Colour, number>>();
      for (const r of rows) {
        const c = byGrid.get(r.gridId) ?? { red: 0, yellow: 0, green: 0, none: 0 };
        c[r.colour] = (c[r.colour] ?? 0) + Number(r.n);
        byGrid.set(r.gridId, c);
      }
      const places = await deps.locator.places([...byGrid.keys()]);
      const items = [...byGrid.entries()].map(([gridId, c]) => {
        const g = places.get(gridId);
        const occupied = c.red + c.yellow + c.green;
        return {
          gridCode: g?.code ?? '', gridName: g?.name ?? '', communityName: g?.communityName ?? '', houses: occupied + c.none, ...c, occupied,
          declarationRate: declarationRate(c),
        };
      }).sort((a, b) => a.gridCode.localeCompare(b.gridCode));
      return { items };
    },
  };
  return service;
}
export type HouseService = ReturnType<typeof createHouseService>;
