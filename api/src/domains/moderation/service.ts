// Content security for what residents post. Texts that others may see are checked with WeChat's
// msg_sec_check before they are stored: risky is refused (422), review (or WeChat unavailable) is stored but
// shown beyond its author and staff only once a moderator approves it. Photos go through media_check_async
// and stay unpublished until WeChat's pushed verdict (or a moderator) passes them. A check never loses a
// submission and never answers 5xx; a call for help is never held up by one.
import type { Logger } from 'pino';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import type { Clock } from '../../clock';
import { bulkInsert, storedTime } from '../../db/bulk-insert';
import { plainRun, plainSelect } from '../../db/plain-select';
import type { Models } from '../../db/models';
import { Conflict, Forbidden, NotFound, Unauthenticated, Unprocessable } from '../../errors';
import { WechatApiError, WechatUnreachable, type WechatClient } from '../../integrations/wechat/client';
import type { ItemSource, ModerationItemAttrs } from './model';
import { validPushSignature } from './push-signature';

export type TextVerdict = 'pass' | 'review' | 'unavailable';
const MODERATORS = ['admin', 'supervisor', 'dispatcher'];
const FIELD_NAMES: Record<string, string> = { description: '事件描述', ratingComment: '评价意见', photo: '照片' };
const STATUS_NAMES = { pending: '待审核', approved: '已通过', hidden: '已隐藏' } as const;
/** WeChat's scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. Reports and complaints are posts; ratings comments. */
const SCENE = { description: 3, ratingComment: 2 } as const;

export interface ModerationDeps {
  sequelize: Sequelize; models: Models; clock: Clock; wechat: WechatClient; logger?: Logger; pushToken: string; publicBaseUrl: string;
  photoUrl(photo: { displayKey: string }): string;
  /** Records a decision in the event's evidence chain (the events domain owns the chain). */
  evidence(t: Transaction, eventId: number, actor: { kind: string; id: number | null; role: string }, payload: Record<string, unknown>): Promise<void>;
  tellAuthor(t: Transaction, personId: number, title: string, body: string, eventCode: string): Promise<void>;
}

export function createModerationService(deps: ModerationDeps) {
  const { models, clock, wechat } = deps;
  const { ModerationItem, Event, Photo, Person } = models;

  function moderatorOf(actor: Actor): StaffActor {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'staff' || !MODERATORS.includes(actor.role)) throw new Forbidden('仅管理员、督办员和分拨员可以审核内容');
    return actor;
  }
  // A request's actor is made from its token for that request alone, so an openid kept by actor is read once
  // per request: a report asks for it twice (its text, then its photos).
  const openids = new WeakMap<Actor, Promise<string | null>>();
  function openidOf(actor: Actor): Promise<string | null> {
    if (actor.kind !== 'resident') return Promise.resolve(null);
    let openid = openids.get(actor);
    if (!openid) {
      openid = plainSelect<{ openid: string | null }>(Person.sequelize!, 'SELECT openid FROM people WHERE id = ?', [actor.id], { prepared: true }).then(([person]) => person?.openid ?? null);
      openids.set(actor, openid);
      openid.catch(() => openids.delete(actor));
    }
    return openid;
  }

  async function view(items: ModerationItemAttrs[]) {
    const events = new Map((await Event.findAll({ where: { id: [...new Set(items.map((i) => i.eventId))] }, attributes: ['id', 'code', 'description', 'ratingComment', 'regionPath'], raw: true })).map((e) => [e.id, e]));
    const photos = new Map((await Photo.findAll({ where: { id: items.map((i) => i.photoId).filter((x): x is number => x !== null) }, raw: true })).map((p) => [p.id, p]));
    const staff = new Map((await models.Staff.findAll({ where: { id: items.map((i) => i.decidedBy).filter((x): x is number => x !== null) }, attributes: ['id', 'displayName'], raw: true })).map((s) => [s.id, s.displayName]));
    return items.map((i) => {
      const e = events.get(i.eventId);
      const photo = i.photoId ? photos.get(i.photoId) : undefined;
      return {
        id: i.id, kind: i.kind, eventCode: e?.code ?? null, field: i.field, fieldName: FIELD_NAMES[i.field] ?? i.field,
        text: i.kind === 'text' ? (i.field === 'ratingComment' ? e?.ratingComment ?? null : e?.description ?? null) : null,
        photoUrl: photo ? deps.photoUrl(photo) : null, status: i.status, statusName: STATUS_NAMES[i.status], source: i.source, label: i.label,
        createdAt: new Date(i.createdAt), decidedAt: i.decidedAt ? new Date(i.decidedAt) : null, decidedBy: i.decidedBy ? staff.get(i.decidedBy) ?? null : null, reason: i.reason,
      };
    });
  }

  async function decide(actor: Actor, id: number, status: 'approved' | 'hidden', reason: string | null) {
    const staff = moderatorOf(actor);
    const item = await ModerationItem.findByPk(id, { raw: true });
    const event = item ? await Event.findByPk(item.eventId, { attributes: ['id', 'code', 'regionPath', 'reporterId'], raw: true }) : null;
    if (!item || !event || !event.regionPath.startsWith(staff.regionPath)) throw new NotFound('没有这条待审核内容');
    if (item.status !== 'pending') throw new Conflict('该内容已审核');
    await deps.sequelize.transaction(async (t) => {
      const [n] = await ModerationItem.update({ status, reason, decidedBy: staff.id, decidedAt: clock.now() }, { where: { id, status: 'pending' }, transaction: t });
      if (n !== 1) throw new Conflict('该内容已审核');
      await apply(t, item, status === 'approved' ? 'pass' : 'hidden');
      await deps.evidence(t, item.eventId, { kind: 'staff', id: staff.id, role: staff.role }, { moderation: item.id, field: item.field, decision: status, reason });
      if (status === 'hidden' && event.reporterId) await deps.tellAuthor(t, event.reporterId, '内容未通过审核', `您提交的${FIELD_NAMES[item.field] ?? '内容'}未通过审核，已对他人隐藏。原因：${reason}`, event.code);
    });
    return (await view([(await ModerationItem.findByPk(id, { raw: true }))!]))[0];
  }

  /** What a verdict means for what others see. */
  async function apply(t: Transaction, item: ModerationItemAttrs, visibility: 'pass' | 'hidden') {
    if (item.kind === 'photo' && item.photoId) await Photo.update({ visibility }, { where: { id: item.photoId }, transaction: t });
    if (item.kind === 'text' && item.field === 'description') await Event.update({ textVisibility: visibility }, { where: { id: item.eventId }, transaction: t, silent: true });
  }

  return {
    /**
     * Checks texts a resident wrote, before anything is stored. Risky → 422 naming the field. Staff and
     * API partners (Open311 keys) write as themselves and are not checked here.
     */
    async checkText(actor: Actor, fields: { field: 'description' | 'ratingComment'; text: string | null | undefined }[]): Promise<Record<string, TextVerdict>> {
      const verdicts: Record<string, TextVerdict> = {};
      const openid = await openidOf(actor);
      if (!openid) return verdicts;
      for (const { field, text } of fields) {
        if (!text?.trim()) continue;
        try {
          const r = await wechat.msgSecCheck({ openid, scene: SCENE[field], content: text });
          // The error names the field as the request has it (a rating's comment arrives as `comment`).
          if (r.suggest === 'risky') throw new Unprocessable('内容含有违规信息，请修改后再提交', 'content-risky', [{ field: field === 'ratingComment' ? 'comment' : field, message: '含有违法违规或不良信息，请删除相关内容后再提交' }]);
          verdicts[field] = r.suggest;
        } catch (err) {
          if (err instanceof Unprocessable) throw err;
          if (!(err instanceof WechatApiError) && !(err instanceof WechatUnreachable)) throw err;
          // WeChat down or refusing: keep the text, and let a moderator decide before anyone else sees it.
          deps.logger?.warn({ err, field }, 'msg_sec_check unavailable; queued for moderation');
          verdicts[field] = 'unavailable';
        }
      }
      return verdicts;
    },

    /**
     * In the transaction that stores the text and photos: texts not passed wait for a moderator; photos wait for
     * WeChat, each with its item written here, so that a photo kept from others always has one in the queue,
     * even if the process stops before checkPhotos has sent it (a moderator then decides). While WeChat is known
     * to be out of reach (its breaker is open), the photos wait for a moderator at once, as checkPhotos would
     * leave them. Answers whether they wait for WeChat, i.e. whether checkPhotos should send them after the commit.
     */
    async hold(t: Transaction, eventId: number, verdicts: Record<string, TextVerdict>, photoIds: number[], options: { written?: boolean } = {}): Promise<{ photosAwaitWechat: boolean }> {
      const now = clock.now();
      const held = Object.entries(verdicts).filter(([, verdict]) => verdict !== 'pass');
      const photoSource: ItemSource = wechat.reachable() ? 'wechat_pending' : 'wechat_unavailable';
      const items = [
        ...held.map(([field, verdict]) => ({ kind: 'text', eventId, photoId: null, field, source: (verdict === 'review' ? 'wechat_review' : 'wechat_unavailable') as ItemSource })),
        ...photoIds.map((photoId) => ({ kind: 'photo', eventId, photoId, field: 'photo', source: photoSource })),
      ];
      const photosAwaitWechat = photoIds.length > 0 && photoSource === 'wechat_pending';
      // One INSERT for the lot.
      if (items.length) await bulkInsert(ModerationItem as never, items.map((i) => ({ ...i, status: 'pending', createdAt: now, updatedAt: now })), t);
      // `written`: the caller wrote the event's text as held and its photos as pending already (intake does).
      if (options.written) return { photosAwaitWechat };
      if (held.some(([field]) => field === 'description')) await Event.update({ textVisibility: 'pending' }, { where: { id: eventId }, transaction: t, silent: true });
      if (photoIds.length) await Photo.update({ visibility: 'pending' }, { where: { id: photoIds }, transaction: t });
      return { photosAwaitWechat };
    },

    /**
     * After the commit: each held photo goes to WeChat's asynchronous check, and its item (written by hold) gets
     * the trace id the verdict will come back with as a push; a photo WeChat did not take waits for a moderator.
     */
    async checkPhotos(actor: Actor, eventId: number, photos: { id: number; displayKey: string }[]): Promise<void> {
      if (!photos.length) return;
      const openid = await openidOf(actor);
      const sent: { photoId: number; traceId: string | null }[] = [];
      for (const photo of photos) {
        let traceId: string | null = null;
        try {
          if (!openid) throw new WechatUnreachable('no openid');
          traceId = (await wechat.mediaCheckAsync({ openid, scene: SCENE.description, mediaUrl: `${deps.publicBaseUrl}${deps.photoUrl(photo)}` })).traceId;
        } catch (err) {
          deps.logger?.warn({ err, photo: photo.id }, 'media_check_async unavailable; queued for moderation');
        }
        sent.push({ photoId: photo.id, traceId });
      }
      // One UPDATE for all of a report's photos.
      const cases = sent.map(() => 'WHEN ? THEN ?').join(' ');
      await plainRun(deps.sequelize, `UPDATE moderation_items SET trace_id = CASE photo_id ${cases} END, source = CASE photo_id ${cases} END, updated_at = ? `
        + `WHERE event_id = ? AND kind = 'photo' AND status = 'pending' AND source = 'wechat_pending' AND trace_id IS NULL AND photo_id IN (${sent.map(() => '?').join(', ')})`, [
        ...sent.flatMap((p) => [p.photoId, p.traceId]), ...sent.flatMap((p) => [p.photoId, p.traceId === null ? 'wechat_unavailable' : 'wechat_pending']),
        storedTime(clock.now(), deps.sequelize.getDialect() === 'sqlite'), eventId, ...sent.map((p) => p.photoId),
      ]);
    },

    /** GET of the push endpoint: WeChat checks the URL by asking us to echo `echostr` with a valid signature. */
    echo(q: { signature?: string; timestamp?: string; nonce?: string; echostr?: string }): string {
      if (!validPushSignature(deps.pushToken, q) || !q.echostr) throw new Unauthenticated('签名无效');
      return q.echostr;
    },

    /** POST of the push endpoint: a media-check verdict sets its photo once per trace id; a replay changes nothing. */
    async push(q: { signature?: string; timestamp?: string; nonce?: string }, body: unknown): Promise<void> {
      if (!validPushSignature(deps.pushToken, q)) throw new Unauthenticated('签名无效');
      const e = (typeof body === 'object' && body !== null ? body : {}) as { Event?: unknown; trace_id?: unknown; result?: { suggest?: unknown; label?: unknown } };
      if (e.Event !== 'wxa_media_check' || typeof e.trace_id !== 'string') return;
      const item = await ModerationItem.findOne({ where: { traceId: e.trace_id }, raw: true });
      if (!item || item.source !== 'wechat_pending' || item.status !== 'pending') return;
      const suggest = e.result?.suggest, label = e.result?.label === undefined ? null : String(e.result.label);
      await deps.sequelize.transaction(async (t) => {
        if (suggest === 'pass') {
          const [n] = await ModerationItem.update({ status: 'approved', label, decidedAt: clock.now() }, { where: { id: item.id, status: 'pending', source: 'wechat_pending' }, transaction: t });
          if (n === 1) await apply(t, item, 'pass');
        } else if (suggest === 'risky') {
          const [n] = await ModerationItem.update({ status: 'hidden', source: 'wechat_risky', label, reason: '微信内容安全判定违规', decidedAt: clock.now() }, { where: { id: item.id, status: 'pending', source: 'wechat_pending' }, transaction: t });
          if (n !== 1) return;
          await apply(t, item, 'hidden');
          const event = (await Event.findByPk(item.eventId, { attributes: ['code', 'reporterId'], raw: true, transaction: t }))!;
          await deps.evidence(t, item.eventId, { kind: 'system', id: null, role: 'system' }, { moderation: item.id, field: 'photo', decision: 'hidden', reason: 'wechat_risky' });
          if (event.reporterId) await deps.tellAuthor(t, event.reporterId, '照片未通过内容安全审核', '您上传的一张照片含有违规内容，已被隐藏，不会对他人展示', event.code);
        } else {
          // review: a person decides.
          await ModerationItem.update({ source: 'wechat_review', label }, { where: { id: item.id, status: 'pending', source: 'wechat_pending' }, transaction: t });
        }
      });
    },

    async list(actor: Actor, q: { status: 'pending' | 'approved' | 'hidden'; kind?: 'text' | 'photo'; page: number; pageSize: number }) {
      const staff = moderatorOf(actor);
      const inScope = (await Event.findAll({ where: { id: (await ModerationItem.findAll({ where: { status: q.status }, attributes: ['eventId'], raw: true })).map((i) => i.eventId), regionPath: { [Op.like]: `${staff.regionPath}%` } }, attributes: ['id'], raw: true })).map((e) => e.id);
      const where = { status: q.status, eventId: inScope, ...(q.kind ? { kind: q.kind } : {}) };
      const { rows, count } = await ModerationItem.findAndCountAll({ where, order: [['id', q.status === 'pending' ? 'ASC' : 'DESC']], offset: (q.page - 1) * q.pageSize, limit: q.pageSize, raw: true });
      return { items: await view(rows), total: count, page: q.page, pageSize: q.pageSize };
    },
    approve: (actor: Actor, id: number) => decide(actor, id, 'approved', null),
    hide: (actor: Actor, id: number, reason: string) => decide(actor, id, 'hidden', reason),
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
