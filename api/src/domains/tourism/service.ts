// Use cases of island tourist services: islands and their units, places (nearby search, staff editing), a
// tourist's complaint and call for help (each registered as an event through the registry's intake, with the
// tourism row in the same transaction), the SOS board and complaint statistics for staff.
import { Op, QueryTypes, UniqueConstraintError, literal, type Sequelize, type Transaction } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import type { Clock } from '../../clock';
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated, Unprocessable } from '../../errors';
import { toWgs84, UNIT_TYPES, type CoordSystem, type GridLocator, type GridModels } from '../grid';
import { EVENT_STATUSES, OPEN_STATUSES, type EventAttrs, type EventModels, type EventService, type EventStatus } from '../events';
import type { PhotoUpload } from '../photos';
import type { AuthModels } from '../auth';
import { JsonBytes } from '../../http/json-bytes';
import { mayTourism } from './access';
import { nextPlaceRevision, type IslandAttrs, type PlaceAttrs, type TourismModels } from './model';
import { directoryPlace, placeStaticView, PlaceDirectory, roundedGcj02, type DirectoryPlace } from './place-directory';
import { cityDayStart, cityMinuteOfDay, isOpenAt, nearestIsland } from './rules';
import { COMPLAINT_CATEGORIES, HELP_EVENT_CATEGORY, HELP_TYPES, PLACE_KINDS, type ComplaintCategory, type HelpType, type PlaceKind } from './vocabulary';

export interface TourismDeps {
  sequelize: Sequelize;
  models: TourismModels & EventModels & GridModels & Pick<AuthModels, 'Person'>;
  clock: Clock;
  locator: GridLocator;
  events: EventService;
  timezone: string;
}

export interface PlaceInput { code?: string; name: string; kind: PlaceKind; island: string; lat: number; lng: number; coordSystem: CoordSystem; address: string; phone?: string | null; openingHours?: string | null; active?: boolean }
export interface ComplaintInput { category: ComplaintCategory; description: string; placeCode?: string; lat?: number; lng?: number; coordSystem: CoordSystem; address?: string; phone?: string }
export interface HelpInput { type: HelpType; lat: number; lng: number; coordSystem: CoordSystem; accuracyM?: number; phone: string; text?: string; address?: string }

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function createTourismService(deps: TourismDeps) {
  const { sequelize, models, clock, locator, events } = deps;
  const { Island, Place, TouristComplaint, HelpCall, Event, Unit, Region, Grid, Staff, Evidence } = models;
  const directory = new PlaceDirectory(models, clock);

  function staffWith(actor: Actor, action: Parameters<typeof mayTourism>[1], what: string): StaffActor {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (!mayTourism(actor, action)) throw new Forbidden(`您的角色不能${what}`);
    return actor;
  }

  async function islandRegions(): Promise<Map<number, { path: string; parentId: number | null }>> {
    const islands = await Island.findAll({ attributes: ['regionId'], raw: true });
    return new Map((await Region.findAll({ where: { id: islands.map((i) => i.regionId) }, attributes: ['id', 'path', 'parentId'], raw: true })).map((r) => [r.id, r]));
  }

  function placeView(p: DirectoryPlace, minute: number) {
    return { ...placeStaticView(p), openNow: p.hours ? isOpenAt(p.hours, minute) : null };
  }

  /** The island serving a point (WGS-84) and the grid to register an event in: the one containing it, else the island's nearest. */
  async function placeOnIsland(point: { lat: number; lng: number }, island?: IslandAttrs) {
    const islands = await Island.findAll({ raw: true });
    const serving = island ?? nearestIsland(islands, point);
    if (!serving) throw new Unprocessable('该位置不在任何海岛的服务范围内（30 公里内），请确认定位或选择所在海岛', 'outside-islands', [{ field: 'lat', message: '不在海岛服务范围内' }]);
    const located = await locator.locate(point.lng, point.lat);
    const islandRegion = (await Region.findByPk(serving.regionId, { raw: true }))!;
    if (located) {
      const region = await Region.findByPk(located.regionId, { attributes: ['path'], raw: true });
      if (region?.path.startsWith(islandRegion.path)) return { island: serving, gridId: located.id, regionId: located.regionId };
    }
    // At sea, on the beach outside the drawn grids: the island's grid nearest to the point.
    const grids = await Grid.findAll({ where: { regionId: serving.regionId }, attributes: ['id', 'regionId', 'minLat', 'minLng', 'maxLat', 'maxLng'], raw: true });
    if (!grids.length) throw new Conflict(`${serving.name}尚未划分网格，请联系管理员`);
    const centre = (g: typeof grids[number]) => ({ lat: (g.minLat + g.maxLat) / 2, lng: (g.minLng + g.maxLng) / 2 });
    const d2 = (g: typeof grids[number]) => (centre(g).lat - point.lat) ** 2 + (centre(g).lng - point.lng) ** 2;
    const nearest = grids.reduce((a, b) => (d2(b) < d2(a) ? b : a));
    return { island: serving, gridId: nearest.id, regionId: nearest.regionId };
  }

  async function unitOf(event: EventAttrs) {
    return event.unitId ? Unit.findByPk(event.unitId, { attributes: ['id', 'name', 'phone'], raw: true }) : null;
  }

  /** Who accepted (接单) a help call: the staff member of the latest accept record. */
  async function responders(eventIds: number[]): Promise<Map<number, string>> {
    if (!eventIds.length) return new Map();
    const accepts = await Evidence.findAll({ where: { eventId: eventIds, action: 'accept' }, attributes: ['eventId', 'actorId', 'seq'], order: [['seq', 'ASC']], raw: true });
    const staff = new Map((await Staff.findAll({ where: { id: [...new Set(accepts.map((a) => a.actorId).filter((id): id is number => id !== null))] }, attributes: ['id', 'displayName'], raw: true })).map((s) => [s.id, s.displayName]));
    return new Map(accepts.map((a) => [a.eventId, staff.get(a.actorId ?? -1) ?? '值班人员']));
  }

  function staffScope(staff: StaffActor): { sql: string; replacements: Record<string, unknown> } {
    // Handlers see what reached their unit; everyone else the events of their region's subtree.
    if (staff.role === 'handler') return { sql: 'e.unit_id = :scopeUnit', replacements: { scopeUnit: staff.unitId ?? -1 } };
    return { sql: 'e.region_path LIKE :scopePath', replacements: { scopePath: `${staff.regionPath}%` } };
  }

  const helpView = (e: EventAttrs, h: { type: string }, island: IslandAttrs | undefined, unit: { name: string; phone: string | null } | null, responder: string | undefined) => ({
    code: e.code, type: h.type, typeName: HELP_TYPES[h.type as HelpType] ?? h.type, status: e.status, statusName: EVENT_STATUSES[e.status],
    island: island ? { code: island.code, name: island.name } : null, unit: unit ? { name: unit.name, phone: unit.phone } : null,
    responder: responder ? { name: responder } : null, receivedAt: iso(e.createdAt), respondedAt: iso(e.respondedAt), responseDueAt: iso(e.responseDueAt),
    overdue: Boolean(e.overdue), escalated: e.escalatedAt !== null,
  });

  async function placeByCode(code: string) {
    return Place.findOne({ where: { code }, raw: true });
  }

  async function writePlace(staff: StaffActor, existing: PlaceAttrs | null, input: Partial<PlaceInput>) {
    const islandCode = input.island;
    let island: IslandAttrs | null = null;
    if (islandCode !== undefined || !existing) {
      island = await Island.findOne({ where: { code: islandCode ?? '' }, raw: true });
      if (!island) throw new Invalid(`没有这个海岛：${islandCode}`, [{ field: 'island', message: '海岛不存在' }]);
    } else island = await Island.findByPk(existing.islandId, { raw: true });
    const region = await Region.findByPk(island!.regionId, { attributes: ['path'], raw: true });
    if (!region || !region.path.startsWith(staff.regionPath)) throw new Forbidden('该海岛不在您的管辖范围内');
    const changes: Partial<PlaceAttrs> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.kind !== undefined) changes.kind = input.kind;
    if (island) changes.islandId = island.id;
    if (input.lat !== undefined && input.lng !== undefined) Object.assign(changes, toWgs84({ lat: input.lat, lng: input.lng }, input.coordSystem ?? 'gcj02'));
    if (input.address !== undefined) changes.address = input.address;
    if (input.phone !== undefined) changes.phone = input.phone || null;
    if (input.openingHours !== undefined) changes.openingHours = input.openingHours || null;
    if (input.active !== undefined) changes.active = input.active;
    const point = { lat: changes.lat ?? existing!.lat, lng: changes.lng ?? existing!.lng };
    if (!nearestIsland([{ ...island!, id: island!.id }], point)) throw new Invalid('位置离所选海岛超过 30 公里，请核对经纬度和坐标系', [{ field: 'lat', message: '不在该海岛附近' }]);
    let saved: PlaceAttrs;
    if (existing) {
      await sequelize.transaction(async (t) => Place.update({ ...changes, revision: await nextPlaceRevision(models, t) }, { where: { id: existing.id }, transaction: t }));
      saved = (await Place.findByPk(existing.id, { raw: true }))!;
    } else {
      try {
        const created = await sequelize.transaction(async (t) => {
          const revision = await nextPlaceRevision(models, t);
          const row = await Place.create({ ...(changes as PlaceAttrs), revision, code: input.code ?? `tmp-${clock.now().getTime()}-${Math.random().toString(36).slice(2, 8)}` }, { transaction: t });
          const id = row.get('id') as number;
          if (!input.code) await Place.update({ code: `PL${String(id).padStart(6, '0')}` }, { where: { id }, transaction: t });
          return id;
        });
        saved = (await Place.findByPk(created, { raw: true }))!;
      } catch (err) {
        if (err instanceof UniqueConstraintError) throw new Conflict(`编码 ${input.code} 已被使用`, [{ field: 'code', message: '编码已存在' }]);
        throw err;
      }
    }
    directory.invalidate();
    return placeView(directoryPlace(saved, island ?? undefined), cityMinuteOfDay(clock.now(), deps.timezone));
  }

  return {
    directory,

    async islands() {
      const islands = await Island.findAll({ order: [['id', 'ASC']], raw: true });
      const regions = new Map((await Region.findAll({ attributes: ['id', 'name', 'path'], raw: true })).map((r) => [r.id, r]));
      const units = await Unit.findAll({ attributes: ['id', 'name', 'type', 'phone', 'regionId'], order: [['id', 'ASC']], raw: true });
      return {
        items: islands.map((i) => {
          const community = regions.get(i.regionId);
          // The units stationed on the island: those whose jurisdiction contains the island's community.
          const stationed = units.filter((u) => {
            const path = regions.get(u.regionId)?.path;
            return path && community && community.path.startsWith(path) && path.split('/').length >= community.path.split('/').length - 1;
          });
          return {
            code: i.code, name: i.name, regionName: community?.name ?? '', centre: { lat: round6(i.lat), lng: round6(i.lng) }, gcj02: roundedGcj02(i),
            units: stationed.map((u) => ({ id: u.id, name: u.name, type: u.type, typeName: UNIT_TYPES[u.type as keyof typeof UNIT_TYPES] ?? u.type, phone: u.phone })),
          };
        }),
      };
    },

    /**
     * The nearby search as UTF-8 JSON, `{"items":[Place & {openNow, distanceM}]}`, written into one buffer: each
     * place's view was serialised and encoded once when it was loaded, and a search only appends whether it is
     * open and how far it is. It is the busiest read of the islands; building twenty objects, serialising them
     * and encoding the Chinese text of the answer on every request was most of its cost.
     */
    async nearbyJson(q: { lat: number; lng: number; coordSystem: CoordSystem; radius: number; kind?: PlaceKind[]; limit: number }): Promise<Buffer> {
      const point = toWgs84({ lat: q.lat, lng: q.lng }, q.coordSystem);
      const { index } = await directory.current();
      const minute = cityMinuteOfDay(clock.now(), deps.timezone);
      const found = index.nearby(point, q.radius, { kinds: q.kind, limit: q.limit });
      const out = new JsonBytes(512 + found.length * 600).ascii('{"items":[');
      found.forEach(({ place, distanceM }, i) => {
        if (i > 0) out.ascii(',');
        out.bytes(place.head).ascii(`,"openNow":${place.hours ? isOpenAt(place.hours, minute) : null},"distanceM":${Math.round(distanceM)}}`);
      });
      return out.ascii(']}').done();
    },

    async getPlace(code: string) {
      const row = await placeByCode(code);
      if (!row) throw new NotFound(`没有编码为 ${code} 的商家或服务点`);
      return placeView(directoryPlace(row, (await Island.findByPk(row.islandId, { raw: true })) ?? undefined), cityMinuteOfDay(clock.now(), deps.timezone));
    },

    async listPlaces(actor: Actor, q: { island?: string; kind?: PlaceKind; q?: string; page: number; pageSize: number }) {
      const staff = staffWith(actor, 'list_places', '查看商家与服务点');
      const islands = await Island.findAll({ raw: true });
      const regions = await islandRegions();
      const visible = islands.filter((i) => (regions.get(i.regionId)?.path ?? '').startsWith(staff.regionPath) && (!q.island || i.code === q.island));
      const where: Record<string | symbol, unknown> = { islandId: visible.map((i) => i.id) };
      if (q.kind) where.kind = q.kind;
      if (q.q) where[Op.or] = [{ name: { [Op.like]: `%${q.q}%` } }, { address: { [Op.like]: `%${q.q}%` } }];
      const { rows, count } = await Place.findAndCountAll({ where, order: [['islandId', 'ASC'], ['kind', 'ASC'], ['code', 'ASC']], limit: q.pageSize, offset: (q.page - 1) * q.pageSize, raw: true });
      const byId = new Map(islands.map((i) => [i.id, i]));
      const minute = cityMinuteOfDay(clock.now(), deps.timezone);
      return { items: rows.map((r) => placeView(directoryPlace(r, byId.get(r.islandId)), minute)), total: count, page: q.page, pageSize: q.pageSize };
    },

    async createPlace(actor: Actor, input: PlaceInput) {
      return writePlace(staffWith(actor, 'edit_places', '维护商家与服务点'), null, input);
    },

    async updatePlace(actor: Actor, code: string, input: Partial<PlaceInput>) {
      const staff = staffWith(actor, 'edit_places', '维护商家与服务点');
      const existing = await placeByCode(code);
      if (!existing) throw new NotFound(`没有编码为 ${code} 的商家或服务点`);
      return writePlace(staff, existing, input);
    },

    async complain(actor: Actor, input: ComplaintInput, files: PhotoUpload[]) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      let place: PlaceAttrs | null = null;
      let point: { lat: number; lng: number };
      let island: IslandAttrs | undefined;
      if (input.placeCode) {
        place = await placeByCode(input.placeCode);
        if (!place || !place.active) throw new Invalid(`没有编码为 ${input.placeCode} 的商家`, [{ field: 'placeCode', message: '商家不存在或已停业' }]);
        point = { lat: place.lat, lng: place.lng };
        island = (await Island.findByPk(place.islandId, { raw: true }))!;
      } else {
        if (input.lat === undefined || input.lng === undefined) throw new Invalid('请提供位置，或选择被投诉的商家', [{ field: 'lat', message: '缺少位置' }]);
        point = toWgs84({ lat: input.lat, lng: input.lng }, input.coordSystem);
      }
      const where = await placeOnIsland(point, island);
      const category = COMPLAINT_CATEGORIES[input.category];
      const event = await events.registerEvent(actor, {
        source: 'tourist_complaint', categoryCode: category.eventCategory,
        description: place ? `【${place.name}】${input.description}` : input.description,
        point, address: input.address ?? place?.address ?? null, gridId: where.gridId, regionId: where.regionId,
        reportPayload: { complaint: input.category, description: input.description, place: place?.code ?? null, island: where.island.code, lat: point.lat, lng: point.lng, address: input.address ?? place?.address ?? null },
        received: { title: '投诉已受理', body: `您的投诉（${category.name}）已登记，编号 {code}` },
      }, files, async (t: Transaction, e) => {
        await TouristComplaint.create({ eventId: e.id, category: input.category, placeId: place?.id ?? null, islandId: where.island.id, phone: input.phone ?? null, createdAt: clock.now() }, { transaction: t });
        if (place) await Place.update({ complaintCount: literal('complaint_count + 1') as unknown as number, revision: await nextPlaceRevision(models, t) }, { where: { id: place.id }, transaction: t });
      });
      if (place) directory.invalidate();
      const unit = await unitOf(event);
      return {
        code: event.code, status: event.status, statusName: EVENT_STATUSES[event.status], category: input.category, categoryName: category.name,
        place: place ? { code: place.code, name: place.name } : null, island: { code: where.island.code, name: where.island.name },
        unit: unit ? { id: unit.id, name: unit.name, phone: unit.phone } : null,
        deadlines: event.responseDueAt ? { responseDueAt: iso(event.responseDueAt), resolutionDueAt: iso(event.resolutionDueAt) } : null,
      };
    },

    async help(actor: Actor, input: HelpInput) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      const point = toWgs84({ lat: input.lat, lng: input.lng }, input.coordSystem);
      const where = await placeOnIsland(point);
      const typeName = HELP_TYPES[input.type];
      const event = await events.registerEvent(actor, {
        source: 'tourist_help', categoryCode: HELP_EVENT_CATEGORY,
        description: `【${typeName}】${input.text ?? ''}`.slice(0, 1000), point, address: input.address ?? null, gridId: where.gridId, regionId: where.regionId,
        reportPayload: { help: input.type, text: input.text ?? null, island: where.island.code, lat: point.lat, lng: point.lng, accuracyM: input.accuracyM ?? null, address: input.address ?? null },
        received: { title: '求助已送达', body: `您的求助（${typeName}）已送达${where.island.name}值班人员，编号 {code}`, link: '/packages/tourism/pages/status/index?code={code}' },
      }, [], async (t: Transaction, e) => {
        await HelpCall.create({ eventId: e.id, type: input.type, islandId: where.island.id, phone: input.phone, text: input.text ?? null, accuracyM: input.accuracyM ?? null, createdAt: clock.now() }, { transaction: t });
      });
      return helpView(event, { type: input.type }, where.island, await unitOf(event), undefined);
    },

    async helpStatus(actor: Actor, code: string) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      const event = await Event.findOne({ where: { code, source: 'tourist_help' }, raw: true });
      const visible = event && (actor.kind === 'resident' ? event.reporterId === actor.id
        : mayTourism(actor, 'help_board') && (actor.role === 'handler' ? event.unitId === actor.unitId : event.regionPath.startsWith(actor.regionPath)));
      if (!event || !visible) throw new NotFound(`没有编号为 ${code} 的求助`);
      const call = (await HelpCall.findOne({ where: { eventId: event.id }, raw: true }))!;
      return helpView(event, call, (await Island.findByPk(call.islandId, { raw: true })) ?? undefined, await unitOf(event), (await responders([event.id])).get(event.id));
    },

    async helpBoard(actor: Actor, q: { island?: string; open: boolean; page: number; pageSize: number }) {
      const staff = staffWith(actor, 'help_board', '查看求助看板');
      const scope = staffScope(staff);
      const islands = await Island.findAll({ raw: true });
      const island = q.island ? islands.find((i) => i.code === q.island) : undefined;
      if (q.island && !island) throw new Invalid(`没有这个海岛：${q.island}`, [{ field: 'island', message: '海岛不存在' }]);
      const filters = [scope.sql, ...(island ? ['h.island_id = :island'] : []), ...(q.open ? ['e.status IN (:open)'] : [])];
      const replacements = { ...scope.replacements, island: island?.id, open: OPEN_STATUSES as EventStatus[], limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const from = `FROM tourist_help_calls h JOIN events e ON e.id = h.event_id WHERE ${filters.join(' AND ')}`;
      const [{ n }] = await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, { type: QueryTypes.SELECT, replacements });
      const rows = await sequelize.query<{ eventId: number; type: string; islandId: number; phone: string; text: string | null; accuracyM: number | null }>(
        `SELECT h.event_id AS eventId, h.type AS type, h.island_id AS islandId, h.phone AS phone, h.text AS text, h.accuracy_m AS accuracyM ${from} ORDER BY e.id DESC LIMIT :limit OFFSET :offset`,
        { type: QueryTypes.SELECT, replacements });
      const eventRows = new Map((await Event.findAll({ where: { id: rows.map((r) => r.eventId) }, raw: true })).map((e) => [e.id, e]));
      const units = new Map((await Unit.findAll({ where: { id: [...new Set([...eventRows.values()].map((e) => e.unitId).filter((u): u is number => u !== null))] }, raw: true })).map((u) => [u.id, u]));
      const who = await responders(rows.map((r) => r.eventId));
      const people = new Map((await models.Person.findAll({ where: { id: [...new Set([...eventRows.values()].map((e) => e.reporterId).filter((p): p is number => p !== null))] }, attributes: ['id', 'nickname'], raw: true })).map((p) => [p.id, p.nickname]));
      const byId = new Map(islands.map((i) => [i.id, i]));
      return {
        items: rows.map((r) => {
          const e = eventRows.get(r.eventId)!;
          const unit = e.unitId ? units.get(e.unitId) ?? null : null;
          return {
            ...helpView(e, r, byId.get(r.islandId), unit, who.get(e.id)),
            phone: r.phone, text: r.text, lat: round6(e.lat), lng: round6(e.lng), gcj02: roundedGcj02(e), accuracyM: r.accuracyM, address: e.address,
            reporterName: (e.reporterId && people.get(e.reporterId)) || null,
          };
        }),
        total: Number(n), page: q.page, pageSize: q.pageSize,
      };
    },

    async complaints(actor: Actor, q: { island?: string; place?: string; status?: EventStatus; category?: ComplaintCategory; page: number; pageSize: number }) {
      const staff = staffWith(actor, 'list_complaints', '查看游客投诉');
      const scope = staffScope(staff);
      const filters = [scope.sql];
      const replacements: Record<string, unknown> = { ...scope.replacements, limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      if (q.island) { filters.push('i.code = :island'); replacements.island = q.island; }
      if (q.place) { filters.push('p.code = :place'); replacements.place = q.place; }
      if (q.status) { filters.push('e.status = :status'); replacements.status = q.status; }
      if (q.category) { filters.push('c.category = :category'); replacements.category = q.category; }
      const from = `FROM tourist_complaints c JOIN events e ON e.id = c.event_id JOIN islands i ON i.id = c.island_id LEFT JOIN places p ON p.id = c.place_id LEFT JOIN units u ON u.id = e.unit_id WHERE ${filters.join(' AND ')}`;
      const [{ n }] = await sequelize.query<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, { type: QueryTypes.SELECT, replacements });
      const rows = await sequelize.query<{ code: string; category: ComplaintCategory; description: string; placeCode: string | null; placeName: string | null; islandCode: string; islandName: string; phone: string | null; status: EventStatus; unitName: string | null; overdue: number | boolean; createdAt: string | Date }>(
        `SELECT e.code AS code, c.category AS category, e.description AS description, p.code AS placeCode, p.name AS placeName, i.code AS islandCode, i.name AS islandName, c.phone AS phone, e.status AS status, u.name AS unitName, e.overdue AS overdue, e.created_at AS createdAt ${from} ORDER BY e.id DESC LIMIT :limit OFFSET :offset`,
        { type: QueryTypes.SELECT, replacements });
      return {
        items: rows.map((r) => ({
          code: r.code, category: r.category, categoryName: COMPLAINT_CATEGORIES[r.category]?.name ?? r.category, description: r.description,
          place: r.placeCode ? { code: r.placeCode, name: r.placeName! } : null, island: { code: r.islandCode, name: r.islandName }, phone: r.phone,
          status: r.status, statusName: EVENT_STATUSES[r.status], unitName: r.unitName, overdue: Boolean(Number(r.overdue)), createdAt: iso(r.createdAt),
        })),
        total: Number(n), page: q.page, pageSize: q.pageSize,
      };
    },

    async complaintStats(actor: Actor, q: { island?: string; from?: string; to?: string }) {
      const staff = staffWith(actor, 'list_complaints', '查看投诉统计');
      const scope = staffScope(staff);
      const filters = [scope.sql];
      const replacements: Record<string, unknown> = { ...scope.replacements, open: OPEN_STATUSES as EventStatus[] };
      if (q.island) { filters.push('i.code = :island'); replacements.island = q.island; }
      if (q.from) { filters.push('c.created_at >= :from'); replacements.from = cityDayStart(q.from, deps.timezone, 0); }
      if (q.to) { filters.push('c.created_at < :to'); replacements.to = cityDayStart(q.to, deps.timezone, 1); }
      const rows = await sequelize.query<{ placeId: number | null; category: ComplaintCategory; isOpen: number | string; n: number | string; lastAt: string | Date }>(
        `SELECT c.place_id AS placeId, c.category AS category, CASE WHEN e.status IN (:open) THEN 1 ELSE 0 END AS isOpen, COUNT(*) AS n, MAX(c.created_at) AS lastAt
         FROM tourist_complaints c JOIN events e ON e.id = c.event_id JOIN islands i ON i.id = c.island_id WHERE ${filters.join(' AND ')}
         GROUP BY c.place_id, c.category, CASE WHEN e.status IN (:open) THEN 1 ELSE 0 END`, { type: QueryTypes.SELECT, replacements });
      let general = 0;
      const perPlace = new Map<number, { total: number; open: number; closed: number; byCategory: Record<string, number>; lastAt: number }>();
      for (const r of rows) {
        const n = Number(r.n);
        if (r.placeId === null) { general += n; continue; }
        const s = perPlace.get(r.placeId) ?? { total: 0, open: 0, closed: 0, byCategory: {}, lastAt: 0 };
        s.total += n;
        if (Number(r.isOpen)) s.open += n; else s.closed += n;
        s.byCategory[r.category] = (s.byCategory[r.category] ?? 0) + n;
        s.lastAt = Math.max(s.lastAt, new Date(r.lastAt).getTime());
        perPlace.set(r.placeId, s);
      }
      const places = new Map((await Place.findAll({ where: { id: [...perPlace.keys()] }, raw: true })).map((p) => [p.id, p]));
      const islands = new Map((await Island.findAll({ raw: true })).map((i) => [i.id, i]));
      const items = [...perPlace.entries()].map(([id, s]) => {
        const p = places.get(id)!;
        const island = islands.get(p.islandId);
        return {
          place: { code: p.code, name: p.name, kind: p.kind, kindName: PLACE_KINDS[p.kind] ?? p.kind }, island: { code: island?.code ?? '', name: island?.name ?? '' },
          total: s.total, open: s.open, closed: s.closed, byCategory: Object.fromEntries(Object.keys(COMPLAINT_CATEGORIES).map((c) => [c, s.byCategory[c] ?? 0])), lastAt: new Date(s.lastAt).toISOString(),
        };
      }).sort((a, b) => b.total - a.total || a.place.code.localeCompare(b.place.code));
      return { items, general };
    },
  };
}

export type TourismService = ReturnType<typeof createTourismService>;
