// Use cases of the event registry: intake of a report, the commands of the closed loop, reading, the
// evidence chain, deadlines. Every change of an event is one transaction: the event row, its evidence
// record and the notices it causes commit together or not at all (DESIGN rule 4).
import { Op, UniqueConstraintError, literal, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import type { Clock } from '../../clock';
import { bulkInsert, statementIn, storedTime } from '../../db/bulk-insert';
import { inRetriedTransaction } from '../../db/transactions';
import { Conflict, Forbidden, Invalid, NotFound, Unauthenticated, Unprocessable } from '../../errors';
import { toWgs84, type CoordSystem, type GridLocator, type GridModels } from '../grid';
import type { Notice, NoticeService } from '../notices';
import { hammingDistance, type PhotoAttrs, type PhotoService, type PhotoUpload } from '../photos';
import { canSee, relationsFor } from './access';
import { chooseUnit } from './dispatch-rules';
import { createEvidenceStore, type EvidenceActor } from './evidence-store';
import { registration, SYSTEM } from './registration';
import { plainSelect, selectList } from '../../db/plain-select';
import { decide, factsOf, EVENT_ACTIONS, EVENT_STATUSES, OPEN_STATUSES, type EventAction, type EventStatus, type Relation } from './lifecycle';
import type { CategoryAttrs, EventAttrs, EventModels, EventSource, EvidenceAttrs } from './model';
import { cityDay, deadlinesFrom, distanceMeters, DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_HOURS, formatEventCode, isOverdue, NEAR_IDENTICAL_PHOTO_BITS } from './rules';
import type { EventViews } from './views';
import { SYSTEM_CATEGORIES } from './categories';

/** Content security for what residents write and upload (the moderation domain), when it is wired in. */
export interface ContentGate {
  checkText(actor: Actor, fields: { field: 'description' | 'ratingComment'; text: string | null | undefined }[]): Promise<Record<string, 'pass' | 'review' | 'unavailable'>>;
  /** Answers whether the photos wait for WeChat's check (not while WeChat is known to be out of reach). */
  hold(t: Transaction, eventId: number, verdicts: Record<string, 'pass' | 'review' | 'unavailable'>, photoIds: number[], options?: { written?: boolean }): Promise<{ photosAwaitWechat: boolean }>;
  /** After the commit: the photos `hold` held for WeChat go to its asynchronous check. */
  checkPhotos(actor: Actor, eventId: number, photos: { id: number; displayKey: string }[]): Promise<void>;
}

export interface EventServiceDeps {
  content?: ContentGate;
  sequelize: Sequelize;
  models: EventModels & GridModels;
  clock: Clock;
  locator: GridLocator;
  photos: PhotoService;
  notices: NoticeService;
  views: EventViews;
  codePrefix: string;
  timezone: string;
}

export interface ReportInput {
  category: string; description: string; lat: number; lng: number; coordSystem: CoordSystem; address?: string | null; anonymous?: boolean;
}
export interface CommandInput { note?: string; reason?: string; unitId?: number; result?: 'pass' | 'fail'; rating?: number; comment?: string; into?: string }

const evidenceActor = (actor: Actor): EvidenceActor =>
  actor.kind === 'staff' ? { kind: 'staff', id: actor.id, role: actor.role } : actor.kind === 'resident' ? { kind: 'resident', id: actor.id, role: 'reporter' } : SYSTEM;

export function createEventService(deps: EventServiceDeps) {
  const { sequelize, models, clock, photos, notices, views } = deps;
  const { Event, Category, EventCounter, Follower, DispatchRule, Unit, Region, Staff } = models;
  const { appendEvidence, storeChains, evidenceSql, evidenceColumns, evidenceFromJoin, evidenceFromJson, verifyEvent } = createEvidenceStore({ models, photos, clock });

  const mysql = sequelize.getDialect() === 'mysql';
  async function nextCode(transaction: Transaction): Promise<string> {
    const day = cityDay(clock.now(), deps.timezone);
    const where = { prefix: deps.codePrefix, day };
    for (let attempt = 0; attempt < 3; attempt++) {
      // The UPDATE locks the day's counter row until commit: concurrent intakes take numbers one after another.
      // Plain statements: every intake runs them, and Sequelize's work per query costs more than they do. The
      // bumped value comes back with the UPDATE itself, one round trip: on MariaDB/MySQL as LAST_INSERT_ID(expr)
      // (the documented sequence idiom, answered in the OK packet), on SQLite with RETURNING.
      const bumped = await statementIn<{ value: number }>(transaction, mysql
        ? 'UPDATE `event_code_counters` SET `value` = LAST_INSERT_ID(`value` + 1) WHERE `prefix` = ? AND `day` = ?'
        : 'UPDATE `event_code_counters` SET `value` = `value` + 1 WHERE `prefix` = ? AND `day` = ? RETURNING `value`', [deps.codePrefix, day]);
      if (bumped.changes === 1) {
        if (!mysql) return formatEventCode(deps.codePrefix, day, Number(bumped.rows[0].value));
        if (bumped.insertId > 0) return formatEventCode(deps.codePrefix, day, bumped.insertId);
        const { rows: [counter] } = await statementIn<{ value: number }>(transaction, 'SELECT `value` FROM `event_code_counters` WHERE `prefix` = ? AND `day` = ?', [deps.codePrefix, day]);
        return formatEventCode(deps.codePrefix, day, Number(counter.value));
      }
      try {
        await EventCounter.create({ ...where, value: 1 }, { transaction });
        return formatEventCode(deps.codePrefix, day, 1);
      } catch (err) {
        if (!(err instanceof UniqueConstraintError)) throw err; // another intake created the day's row first: bump it
      }
    }
    throw new Conflict('事件编号分配繁忙，请重试');
  }

  /** Moves an event from the state it was read in; 409 if someone else moved it first. */
  async function transition(t: Transaction, event: EventAttrs, to: EventStatus, changes: Partial<EventAttrs>): Promise<void> {
    const [n] = await Event.update({ ...changes, status: to }, { where: { id: event.id, status: event.status }, transaction: t });
    if (n !== 1) throw new Conflict('该事件状态已变化，请刷新后重试');
  }

  async function followersOf(eventId: number, t?: Transaction): Promise<number[]> {
    return (await Follower.findAll({ where: { eventId }, attributes: ['personId'], raw: true, transaction: t })).map((f) => f.personId);
  }

  /** What a follower is told about the progress of an event. */
  const progressNotice = (code: string, title: string, body: string): Notice => ({ title, body: `${code}：${body}`, link: `/pages/report/detail/index?code=${code}`, eventCode: code, topic: 'event_progress' });

  async function notifyFollowers(t: Transaction, event: EventAttrs, title: string, body: string): Promise<void> {
    await notices.notifyPeople(await followersOf(event.id, t), progressNotice(event.code, title, body), t);
  }

  /** What a dispatch tells the event's followers and the unit's handlers. */
  function dispatchNotices(event: { code: string; source: EventSource }, unitName: string | null, due: { resolutionDueAt: Date }): { followers: Notice; handlers: Notice } {
    // A call for help reaches the on-duty staff as such: they have minutes, not hours.
    const urgent = event.source === 'tourist_help';
    return {
      followers: progressNotice(event.code, '事件已派遣', `已派遣至${unitName ?? '责任单位'}处理，预计 ${due.resolutionDueAt.toISOString().slice(0, 10)} 前办结`),
      handlers: { title: urgent ? '游客紧急求助' : '新派遣事件', body: urgent ? `${event.code} 游客求助，请在 15 分钟内响应` : `${event.code} 已派遣给本单位`, eventCode: event.code, topic: urgent ? 'tourist_help' : 'event_dispatched', urgent },
    };
  }

  // Reads inside a transaction take it along: on SQLite a read on another connection can wait on this very transaction.
  async function supervisorsFor(regionPath: string, transaction: Transaction): Promise<number[]> {
    const staff = await Staff.findAll({ where: { role: 'supervisor', active: true }, attributes: ['id', 'regionId'], raw: true, transaction });
    const regions = new Map((await Region.findAll({ where: { id: [...new Set(staff.map((s) => s.regionId))] }, attributes: ['id', 'path'], raw: true, transaction })).map((r) => [r.id, r.path]));
    return staff.filter((s) => regionPath.startsWith(regions.get(s.regionId) ?? '/none/')).map((s) => s.id);
  }

  /**
   * The unit the dispatch rules choose for a category in a community (chooseUnit), or null. Plain reads, one per
   * table pair: every report of a category dispatched automatically asks this, before its transaction.
   */
  async function unitForCategory(categoryId: number, unitType: string, regionPath: string): Promise<number | null> {
    const [rules, units] = await Promise.all([
      plainSelect<{ categoryId: number | null; regionPath: string; unitId: number }>(sequelize,
        "SELECT r.category_id AS categoryId, COALESCE(g.path, '/none/') AS regionPath, r.unit_id AS unitId FROM dispatch_rules r LEFT JOIN regions g ON g.id = r.region_id", [], { prepared: true }),
      plainSelect<{ id: number; type: string; regionPath: string }>(sequelize,
        "SELECT u.id AS id, u.type AS type, COALESCE(g.path, '/none/') AS regionPath FROM units u LEFT JOIN regions g ON g.id = u.region_id WHERE u.type = ?", [unitType], { prepared: true }),
    ]);
    return chooseUnit({ categoryId, unitType, eventRegionPath: regionPath, rules, units });
  }

  /** Dispatch inside a transaction: unit, deadlines from the category, evidence, notices. */
  async function dispatchWithin(t: Transaction, event: EventAttrs, unitId: number, actor: EvidenceActor, note: string | undefined): Promise<void> {
    const category = (await Category.findByPk(event.categoryId, { raw: true, transaction: t }))!;
    const due = deadlinesFrom(clock.now(), category, event.source);
    await transition(t, event, 'dispatched', { unitId, ...due, respondedAt: null, overdue: false, escalatedAt: null });
    const unit = await Unit.findByPk(unitId, { raw: true, transaction: t });
    await appendEvidence(t, event.id, { action: 'dispatch', actor, from: event.status, payload: { unitId, unitName: unit?.name ?? null, ...due, ...(note ? { note } : {}) } });
    const told = dispatchNotices(event, unit?.name ?? null, due);
    await notices.notifyPeople(await followersOf(event.id, t), told.followers, t);
    const handlers = await Staff.findAll({ where: { unitId, role: 'handler', active: true }, attributes: ['id'], raw: true, transaction: t });
    await notices.notifyStaff(handlers.map((h) => h.id), told.handlers, t);
  }

  /**
   * Where intake sends an event of a category dispatched automatically: the unit the rules choose for its
   * community, with the unit's name and active handlers; null when no unit fits. Read before intake's
   * transaction (the rules and units are staff-edited settings, not what the transaction writes), so that the
   * transaction itself only writes.
   */
  async function autoDispatchTarget(category: CategoryAttrs, regionPath: string): Promise<{ unitId: number; unitName: string | null; handlerIds: number[] } | null> {
    if (!category.autoDispatch) return null;
    const unitId = await unitForCategory(category.id, category.unitType, regionPath);
    if (unitId === null) return null;
    // The unit's name and its active handlers in one read (a unit without handlers gives its row alone).
    const rows = await plainSelect<{ name: string; handlerId: number | null }>(sequelize,
      "SELECT u.name AS name, s.id AS handlerId FROM units u LEFT JOIN staff s ON s.unit_id = u.id AND s.role = 'handler' AND s.active = ? WHERE u.id = ?", [true, unitId], { prepared: true });
    return { unitId, unitName: rows[0]?.name ?? null, handlerIds: rows.flatMap((r) => (r.handlerId === null ? [] : [r.handlerId])) };
  }

  async function visibleTo(actor: Actor, event: EventAttrs): Promise<boolean> {
    // The follower table is asked only when the caller is neither staff in scope nor the reporter.
    if (canSee(actor, event, false)) return true;
    return actor.kind === 'resident' && (await Follower.count({ where: { eventId: event.id, personId: actor.id } })) > 0;
  }

  async function loadVisible(actor: Actor, code: string): Promise<EventAttrs> {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    const event = await Event.findOne({ where: { code }, raw: true });
    // Not found and not yours look the same, so nobody can probe for other people's events.
    if (!event || !(await visibleTo(actor, event))) throw new NotFound(`没有编号为 ${code} 的事件`);
    return event;
  }

  /** Possible duplicates a report's answer lists. */
  const MAX_DUPLICATES = 5;
  interface DuplicateCandidates { near: EventAttrs[]; recent: Pick<PhotoAttrs, 'ownerId' | 'dhash'>[]; listedPhotos: { ownerIds: Set<number>; rows: PhotoAttrs[] } }
  /**
   * What the duplicate check compares a report with: open events of its category nearby, and the report photos of
   * the last 72 hours; and the photos of the nearby events the answer would list first. None of these reads
   * depends on the report's photos, so intake starts them while its photos are processed. `exceptId`: the event
   * itself, when it exists already.
   */
  async function duplicateCandidates(spot: { categoryId: number; lat: number; lng: number }, withPhotos: boolean, exceptId = 0): Promise<DuplicateCandidates> {
    const since = new Date(clock.now().getTime() - DUPLICATE_WINDOW_HOURS * 3600_000);
    const dLat = 0.0006, dLng = 0.0007; // a little over 50 m at Chinese latitudes, trimmed by the exact distance below
    // Plain reads (every report runs them), side by side; the first is answered by the (category_id, created_at) index.
    const [near, recent] = await Promise.all([
      plainSelect<EventAttrs>(sequelize, `SELECT ${eventColumns} FROM events e WHERE e.category_id = ? AND e.status IN (${OPEN_STATUSES.map(() => '?').join(', ')}) `
        + 'AND e.created_at >= ? AND e.id <> ? AND e.merged_into_id IS NULL AND e.lat BETWEEN ? AND ? AND e.lng BETWEEN ? AND ? LIMIT 20',
      [spot.categoryId, ...OPEN_STATUSES, storedTime(since, sequelize.getDialect() === 'sqlite'), exceptId, spot.lat - dLat, spot.lat + dLat, spot.lng - dLng, spot.lng + dLng], { prepared: true }),
      withPhotos ? photos.recent('event', since) : [],
    ]);
    const listed = near.filter((e) => distanceMeters(e, spot) <= DUPLICATE_RADIUS_M).slice(0, MAX_DUPLICATES);
    const ownerIds = new Set(listed.map((e) => e.id));
    return { near, recent, listedPhotos: { ownerIds, rows: await photos.forOwners('event', [...ownerIds]) } };
  }

  async function findDuplicates(event: EventAttrs, dhashes: string[], prefetched?: DuplicateCandidates) {
    const { near, recent, listedPhotos } = prefetched ?? await duplicateCandidates(event, dhashes.length > 0, event.id);
    const found = new Map<number, EventAttrs>(near.filter((e) => e.id !== event.id && distanceMeters(e, event) <= DUPLICATE_RADIUS_M).map((e) => [e.id, e]));
    if (dhashes.length) {
      const similar = recent.filter((p) => p.ownerId !== event.id && dhashes.some((h) => hammingDistance(h, p.dhash) <= NEAR_IDENTICAL_PHOTO_BITS));
      const ids = [...new Set(similar.map((p) => p.ownerId))].filter((id) => !found.has(id));
      // Only as many as the answer lists, the newest first: a pothole two hundred people photographed must not
      // make every further report read two hundred events.
      if (ids.length && found.size < MAX_DUPLICATES) {
        const more = await plainSelect<EventAttrs>(sequelize, `SELECT ${eventColumns} FROM events e WHERE e.id IN (${ids.map(() => '?').join(', ')}) `
          + `AND e.status IN (${OPEN_STATUSES.map(() => '?').join(', ')}) AND e.merged_into_id IS NULL ORDER BY e.id DESC LIMIT ${MAX_DUPLICATES - found.size}`, [...ids, ...OPEN_STATUSES]);
        for (const e of more) found.set(e.id, e);
      }
    }
    const list = [...found.values()].slice(0, MAX_DUPLICATES);
    // Photos of listed events not read with the candidates (those found by a near-identical photo).
    const unread = list.filter((e) => !listedPhotos.ownerIds.has(e.id));
    const listPhotos = unread.length ? [...listedPhotos.rows, ...await photos.forOwners('event', unread.map((e) => e.id))] : listedPhotos.rows;
    const summaries = await views.summaries(list, listPhotos);
    // Another person's report: its words and photo only once content security passed them.
    const publicPhoto = new Set(listPhotos.filter((p) => p.kind === 'report' && p.visibility === 'pass').map((p) => p.ownerId));
    return summaries.map((s, i) => ({
      code: s.code, categoryName: s.categoryName, description: list[i].textVisibility === 'pass' ? s.description : '（内容审核中）', distanceM: Math.round(distanceMeters(list[i], event)),
      status: s.status, statusName: s.statusName, createdAt: s.createdAt, thumbnailUrl: publicPhoto.has(list[i].id) ? s.thumbnailUrl : null,
    }));
  }

  /**
   * The event detail: the event row, its evidence rows, its photos, the code it was merged into and (for a
   * resident) whether they follow it. Uniform reads over a city's events are nearly all cold, so a cache cannot
   * save the queries; what they cost is chosen per database:
   * - SQLite: one statement, the evidence and photos as JSON columns of correlated subqueries
   *   (json_group_array), which SQLite builds cheaply; one statement is one trip through its single connection.
   * - MariaDB: one plain statement, the event row joined to its evidence rows (one row per record) and its
   *   photo rows joined to the first record's row only (evidence seq 1, or the lone row of an event without
   *   evidence), so the answer has one row per record plus one per further photo, not their product.
   *   MariaDB's JSON_ARRAYAGG(JSON_OBJECT(...)) cost it about five times the CPU of reading the same rows
   *   plainly, and every statement costs a wake-up of a server thread on the cores the API shares with it (two
   *   statements side by side read at half findByPk's rate), so: plain rows, one statement.
   * All go through plainSelect: the rows come back as raw model reads give them (this service reads with
   * raw: true everywhere), without the model layer's per-query overhead. The chain is verified on every read.
   */
  const eventColumns = selectList(Event as never, 'e');
  const CATEGORY_BY_CODE_SQL = `SELECT ${selectList(Category as never, 'c')} FROM categories c WHERE c.code = ? AND c.active = ?`;
  const eventAttributes = Object.keys(Event.getAttributes());
  const followedSql = (followerOf: boolean) => (followerOf ? '(SELECT COUNT(*) FROM event_followers f WHERE f.event_id = e.id AND f.person_id = ?)' : '0');
  const mergedSql = '(SELECT m.code FROM events m WHERE m.id = e.merged_into_id)';
  const folded = sequelize.getDialect() === 'sqlite';
  // SQLite: one statement with everything folded in (subqueries cost an in-process database little). MariaDB: the
  // event, its evidence and photos as plain joined rows, prepared; the code it was merged into and whether a
  // resident follows it are asked only when they matter (a merged event; a resident who is not its reporter):
  // the two dependent subqueries were a fifth of the database's CPU for every detail.
  const detailSql = (followerOf: boolean) => (folded
    ? `SELECT ${eventColumns}, ${evidenceSql('e.id')} AS evidenceJson, ${photos.ownerPhotosSql('event', 'e.id')} AS photosJson, `
      + `${mergedSql} AS mergedIntoCode, ${followedSql(followerOf)} AS followed FROM events e WHERE e.code = ?`
    : `SELECT ${eventColumns}, ${evidenceColumns('v')}, ${photos.ownerColumns('p')} FROM events e `
      + `LEFT JOIN event_evidence v ON v.event_id = e.id LEFT JOIN photos p ON ${photos.ownerJoin('p', 'event', 'e.id')} AND (v.seq = 1 OR v.seq IS NULL) WHERE e.code = ?`);
  const DETAIL_SQL = { resident: detailSql(true), other: detailSql(false) };
  const MERGED_CODE_SQL = 'SELECT code FROM events WHERE id = ?';
  const FOLLOWS_SQL = 'SELECT COUNT(*) AS n FROM event_followers WHERE event_id = ? AND person_id = ?';

  interface DetailRead { event: EventAttrs; evidence: EvidenceAttrs[]; photos: PhotoAttrs[]; mergedIntoCode: string | null; followed: boolean }

  async function readDetail(code: string, actor: Actor): Promise<DetailRead | null> {
    const resident = actor.kind === 'resident';
    type Row = EventAttrs & { evidenceJson?: unknown; photosJson?: unknown; mergedIntoCode: string | null; followed: number | string };
    const rows = folded
      ? await plainSelect<Row>(sequelize, resident ? DETAIL_SQL.resident : DETAIL_SQL.other, resident ? [actor.id, code] : [code])
      : await plainSelect<Row>(sequelize, DETAIL_SQL.other, [code], { prepared: true });
    if (!rows.length) return null;
    // The joined evidence columns are not the event's: keep only the event's own attributes.
    const event: Record<string, unknown> = {};
    for (const name of eventAttributes) event[name] = (rows[0] as unknown as Record<string, unknown>)[name];
    const e = event as unknown as EventAttrs;
    if (folded) {
      const { evidenceJson, photosJson, mergedIntoCode, followed } = rows[0];
      return { event: e, evidence: evidenceFromJson(evidenceJson), photos: photos.fromJsonColumn(photosJson), mergedIntoCode, followed: Number(followed) > 0 };
    }
    // Following matters only to a resident the event does not otherwise concern (canSee).
    const asksFollowing = resident && relationsFor(actor, e).length === 0;
    const [merged, follows] = await Promise.all([
      e.mergedIntoId ? plainSelect<{ code: string }>(sequelize, MERGED_CODE_SQL, [e.mergedIntoId], { prepared: true }) : [],
      asksFollowing ? plainSelect<{ n: number | string }>(sequelize, FOLLOWS_SQL, [e.id, actor.id], { prepared: true }) : [],
    ]);
    return {
      event: e, evidence: evidenceFromJoin(rows as unknown as Record<string, unknown>[]), photos: photos.fromJoin(rows as unknown as Record<string, unknown>[]),
      mergedIntoCode: merged[0]?.code ?? null, followed: Number(follows[0]?.n ?? 0) > 0,
    };
  }

  async function detail(actor: Actor, read: DetailRead) {
    // A detail view checks the chain and its digests; re-reading photo files is left to the evidence endpoint and the CLI.
    const verdict = await verifyEvent(read.event, { rows: read.evidence, eventPhotos: read.photos, checkFiles: false });
    return views.detail(actor, read.event, { verified: verdict.verified, mergedIntoCode: read.mergedIntoCode, evidence: read.evidence, photos: read.photos });
  }

  /**
   * Staff merge into any event they can see; a reporter only into one that intake would offer them as a
   * duplicate of their report now (same category nearby, or a near-identical photo).
   */
  async function mergeTargetFor(actor: Actor, event: EventAttrs, into: string): Promise<EventAttrs> {
    const target = await Event.findOne({ where: { code: into }, raw: true });
    const invalid = () => new Invalid('要合并到的事件不存在', [{ field: 'into', message: '事件编号无效' }]);
    if (!target || target.id === event.id) throw invalid();
    if (actor.kind === 'staff') {
      if (!canSee(actor, target, false)) throw invalid();
      return target;
    }
    const dhashes = (await photos.forOwners('event', [event.id])).map((p) => p.dhash);
    const offered = await findDuplicates(event, dhashes);
    if (!offered.some((d) => d.code === target.code)) throw invalid();
    return target;
  }

  function authorise(actor: Actor, event: EventAttrs, action: EventAction): { to: EventStatus; relations: Relation[] } {
    const relations = relationsFor(actor, event);
    const decision = decide(action, relations, factsOf(event, clock.now()));
    if (decision.ok) return { to: decision.to, relations };
    if (decision.reason === 'state') throw new Conflict(`事件当前状态为「${EVENT_STATUSES[event.status]}」，不能${EVENT_ACTIONS[action]}`);
    throw new Forbidden(`您不能对该事件执行「${EVENT_ACTIONS[action]}」`);
  }

  const inTransaction = <T>(work: (t: Transaction) => Promise<T>) => inRetriedTransaction(sequelize, work);

  /** Takes `count` consecutive numbers of the day's sequence at once (the counter row stays locked until commit). */
  async function nextCodes(transaction: Transaction, count: number): Promise<string[]> {
    const day = cityDay(clock.now(), deps.timezone);
    const where = { prefix: deps.codePrefix, day };
    const [bumped] = await EventCounter.update({ value: literal(`value + ${Number(count)}`) as unknown as number }, { where, transaction });
    let last: number;
    if (bumped === 1) last = (await EventCounter.findOne({ where, transaction, raw: true }))!.value;
    else {
      await nextCode(transaction); // creates the day's row (or bumps it if another intake just did)
      const [again] = await EventCounter.update({ value: literal(`value + ${Number(count) - 1}`) as unknown as number }, { where, transaction });
      if (again !== 1) throw new Conflict('事件编号分配繁忙，请重试');
      last = (await EventCounter.findOne({ where, transaction, raw: true }))!.value;
    }
    return Array.from({ length: count }, (_, i) => formatEventCode(deps.codePrefix, day, last - count + 1 + i));
  }

  /**
   * Enforcement events raised by the collision of other departments' data (source collision), many at once
   * in the caller's transaction: each is registered, filed and dispatched to the street's unit for the
   * category, with the same three evidence records the one-by-one path writes, built in memory and stored
   * in bulk (a nightly run may raise thousands).
   */
  async function openCollisionEvents(t: Transaction, inputs: { description: string; lat: number; lng: number; address: string; gridId: number; regionId: number; regionPath: string }[]): Promise<{ id: number; code: string }[]> {
    if (!inputs.length) return [];
    const category = await Category.findOne({ where: { code: 'undeclared-rental' }, raw: true, transaction: t });
    if (!category) throw new Conflict('缺少「出租屋人员未申报」类别，无法生成执法事件');
    const now = clock.now();
    const codes = await nextCodes(t, inputs.length);
    // The dispatch rules, the category's units and their regions, read once for the whole batch.
    const [rules, candidates] = await Promise.all([
      DispatchRule.findAll({ raw: true, transaction: t }),
      Unit.findAll({ where: { type: category.unitType }, attributes: ['id', 'type', 'regionId'], raw: true, transaction: t }),
    ]);
    const regionPaths = new Map((await Region.findAll({ where: { id: [...new Set([...rules.map((r) => r.regionId), ...candidates.map((u) => u.regionId)])] }, attributes: ['id', 'path'], raw: true, transaction: t })).map((r) => [r.id, r.path]));
    const units = new Map<string, number | null>();
    for (const path of new Set(inputs.map((i) => i.regionPath))) {
      units.set(path, category.active ? chooseUnit({
        categoryId: category.id, unitType: category.unitType, eventRegionPath: path,
        rules: rules.map((r) => ({ categoryId: r.categoryId, regionPath: regionPaths.get(r.regionId) ?? '/none/', unitId: r.unitId })),
        units: candidates.map((u) => ({ id: u.id, type: u.type, regionPath: regionPaths.get(u.regionId) ?? '/none/' })),
      }) : null);
    }
    const unitNames = new Map((await Unit.findAll({ where: { id: [...new Set([...units.values()].filter((u): u is number => u !== null))] }, attributes: ['id', 'name'], raw: true, transaction: t })).map((u) => [u.id, u.name]));
    const due = deadlinesFrom(now, category);
    // Each event: report (reported) → file (filed) → dispatch (dispatched), as appendEvidence would write it.
    const registered = inputs.map((input, i) => {
      const unitId = units.get(input.regionPath) ?? null;
      const reported = {
        code: codes[i], source: 'collision' as const, categoryId: category.id, level: category.level, description: input.description.slice(0, 1000), lat: input.lat, lng: input.lng,
        address: input.address.slice(0, 200), gridId: input.gridId, regionId: input.regionId, regionPath: input.regionPath, status: 'reported' as const,
        unitId: null, overdue: false, responseDueAt: null, resolutionDueAt: null, reporterId: null, reporterStaffId: null,
        anonymous: false, mergedIntoId: null, rating: null, ratingComment: null, createdAt: now, updatedAt: now,
      };
      return registration(reported, { actor: SYSTEM, payload: { rule: 'collision', description: reported.description, address: reported.address } },
        unitId ? { unitId, unitName: unitNames.get(unitId) ?? null, due, rule: 'collision' } : null, now);
    });
    await Event.bulkCreate(registered.map(({ event, chain }) => ({ ...event, evidenceSeq: chain.length, evidenceHead: chain[chain.length - 1].hash })), { transaction: t });
    const ids = new Map((await Event.findAll({ where: { code: codes }, attributes: ['id', 'code'], raw: true, transaction: t })).map((e) => [e.code, e.id]));
    await storeChains(t, registered.map(({ chain }, i) => ({ eventId: ids.get(codes[i])!, chain })));
    const handlers = await Staff.findAll({ where: { unitId: [...unitNames.keys()], role: 'handler', active: true }, attributes: ['id', 'unitId'], raw: true, transaction: t });
    for (const [unitId] of unitNames) {
      const dispatched = registered.filter((r) => r.event.unitId === unitId);
      const mine = handlers.filter((h) => h.unitId === unitId).map((h) => h.id);
      if (mine.length && dispatched.length) await notices.notifyStaff(mine, { title: '数据碰撞：新执法事件', body: `${dispatched.length} 户出租屋有未申报人员，已派遣给本单位`, topic: 'event_dispatched' }, t);
    }
    return codes.map((code) => ({ id: ids.get(code)!, code }));
  }

  type Prepared = Awaited<ReturnType<PhotoService['prepare']>>;
  /**
   * The photos of a submission, processing from now on: the caller's checks and intake's reads run meanwhile.
   * If the submission is refused before intake awaits them, the processing ends unused (never an unhandled rejection).
   */
  function preparing(files: PhotoUpload[]): Promise<Prepared> {
    const work = photos.prepare(files);
    work.catch(() => undefined);
    return work;
  }

  interface IntakeSpec {
    source: EventSource; category: CategoryAttrs; description: string; point: { lat: number; lng: number }; address: string | null; anonymous: boolean;
    gridId: number; regionId: number; reporter: EvidenceActor; reportPayload: Record<string, unknown>;
    /** The notice the reporter gets; `{code}` becomes the event code (in the link too, which defaults to the event's page). */
    received: { title: string; body: string; link?: string };
  }

  /**
   * Registration of an event from a person's submission, in one transaction: the code, the event row, its photos,
   * the report evidence, the reporter as follower with a notice, and (for a category dispatched automatically)
   * filing and dispatch to its unit. Photo files written before a failed commit are removed again.
   *
   * Every report runs this, so the transaction only writes, about a dozen plain statements: everything it needs
   * to know is read before it, and registration, filing and dispatch happen at one moment, so the event row
   * goes in as it stands after dispatch, with the chain of its three evidence records built in memory exactly as
   * appending them one by one would (chainOf; the evidence tests verify such chains). One report used to cost
   * about forty Sequelize statements here, more Node CPU than the database spent on them.
   */
  async function intake(actor: Actor, spec: IntakeSpec, photosOfReport: Prepared | Promise<Prepared>, within?: (t: Transaction, event: { id: number; code: string }) => Promise<void>) {
    const { category } = spec;
    // A call for help is never held up by a content check; everything else a resident writes is checked first.
    const checked = Boolean(deps.content) && actor.kind === 'resident' && spec.source !== 'tourist_help';
    // The content check (a round trip to WeChat) and the dispatch target's reads run while the photos are still
    // being processed (`photosOfReport` may be in progress): sharp works on its own threads.
    const [verdicts, { community, target }] = await Promise.all([
      checked ? deps.content!.checkText(actor, [{ field: 'description', text: spec.description }]) : ({} as Awaited<ReturnType<ContentGate['checkText']>>),
      plainSelect<{ id: number; path: string }>(sequelize, 'SELECT id, path FROM regions WHERE id = ?', [spec.regionId], { prepared: true })
        .then(async ([community]) => ({ community, target: await autoDispatchTarget(category, community.path) })),
    ]);
    const prepared = await photosOfReport;
    const now = clock.now();
    const reporterId = actor.kind === 'resident' ? actor.id : null;
    // The files are written from now on, beside the transaction's first statements; their rows wait for them.
    const photoFiles = photos.store(prepared, 'event');
    let event: EventAttrs;
    let photoRows: PhotoAttrs[] = [];
    let photosAwaitWechat = false;
    try {
      event = await inTransaction(async (t): Promise<EventAttrs> => {
        const code = await nextCode(t);
        const reported = {
          code, source: spec.source, categoryId: category.id, level: category.level, description: spec.description, lat: spec.point.lat, lng: spec.point.lng,
          address: spec.address, gridId: spec.gridId, regionId: community.id, regionPath: community.path, status: 'reported' as const, unitId: null,
          overdue: false, responseDueAt: null, resolutionDueAt: null, reporterId, reporterStaffId: actor.kind === 'staff' ? actor.id : null,
          anonymous: spec.anonymous, mergedIntoId: null, rating: null, ratingComment: null,
        };
        const dispatch = target && { unitId: target.unitId, unitName: target.unitName, due: deadlinesFrom(now, category, spec.source), rule: 'auto_dispatch' };
        const { event: registered, chain } = registration(reported, { actor: spec.reporter, payload: spec.reportPayload, attachments: prepared.map((p) => p.originalSha256) }, dispatch, now);
        const told = dispatch && dispatchNotices(reported, dispatch.unitName, dispatch.due);
        const textHeld = checked && verdicts.description !== undefined && verdicts.description !== 'pass';
        const row: Omit<EventAttrs, 'id'> = {
          ...registered, respondedAt: null, resolvedAt: null, closedAt: null, escalatedAt: null, reviewRequested: false, textVisibility: textHeld ? 'pending' : 'pass',
          evidenceSeq: chain.length, evidenceHead: chain[chain.length - 1].hash, createdAt: now, updatedAt: now,
        };
        const [id] = await bulkInsert(Event as never, [row], t);
        photoRows = await photos.insert(photoFiles, { kind: 'event', id }, 'report', t, { visibility: checked ? 'pending' : 'pass' });
        await storeChains(t, [{ eventId: id, chain }]);
        if (checked) ({ photosAwaitWechat } = await deps.content!.hold(t, id, verdicts, photoRows.map((p) => p.id), { written: true }));
        let toReporter: Notice[] = [];
        if (reporterId !== null) {
          await bulkInsert(Follower as never, [{ eventId: id, personId: reporterId, createdAt: now }], t);
          const link = (spec.received.link ?? '/pages/report/detail/index?code={code}').replace('{code}', code);
          const received: Notice = { title: spec.received.title, body: spec.received.body.replace('{code}', code), link, eventCode: code, topic: 'event_received' };
          toReporter = [received, ...(told ? [told.followers] : [])];
        }
        // The reporter's messages and the handlers' in one go (four statements, not six).
        await notices.notifyTogether(
          reporterId === null ? [] : toReporter.map((notice) => ({ personId: reporterId, notice })),
          target && told ? target.handlerIds.map((staffId) => ({ staffId, notice: told.handlers })) : [], t);
        await within?.(t, { id, code });
        // The event as written: every column is set above, so reading it back would return the same.
        return { ...row, id };
      });
    } catch (err) {
      await photoFiles.discard();
      throw err;
    }
    // After the commit: the photos go to WeChat's check (unless WeChat is out of reach: then a moderator has them already).
    if (photosAwaitWechat) await deps.content!.checkPhotos(actor, event.id, photoRows);
    return { event, photos: photoRows, dhashes: prepared.map((p) => p.dhash) };
  }

  return {
    inTransaction,
    openCollisionEvents,
    /** A moderation decision, as a record in the event's evidence chain. */
    async recordModeration(t: Transaction, eventId: number, actor: EvidenceActor, payload: Record<string, unknown>) {
      const event = (await Event.findByPk(eventId, { raw: true, transaction: t }))!;
      await appendEvidence(t, eventId, { action: 'moderate', actor, from: event.status, payload });
    },
    canViewPhotoOwner: async (actor: Actor, eventId: number) => {
      const event = await Event.findByPk(eventId, { raw: true });
      return event !== null && visibleTo(actor, event);
    },

    /**
     * Intake of a report. Residents and staff report with photos; an Open311 client (identified by its key)
     * reports without an account and may send no photo, since its media_url points at a server we do not fetch from.
     */
    async submitReport(actor: Actor, input: ReportInput, files: PhotoUpload[], via: { open311KeyId?: number } = {}) {
      const open311 = via.open311KeyId !== undefined;
      if (actor.kind === 'anonymous' && !open311) throw new Unauthenticated('请先登录后上报');
      // The photos are processed from now on, while the category and the grid are looked up (sharp works on its own
      // threads); a submission refused below leaves the processing unused, and its refusal is the same as before.
      const prepared = preparing(files);
      // A plain read, as raw Category.findOne gives it: every report asks it.
      const [category] = await plainSelect<CategoryAttrs>(sequelize, CATEGORY_BY_CODE_SQL, [input.category, true], { prepared: true });
      // Collision raises undeclared-rental events; nobody reports them (a neighbour's tip is not a finding).
      if (category && (SYSTEM_CATEGORIES as readonly string[]).includes(category.code)) throw new Invalid('该类别不能通过随手拍上报', [{ field: 'category', message: '不可上报的类别' }]);
      if (!category) throw new Invalid(`没有这个问题类别：${input.category}`, [{ field: 'category', message: '类别不存在或已停用' }]);
      if (files.length < 1 && !open311) throw new Invalid('请至少上传 1 张照片', [{ field: 'photos', message: '至少 1 张' }]);
      const source: EventSource = open311 ? 'open311' : actor.kind === 'staff' ? 'grid_worker' : 'resident_report';
      const point = toWgs84({ lat: input.lat, lng: input.lng }, input.coordSystem);
      const grid = await deps.locator.locate(point.lng, point.lat);
      if (!grid) throw new Unprocessable('该位置不在本市任何网格内，请确认定位，或手动填写所在地址后重试', 'outside-grids', [{ field: 'lat', message: '位置不在服务范围内' }]);
      // Read while the photos are processed; unused (never an unhandled rejection) if intake fails.
      const candidates = duplicateCandidates({ categoryId: category.id, lat: point.lat, lng: point.lng }, files.length > 0);
      candidates.catch(() => undefined);
      const reporter: EvidenceActor = open311 ? { kind: 'open311', id: via.open311KeyId!, role: 'open311' } : evidenceActor(actor);
      const { event, photos: photoRows, dhashes } = await intake(actor, {
        source, category, description: input.description, point, address: input.address ?? null, anonymous: Boolean(input.anonymous), gridId: grid.id, regionId: grid.regionId, reporter,
        reportPayload: { category: category.code, description: input.description, lat: point.lat, lng: point.lng, coordSystem: input.coordSystem, address: input.address ?? null, anonymous: Boolean(input.anonymous) },
        received: { title: '上报已受理', body: `您上报的「${category.name}」已登记，编号 {code}` },
      }, prepared);
      const [[summary], duplicates] = await Promise.all([views.summaries([event], photoRows), findDuplicates(event, dhashes, await candidates)]);
      const gridInfo = { code: grid.code, name: grid.name, communityName: grid.communityName, streetName: grid.streetName };
      return {
        code: event.code, status: event.status, statusName: EVENT_STATUSES[event.status], grid: gridInfo,
        unit: event.unitId ? { id: event.unitId, name: summary.unitName } : null,
        deadlines: event.responseDueAt ? { responseDueAt: summary.responseDueAt, resolutionDueAt: summary.resolutionDueAt } : null,
        duplicates,
      };
    },

    /**
     * An event that another domain registers for its own front door (a tourist's complaint or call for help): the
     * caller has checked the input and placed it in a grid; this registers, files and dispatches it exactly as a
     * report is, and `within` writes the domain's own row in the same transaction.
     */
    async registerEvent(actor: Actor, spec: { source: EventSource; categoryCode: string; description: string; point: { lat: number; lng: number }; address: string | null; gridId: number; regionId: number; reportPayload: Record<string, unknown>; received: { title: string; body: string; link?: string } },
      files: PhotoUpload[], within?: (t: Transaction, event: { id: number; code: string }) => Promise<void>): Promise<EventAttrs> {
      if (actor.kind !== 'resident') throw actor.kind === 'anonymous' ? new Unauthenticated('请先登录') : new Forbidden('只面向居民和游客账号');
      const category = await Category.findOne({ where: { code: spec.categoryCode }, raw: true });
      if (!category) throw new Conflict(`缺少事件类别 ${spec.categoryCode}，请联系管理员`);
      const prepared = preparing(files);
      const { event } = await intake(actor, { ...spec, category, anonymous: false, reporter: evidenceActor(actor) }, prepared, within);
      return event;
    },

    async getEvent(actor: Actor, code: string) {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      const read = await readDetail(code, actor);
      // The same rule as loadVisible, with the follower check answered by the same query.
      if (!read || !canSee(actor, read.event, read.followed)) throw new NotFound(`没有编号为 ${code} 的事件`);
      return detail(actor, read);
    },

    async evidence(actor: Actor, code: string) {
      const event = await loadVisible(actor, code);
      const verdict = await verifyEvent(event);
      return {
        verified: verdict.verified, brokenAt: verdict.brokenAt, reason: verdict.reason,
        records: verdict.chain.map((c) => ({ seq: c.record.seq, action: c.record.action, actor: c.record.actor, fromStatus: c.record.from, toStatus: c.record.to, at: c.record.at, payloadDigest: c.record.payloadDigest, attachments: c.record.attachments, stateDigest: c.record.stateDigest, prevHash: c.record.prevHash, hash: c.hash })),
      };
    },

    /** Every event's chain, in id order; names the first broken one. For `npm run evidence:verify`. */
    async verifyAll(onProgress?: (done: number, total: number) => void) {
      const total = await Event.count();
      let done = 0;
      let lastId = 0;
      for (;;) {
        const batch = await Event.findAll({ where: { id: { [Op.gt]: lastId } }, order: [['id', 'ASC']], limit: 500, raw: true });
        if (!batch.length) return { verified: true as const, checked: done, firstBroken: null };
        for (const event of batch) {
          const verdict = await verifyEvent(event);
          done++;
          if (!verdict.verified) return { verified: false as const, checked: done, firstBroken: { code: event.code, seq: verdict.brokenAt, reason: verdict.reason } };
        }
        lastId = batch[batch.length - 1].id;
        onProgress?.(done, total);
      }
    },

    async myReports(actor: Actor, page: number, pageSize: number) {
      if (actor.kind !== 'resident') throw actor.kind === 'anonymous' ? new Unauthenticated('请先登录') : new Forbidden('“我的上报”只面向居民账号');
      const ids = (await Follower.findAll({ where: { personId: actor.id }, attributes: ['eventId'], raw: true })).map((f) => f.eventId);
      const { rows, count } = await Event.findAndCountAll({ where: { id: ids }, order: [['id', 'DESC']], limit: pageSize, offset: (page - 1) * pageSize, raw: true });
      return { items: await views.summaries(rows), total: count };
    },

    async listEvents(actor: Actor, filter: { queue?: 'dispatch' | 'handling' | 'verification'; status?: EventStatus; level?: number; category?: string; gridCode?: string; overdue?: boolean; page: number; pageSize: number }) {
      if (actor.kind !== 'staff') throw actor.kind === 'anonymous' ? new Unauthenticated('请先登录') : new Forbidden('事件列表只面向工作人员');
      const staff: StaffActor = actor;
      const where: WhereOptions<EventAttrs> & Record<string, unknown> = {};
      if (staff.role === 'handler') where.unitId = staff.unitId ?? -1;
      else where.regionPath = { [Op.like]: `${staff.regionPath}%` };
      let order: [string, string][] = [['id', 'DESC']];
      if (filter.queue === 'dispatch') {
        where.status = ['reported', 'filed', 'returned', 'reopened'];
        order = [['level', 'ASC'], ['resolutionDueAt', 'ASC'], ['id', 'ASC']];
      } else if (filter.queue === 'handling') {
        where.unitId = staff.unitId ?? -1;
        where.status = ['dispatched', 'in_progress'];
        order = [['overdue', 'DESC'], ['resolutionDueAt', 'ASC'], ['id', 'ASC']];
      } else if (filter.queue === 'verification') {
        where.status = 'resolved';
        order = [['resolvedAt', 'ASC'], ['id', 'ASC']];
      }
      if (filter.status) where.status = filter.status;
      if (filter.level) where.level = filter.level;
      if (filter.overdue !== undefined) where.overdue = filter.overdue;
      if (filter.category) {
        const c = await Category.findOne({ where: { code: filter.category }, raw: true });
        where.categoryId = c?.id ?? -1;
      }
      if (filter.gridCode) {
        const g = await models.Grid.findOne({ where: { code: filter.gridCode }, raw: true });
        where.gridId = g?.id ?? -1;
      }
      const { rows, count } = await Event.findAndCountAll({ where, order, limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize, raw: true });
      return { items: await views.summaries(rows), total: count, page: filter.page, pageSize: filter.pageSize };
    },

    /** One command of the closed loop: POST /events/{code}/{action}. */
    async act(actor: Actor, code: string, apiAction: string, input: CommandInput, files: PhotoUpload[] = []) {
      const event = await loadVisible(actor, code);
      const action = (apiAction === 'verify' ? (input.result === 'fail' ? 'verify_fail' : 'verify_pass') : apiAction) as EventAction;
      if (apiAction === 'verify' && !input.result) throw new Invalid('请选择核查结果', [{ field: 'result', message: '须为 pass 或 fail' }]);
      const { to } = authorise(actor, event, action);
      const who = evidenceActor(actor);
      const now = clock.now();
      const prepared = action === 'resolve' && files.length ? await photos.prepare(files) : [];
      const commentVerdicts = action === 'rate' && deps.content ? await deps.content.checkText(actor, [{ field: 'ratingComment', text: input.comment }]) : {};
      const mergeTarget = action === 'merge' ? await mergeTargetFor(actor, event, input.into!) : null;
      // Written from now on (none unless resolving with photos); a retried transaction inserts their rows again.
      const photoFiles = photos.store(prepared, 'event');
      try {
        await inTransaction(async (t) => {
          switch (action) {
            case 'file':
              await transition(t, event, to, {});
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: { note: input.note ?? null } });
              await notifyFollowers(t, event, '事件已立案', '您上报的问题已立案，正在安排处理');
              break;
            case 'reject':
              await transition(t, event, to, { closedAt: now });
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: { reason: input.reason } });
              await notifyFollowers(t, event, '上报未予立案', `原因：${input.reason}`);
              break;
            case 'dispatch': {
              const unit = await Unit.findByPk(input.unitId!, { raw: true, transaction: t });
              if (!unit) throw new Invalid('责任单位不存在', [{ field: 'unitId', message: `没有编号为 ${input.unitId} 的单位` }]);
              if (event.status === 'dispatched' && event.unitId === unit.id) throw new Conflict('该事件已派遣给这个单位');
              await dispatchWithin(t, event, unit.id, who, input.note);
              break;
            }
            case 'accept':
              await transition(t, event, to, { respondedAt: now });
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: { note: input.note ?? null } });
              await notifyFollowers(t, event, '事件处置中', '责任单位已接单，正在处置');
              break;
            case 'return':
              await transition(t, event, to, {});
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: { reason: input.reason, unitId: event.unitId } });
              break;
            case 'resolve': {
              await transition(t, event, to, { resolvedAt: now, respondedAt: event.respondedAt ?? now });
              const rows = await photos.insert(photoFiles, { kind: 'event', id: event.id }, 'resolution', t);
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: { note: input.note }, attachments: rows.map((p) => p.originalSha256) });
              await notifyFollowers(t, event, '事件已处置', `处置结果：${input.note}。如已解决请确认，未解决可提出异议`);
              break;
            }
            case 'verify_pass':
            case 'confirm':
              await transition(t, event, to, { closedAt: now });
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: { note: input.note ?? null } });
              await notifyFollowers(t, event, '事件已结案', '问题已解决并结案，欢迎为处理结果评价');
              break;
            case 'verify_fail':
            case 'dispute':
              await transition(t, event, to, { closedAt: null, resolvedAt: null });
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: action === 'dispute' ? { reason: input.reason } : { note: input.note ?? null } });
              await notifyFollowers(t, event, '事件重新办理', action === 'dispute' ? '已收到您的异议，事件将重新办理' : '现场核查未通过，事件将重新办理');
              break;
            case 'rate': {
              const [n] = await Event.update({ rating: input.rating, ratingComment: input.comment ?? null, reviewRequested: input.rating! <= 2 }, { where: { id: event.id, rating: null }, transaction: t });
              if (n !== 1) throw new Conflict('已经评价过了');
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: { rating: input.rating, comment: input.comment ?? null } });
              if (deps.content) await deps.content.hold(t, event.id, commentVerdicts, []);
              if (input.rating! <= 2) {
                await appendEvidence(t, event.id, { action: 'review', actor: SYSTEM, from: event.status, payload: { reason: 'low_rating', rating: input.rating } });
                await notices.notifyStaff(await supervisorsFor(event.regionPath, t), { title: '差评待复核', body: `${event.code} 获得 ${input.rating} 星评价，请复核`, eventCode: event.code, topic: 'event_review' }, t);
              }
              break;
            }
            case 'merge': {
              const target = mergeTarget!;
              if (!OPEN_STATUSES.includes(target.status) || target.mergedIntoId) throw new Conflict('目标事件已结束，不能合并');
              await transition(t, event, 'merged', { mergedIntoId: target.id, closedAt: now });
              await appendEvidence(t, event.id, { action, actor: who, from: event.status, payload: { into: target.code } });
              const people = await followersOf(event.id, t);
              const already = new Set(await followersOf(target.id, t));
              const joining = people.filter((p) => !already.has(p));
              if (joining.length) await Follower.bulkCreate(joining.map((personId) => ({ eventId: target.id, personId, createdAt: now })), { transaction: t });
              await appendEvidence(t, target.id, { action: 'merged_in', actor: who, from: target.status, payload: { from: event.code } });
              await notices.notifyPeople(people, { title: '上报已合并', body: `${event.code} 与 ${target.code} 是同一问题，已合并，您将继续收到办理进度`, link: `/pages/report/detail/index?code=${target.code}`, eventCode: target.code, topic: 'event_progress' }, t);
              break;
            }
            default:
              throw new Invalid(`未知操作：${apiAction}`);
          }
        });
      } catch (err) {
        await photoFiles.discard();
        throw err;
      }
      return detail(actor, (await readDetail(event.code, actor))!);
    },

    /** The scheduled deadline check: marks overdue events once, escalates them to supervisors. */
    async checkDeadlines(): Promise<{ escalated: number }> {
      const now = clock.now();
      const candidates = await Event.findAll({
        where: { overdue: false, status: ['dispatched', 'in_progress', 'reopened', 'returned'], [Op.or]: [{ responseDueAt: { [Op.lt]: now } }, { resolutionDueAt: { [Op.lt]: now } }] },
        limit: 1000, raw: true,
      });
      let escalated = 0;
      for (const event of candidates) {
        if (!isOverdue({ ...event, responseDueAt: event.responseDueAt && new Date(event.responseDueAt), resolutionDueAt: event.resolutionDueAt && new Date(event.resolutionDueAt), respondedAt: event.respondedAt && new Date(event.respondedAt) }, now)) continue;
        const done = await inTransaction(async (t) => {
          const [n] = await Event.update({ overdue: true, escalatedAt: now }, { where: { id: event.id, overdue: false, status: event.status }, transaction: t });
          if (n !== 1) return false;
          await appendEvidence(t, event.id, { action: 'escalate', actor: SYSTEM, from: event.status, payload: { responseDueAt: event.responseDueAt, resolutionDueAt: event.resolutionDueAt } });
          const staff = [...await supervisorsFor(event.regionPath, t), ...(event.unitId ? (await Staff.findAll({ where: { unitId: event.unitId, role: 'handler', active: true }, attributes: ['id'], raw: true, transaction: t })).map((s) => s.id) : [])];
          await notices.notifyStaff(staff, { title: '事件超时督办', body: `${event.code} 已超过办理时限`, eventCode: event.code, topic: 'event_overdue' }, t);
          return true;
        });
        if (done) escalated++;
      }
      return { escalated };
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
