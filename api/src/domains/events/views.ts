// Shapes events for responses: summaries for lists, the detail with its timeline, photos and the
// caller's allowed actions. Reads in batches so a list costs a fixed number of queries.
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import { STAFF_ROLES, UNIT_TYPES, type GridLocator, type GridModels, type GridPlace } from '../grid';
import type { PhotoAttrs, PhotoService, PhotoView } from '../photos';
import { relationsFor } from './access';
import { allowedActions, EVENT_ACTIONS, EVENT_STATUSES, factsOf } from './lifecycle';
import type { CategoryAttrs, EventAttrs, EventModels, EvidenceAttrs } from './model';

export const LEVELS: Record<number, string> = { 1: '特急', 2: '紧急', 3: '较急', 4: '一般', 5: '轻微' };

export function categoryView(c: CategoryAttrs) {
  return {
    code: c.code, name: c.name, level: c.level, levelName: LEVELS[c.level], unitType: c.unitType,
    unitTypeName: UNIT_TYPES[c.unitType as keyof typeof UNIT_TYPES] ?? c.unitType, responseHours: c.responseHours,
    resolutionHours: c.resolutionHours, autoDispatch: Boolean(c.autoDispatch), active: Boolean(c.active),
  };
}

const iso = (d: Date | string | null) => (d ? (d instanceof Date ? d : new Date(d)).toISOString() : null);

function roleName(role: string): string {
  if (role === 'reporter') return '上报人';
  if (role === 'system') return '系统';
  if (role === 'open311') return 'Open311 接入';
  return STAFF_ROLES[role as keyof typeof STAFF_ROLES] ?? role;
}
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Categories and unit names change rarely and are read on every event shown: keep them for a few seconds. */
const REFERENCE_TTL_MS = 10_000;

export function createEventViews(deps: { models: EventModels & GridModels; photos: PhotoService; clock: Clock; locator: GridLocator }) {
  const { Category, Unit } = deps.models;
  let reference: { at: number; categories: Map<number, CategoryAttrs>; units: Map<number, { id: number; name: string }> } | null = null;

  async function referenceData() {
    const now = deps.clock.now().getTime();
    if (!reference || now - reference.at > REFERENCE_TTL_MS) {
      const [categories, units] = await Promise.all([Category.findAll({ raw: true }), Unit.findAll({ attributes: ['id', 'name'], raw: true })]);
      reference = { at: now, categories: new Map(categories.map((c) => [c.id, c])), units: new Map(units.map((u) => [u.id, u])) };
    }
    return reference;
  }

  async function lookups(events: EventAttrs[], preloadedPhotos?: PhotoAttrs[]) {
    const [ref, grids, photos] = await Promise.all([
      referenceData(),
      deps.locator.places([...new Set(events.map((e) => e.gridId))]),
      preloadedPhotos ?? deps.photos.forOwners('event', events.map((e) => e.id)),
    ]);
    return {
      category: ref.categories, grid: grids, unit: ref.units,
      photos: photos.reduce((m, p) => m.set(p.ownerId, [...(m.get(p.ownerId) ?? []), p]), new Map<number, PhotoAttrs[]>()),
    };
  }

  function summary(e: EventAttrs, l: Awaited<ReturnType<typeof lookups>>) {
    return summaryOf(e, l.category.get(e.categoryId), l.grid.get(e.gridId), l.unit, l.photos.get(e.id)?.find((p) => p.kind === 'report'));
  }

  /** The fields a list shows of an event, also the head of its detail. */
  function summaryOf(e: EventAttrs, category: CategoryAttrs | undefined, grid: GridPlace | undefined, units: Map<number, { name: string }>, first: PhotoAttrs | undefined) {
    return {
      code: e.code, status: e.status, statusName: EVENT_STATUSES[e.status], categoryCode: category?.code ?? '', categoryName: category?.name ?? '',
      level: e.level, levelName: LEVELS[e.level], description: e.description, address: e.address,
      gridCode: grid?.code ?? '', gridName: grid?.name ?? '', communityName: grid?.communityName ?? '',
      unitId: e.unitId, unitName: e.unitId ? units.get(e.unitId)?.name ?? null : null, overdue: Boolean(e.overdue),
      createdAt: iso(e.createdAt), responseDueAt: iso(e.responseDueAt), resolutionDueAt: iso(e.resolutionDueAt),
      thumbnailUrl: first ? deps.photos.thumbnailUrl(first) : null,
    };
  }

  /** One record of the timeline: residents read what was done and why; staff also see the full payload (internal notes such as the unit chosen). */
  function timelineEntry(r: EvidenceAttrs, byDigest: Map<string, PhotoAttrs>, staffView: boolean) {
    const payload = json<Record<string, unknown>>(r.payload);
    const attachments = json<string[]>(r.attachments);
    const attached: PhotoView[] = [];
    for (const digest of attachments) {
      const p = byDigest.get(digest);
      if (p) attached.push(deps.photos.view(p));
    }
    const entry: Record<string, unknown> = {
      seq: r.seq, action: r.action, actionName: EVENT_ACTIONS[r.action as keyof typeof EVENT_ACTIONS] ?? r.action,
      actorRole: r.actorRole, actorRoleName: roleName(r.actorRole),
      fromStatus: r.fromStatus, toStatus: r.toStatus,
      note: (payload.note ?? payload.reason ?? payload.comment ?? null) as string | null,
    };
    if (staffView) entry.details = payload;
    entry.at = iso(r.at);
    entry.photos = attached;
    return entry;
  }

  return {
    /** `photos`, when the caller has read them already: the photos of these events. */
    async summaries(events: EventAttrs[], photos?: PhotoAttrs[]) {
      const l = await lookups(events, photos);
      return events.map((e) => summary(e, l));
    },

    /**
     * The evidence rows and photos come from the caller, which has already read them to verify the chain. Plain
     * loops, no closures made per call: every resident following a report reads it.
     */
    async detail(actor: Actor, e: EventAttrs, extra: { verified: boolean; mergedIntoCode: string | null; evidence: EvidenceAttrs[]; photos: PhotoAttrs[] }) {
      const ref = await referenceData();
      const grid = await deps.locator.place(e.gridId);
      const category = ref.categories.get(e.categoryId);
      const byDigest = new Map<string, PhotoAttrs>();
      const photos: PhotoView[] = [];
      let first: PhotoAttrs | undefined;
      for (const p of extra.photos) {
        if (p.ownerKind !== 'event' || p.ownerId !== e.id) continue;
        byDigest.set(p.originalSha256, p);
        photos.push(deps.photos.view(p));
        if (!first && p.kind === 'report') first = p;
      }
      const relations = relationsFor(actor, e);
      const staffView = actor.kind === 'staff';
      const timeline = new Array(extra.evidence.length);
      for (let i = 0; i < extra.evidence.length; i++) timeline[i] = timelineEntry(extra.evidence[i], byDigest, staffView);
      // The summary's fields first, then the detail's, each set once (no object spread on this hot path).
      return Object.assign(summaryOf(e, category, grid, ref.units, first), {
        source: e.source, lat: e.lat, lng: e.lng, anonymous: Boolean(e.anonymous), isReporter: relations.includes('reporter'),
        photos,
        timeline,
        rating: e.rating, ratingComment: e.ratingComment, mergedInto: extra.mergedIntoCode,
        allowedActions: allowedActions(relations, factsOf(e, deps.clock.now())),
        evidence: { verified: extra.verified },
      });
    },
  };
}

export type EventViews = ReturnType<typeof createEventViews>;
