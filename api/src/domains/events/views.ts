// Shapes events for responses: summaries for lists, the detail with its timeline, photos and the
// caller's allowed actions. Reads in batches so a list costs a fixed number of queries.
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import { STAFF_ROLES, UNIT_TYPES, type GridLocator, type GridModels } from '../grid';
import type { PhotoAttrs, PhotoService } from '../photos';
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

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
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
    const category = l.category.get(e.categoryId);
    const grid = l.grid.get(e.gridId);
    const first = l.photos.get(e.id)?.find((p) => p.kind === 'report');
    return {
      code: e.code, status: e.status, statusName: EVENT_STATUSES[e.status], categoryCode: category?.code ?? '', categoryName: category?.name ?? '',
      level: e.level, levelName: LEVELS[e.level], description: e.description, address: e.address,
      gridCode: grid?.code ?? '', gridName: grid?.name ?? '', communityName: grid?.communityName ?? '',
      unitId: e.unitId, unitName: e.unitId ? l.unit.get(e.unitId)?.name ?? null : null, overdue: Boolean(e.overdue),
      createdAt: iso(e.createdAt), responseDueAt: iso(e.responseDueAt), resolutionDueAt: iso(e.resolutionDueAt),
      thumbnailUrl: first ? deps.photos.thumbnailUrl(first) : null,
    };
  }

  return {
    /** `photos`, when the caller has read them already: the photos of these events. */
    async summaries(events: EventAttrs[], photos?: PhotoAttrs[]) {
      const l = await lookups(events, photos);
      return events.map((e) => summary(e, l));
    },

    /** The evidence rows and photos come from the caller, which has already read them to verify the chain. */
    async detail(actor: Actor, e: EventAttrs, extra: { verified: boolean; mergedIntoCode: string | null; evidence: EvidenceAttrs[]; photos: PhotoAttrs[] }) {
      const l = await lookups([e], extra.photos);
      const evidence = extra.evidence;
      const photos = l.photos.get(e.id) ?? [];
      const byDigest = new Map(photos.map((p) => [p.originalSha256, p]));
      const relations = relationsFor(actor, e);
      const facts = factsOf(e, deps.clock.now());
      const staffView = actor.kind === 'staff';
      return {
        ...summary(e, l),
        source: e.source, lat: e.lat, lng: e.lng, anonymous: Boolean(e.anonymous), isReporter: relations.includes('reporter'),
        photos: photos.map((p) => deps.photos.view(p)),
        timeline: evidence.map((r) => {
          const payload = json<Record<string, unknown>>(r.payload);
          const attached = json<string[]>(r.attachments).map((d) => byDigest.get(d)).filter((p): p is PhotoAttrs => Boolean(p));
          return {
            seq: r.seq, action: r.action, actionName: EVENT_ACTIONS[r.action as keyof typeof EVENT_ACTIONS] ?? r.action,
            actorRole: r.actorRole, actorRoleName: r.actorRole === 'reporter' ? '上报人' : r.actorRole === 'system' ? '系统' : r.actorRole === 'open311' ? 'Open311 接入' : STAFF_ROLES[r.actorRole as keyof typeof STAFF_ROLES] ?? r.actorRole,
            fromStatus: r.fromStatus, toStatus: r.toStatus,
            // Residents read what was done and why; staff also see internal notes such as the unit chosen.
            note: (payload.note ?? payload.reason ?? payload.comment ?? null) as string | null,
            ...(staffView ? { details: payload } : {}),
            at: iso(r.at), photos: attached.map((p) => deps.photos.view(p)),
          };
        }),
        rating: e.rating, ratingComment: e.ratingComment, mergedInto: extra.mergedIntoCode,
        allowedActions: allowedActions(relations, facts),
        evidence: { verified: extra.verified },
      };
    },
  };
}

export type EventViews = ReturnType<typeof createEventViews>;
