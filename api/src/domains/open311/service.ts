// Open311 GeoReport v2 over the event registry: our categories are its services, our events its
// service requests. Keys are issued by admins; a POST needs one, reading does not (as the spec has it).
import crypto from 'node:crypto';
import { Op, type WhereOptions } from 'sequelize';
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import { DomainError, Forbidden, Invalid, NotFound, Unauthenticated } from '../../errors';
import { SYSTEM_CATEGORIES, type EventAttrs, type EventModels, type EventService } from '../events';
import type { GridModels } from '../grid';
import type { PhotoService } from '../photos';
import type { Open311KeyModel } from './model';
import { w3c } from './format';

const CLOSED = ['closed', 'rejected', 'merged'];
const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

export class Open311KeyRequired extends DomainError { readonly kind = 'forbidden'; }

export function createOpen311Service(deps: { Key: Open311KeyModel; models: EventModels & GridModels; events: EventService; photos: PhotoService; clock: Clock; timezone: string }) {
  const { Key, models, clock } = deps;
  const { Event, Category, Unit } = models;

  function admin(actor: Actor) {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'staff' || actor.role !== 'admin') throw new Forbidden('只有系统管理员可以管理 Open311 密钥');
    return actor;
  }

  async function keyId(apiKey: string | undefined): Promise<number> {
    if (!apiKey) throw new Open311KeyRequired('api_key is required');
    const row = await Key.findOne({ where: { keyHash: hashKey(apiKey), revokedAt: null }, raw: true });
    if (!row) throw new Open311KeyRequired('api_key is invalid or revoked');
    return row.id;
  }

  async function represent(events: EventAttrs[], origin: string) {
    const categories = new Map((await Category.findAll({ raw: true })).map((c) => [c.id, c]));
    const unitIds = [...new Set(events.map((e) => e.unitId).filter((x): x is number => x !== null))];
    const units = new Map((unitIds.length ? await Unit.findAll({ where: { id: unitIds }, raw: true }) : []).map((u) => [u.id, u]));
    const photos = await deps.photos.forOwners('event', events.map((e) => e.id));
    return events.map((e) => {
      const category = categories.get(e.categoryId);
      // Nothing a resident posted is public before it passed content security (WeChat's check or a moderator).
      const photo = photos.find((p) => p.ownerId === e.id && p.kind === 'report' && p.visibility === 'pass');
      const closed = CLOSED.includes(e.status);
      return {
        service_request_id: e.code,
        status: closed ? 'closed' : 'open',
        status_notes: e.status === 'rejected' ? '不予立案' : e.status === 'merged' ? '已合并到另一请求' : null,
        service_name: category?.name ?? '',
        service_code: category?.code ?? '',
        description: e.textVisibility === 'pass' ? e.description : e.textVisibility === 'hidden' ? '（内容未通过审核，已隐藏）' : '（内容审核中）',
        agency_responsible: e.unitId ? units.get(e.unitId)?.name ?? null : null,
        service_notice: null,
        requested_datetime: w3c(e.createdAt, deps.timezone),
        updated_datetime: w3c(closed && e.closedAt ? e.closedAt : e.updatedAt, deps.timezone),
        expected_datetime: w3c(e.resolutionDueAt, deps.timezone),
        address: e.address,
        address_id: null,
        zipcode: null,
        lat: e.lat,
        long: e.lng,
        media_url: photo ? `${origin}${deps.photos.view(photo).url}` : null,
      };
    });
  }

  return {
    async listKeys(actor: Actor) {
      admin(actor);
      const rows = await Key.findAll({ order: [['id', 'ASC']], raw: true });
      return { items: rows.map(({ id, name, createdAt, revokedAt }) => ({ id, name, createdAt, revokedAt })) };
    },
    async createKey(actor: Actor, name: string) {
      const staff = admin(actor);
      const key = `w311_${crypto.randomBytes(24).toString('base64url')}`;
      const row = await Key.create({ name, keyHash: hashKey(key), createdBy: staff.id });
      return { id: row.get('id') as number, name, key };
    },
    async revokeKey(actor: Actor, id: number) {
      admin(actor);
      const [n] = await Key.update({ revokedAt: clock.now() }, { where: { id, revokedAt: null } });
      if (n !== 1 && !(await Key.findByPk(id))) throw new NotFound('没有这个密钥');
    },

    async services() {
      const rows = await Category.findAll({ where: { active: true, code: { [Op.notIn]: [...SYSTEM_CATEGORIES] } }, order: [['level', 'ASC'], ['sort', 'ASC']], raw: true });
      const levels = ['', '特急', '紧急', '较急', '一般', '轻微'];
      return rows.map((c) => ({ service_code: c.code, service_name: c.name, description: `${c.name}（${levels[c.level]}，${c.resolutionHours} 小时内办结）`, metadata: false, type: 'realtime', keywords: c.code.replace(/-/g, ','), group: levels[c.level] }));
    },

    async serviceDefinition(code: string) {
      const category = await Category.findOne({ where: { code, active: true }, raw: true });
      if (!category) throw new NotFound(`service_code ${code} not found`);
      return { service_code: category.code, attributes: [] as unknown[] };
    },

    async requests(filter: { ids?: string[]; serviceCode?: string; start?: Date; end?: Date; status?: 'open' | 'closed' }, origin: string) {
      const where: WhereOptions & Record<string | symbol, unknown> = { status: { [Op.ne]: 'merged' } };
      if (filter.ids) where.code = filter.ids;
      if (filter.serviceCode) where.categoryId = (await Category.findOne({ where: { code: filter.serviceCode }, raw: true }))?.id ?? -1;
      if (filter.status) where.status = filter.status === 'closed' ? CLOSED.filter((s) => s !== 'merged') : { [Op.notIn]: CLOSED };
      // Without dates: the last 90 days, as the convention of the specification has it.
      const end = filter.end ?? clock.now();
      const start = filter.start ?? (filter.ids ? undefined : new Date(end.getTime() - 90 * 86400_000));
      if (!filter.ids || filter.start || filter.end) where.createdAt = { ...(start ? { [Op.gte]: start } : {}), [Op.lte]: end };
      const rows = await Event.findAll({ where, order: [['id', 'DESC']], limit: 1000, raw: true });
      return represent(rows, origin);
    },

    async request(code: string, origin: string) {
      const row = await Event.findOne({ where: { code }, raw: true });
      if (!row) throw new NotFound(`service_request_id ${code} not found`);
      return represent([row], origin);
    },

    async post(apiKey: string | undefined, input: { service_code: string; lat?: number; long?: number; address_string?: string; description?: string }) {
      const id = await keyId(apiKey);
      if (input.lat === undefined || input.long === undefined) {
        throw new Invalid(input.address_string
          ? 'address_string alone cannot be placed in a grid here: send lat and long (WGS-84) as well'
          : 'lat and long are required');
      }
      const category = await Category.findOne({ where: { code: input.service_code, active: true }, raw: true });
      if (!category) throw new NotFound(`service_code ${input.service_code} not found`);
      const receipt = await deps.events.submitReport({ kind: 'anonymous' }, {
        category: input.service_code, description: input.description?.trim() || category.name, lat: input.lat, lng: input.long, coordSystem: 'wgs84', address: input.address_string ?? null,
      }, [], { open311KeyId: id });
      return [{ service_request_id: receipt.code, service_notice: `已登记，编号 ${receipt.code}；预计 ${receipt.deadlines?.resolutionDueAt ? w3c(receipt.deadlines.resolutionDueAt, deps.timezone) : '分拨后'} 前办结` }];
    },

    async token(token: string) {
      const row = await Event.findOne({ where: { code: token }, raw: true });
      if (!row) throw new NotFound(`token ${token} not found`);
      return [{ token, service_request_id: row.code }];
    },
  };
}

export type Open311Service = ReturnType<typeof createOpen311Service>;
