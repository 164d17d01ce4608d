// Notice rules: who they reach (the audience over facts), what they say, when they fire (a cron schedule
// in city time, a domain event, or by hand), and what makes a message once per person (the dedupe key).
// A run turns the audience into deliveries; the deliverer sends them under the caps and quiet hours.
import cronParser from 'cron-parser';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import { noticeStaff } from './access';
import { cityDate, cityDayStart, type Clock } from '../../clock';
import type { Models } from '../../db/models';
import { Conflict, Invalid, NotFound } from '../../errors';
import { maskPhone } from '../declarations';
import { compileAudience, parseAudience, personVariables, type Audience, type FieldError, type RegionPaths } from './audience';
import { targetedDeliveredSince } from './deliverer';
import { decide, formatMinute, parseQuietHours, type Caps } from './delivery-rules';
import type { FactService } from './facts';
import { toPersonFacts } from './facts';
import { render, variablesOf } from './message-template';
import type { FactAttrs, RuleAttrs } from './model';
import { FACTS, PERSON_VARIABLES, REASONS, TRIGGER_EVENTS, WECHAT_TEMPLATES, isTemplateKey, isTriggerEvent, type DeliveryState, type Reason, type TriggerEvent } from './vocabulary';

export interface RuleInput {
  name: string; audience: unknown; title: string; body: string; link?: string | null; templateKey: string;
  trigger: { kind: 'cron'; cron: string } | { kind: 'event'; event: string } | { kind: 'manual' };
  dedupeKey: string; urgency: 'normal' | 'urgent'; endsOn?: string | null;
}
/** Below this many people, facts are rebuilt before every run; above it the scheduled rebuild serves. */
const REFRESH_BEFORE_RUN_LIMIT = 20_000;
/** Person ids per audience query: a slice of the primary key. */
const ID_SLICE = 50_000;
const DRY_RUN_LIMIT = 2000;

export function createRuleService(deps: { sequelize: Models['Person']['sequelize']; models: Models; clock: Clock; timezone: string; facts: FactService; caps: Caps; quietHours: string }) {
  const { models, clock, timezone, facts } = deps;
  const { NoticeRule, NoticeRun, ResidentFact, Delivery } = models;
  const quiet = parseQuietHours(deps.quietHours);

  const staffOf = (actor: Actor) => noticeStaff(actor, '管理推送规则');
  async function ruleInScope(actor: StaffActor, id: number) {
    const rule = await NoticeRule.findByPk(id);
    if (!rule || !rule.scopePath.startsWith(actor.regionPath)) throw new NotFound('没有这条推送规则');
    return rule;
  }

  /** Region codes named by the audience → their paths; an unknown code is the rule's fault (422). */
  async function regionPaths(codes: string[], field = 'audience'): Promise<RegionPaths> {
    if (!codes.length) return new Map();
    const rows = await models.Region.findAll({ where: { code: codes }, attributes: ['code', 'path'], raw: true });
    const map = new Map(rows.map((r) => [r.code, r.path]));
    const missing = codes.filter((c) => !map.has(c));
    if (missing.length) throw new Invalid('受众条件有误', missing.map((c) => ({ field, message: `未知的区划代码：${c}` })));
    return map;
  }

  function checkInput(input: RuleInput): { audience: Audience; regionCodes: string[] } {
    const errors: FieldError[] = [];
    const parsed = parseAudience(input.audience);
    if ('errors' in parsed) errors.push(...parsed.errors);
    if (!isTemplateKey(input.templateKey)) errors.push({ field: 'templateKey', message: `未知的微信消息模板：${input.templateKey}` });
    const eventVariables: readonly string[] = input.trigger.kind === 'event' && isTriggerEvent(input.trigger.event) ? TRIGGER_EVENTS[input.trigger.event].variables : [];
    if (input.trigger.kind === 'cron') {
      const fields = input.trigger.cron.trim().split(/\s+/);
      try {
        if (fields.length !== 5) throw new Error('five fields');
        cronParser.parseExpression(input.trigger.cron, { tz: timezone });
      } catch { errors.push({ field: 'trigger.cron', message: '不是有效的 cron 表达式（分 时 日 月 周，例如 0 9 * * *）' }); }
    }
    if (input.trigger.kind === 'event' && !isTriggerEvent(input.trigger.event)) errors.push({ field: 'trigger.event', message: `未知的触发事件：${input.trigger.event}` });
    const known = new Set<string>([...PERSON_VARIABLES, ...eventVariables]);
    for (const field of ['title', 'body', 'dedupeKey'] as const) {
      for (const v of variablesOf(input[field])) if (!known.has(v)) errors.push({ field, message: `未知的变量：{${v}}（可用：${[...known].map((k) => `{${k}}`).join(' ')}）` });
    }
    if (input.endsOn && input.endsOn < cityDate(clock.now(), timezone)) errors.push({ field: 'endsOn', message: '结束日期已过' });
    if (errors.length) throw new Invalid('推送规则有误', errors);
    return { audience: (parsed as { audience: Audience }).audience, regionCodes: (parsed as { codes: { region: string[] } }).codes.region };
  }

  /** JSON columns come back as text from SQLite with raw: true. */
  const audienceOf = (rule: RuleAttrs): Audience => (typeof rule.audience === 'string' ? JSON.parse(rule.audience) : rule.audience) as Audience;

  function columns(input: RuleInput) {
    return {
      name: input.name, audience: input.audience, title: input.title, body: input.body, link: input.link ?? null, templateKey: input.templateKey,
      triggerKind: input.trigger.kind, cron: input.trigger.kind === 'cron' ? input.trigger.cron.trim() : null,
      triggerEvent: input.trigger.kind === 'event' ? input.trigger.event : null, dedupeKey: input.dedupeKey, urgency: input.urgency, endsOn: input.endsOn ?? null,
    };
  }

  async function view(rule: RuleAttrs) {
    const counts = await Delivery.count({ where: { ruleId: rule.id }, group: ['state'] }) as unknown as { state: DeliveryState; count: number }[];
    const by = Object.fromEntries(counts.map((c) => [c.state, Number(c.count)])) as Partial<Record<DeliveryState, number>>;
    const read = await readCount({ ruleId: rule.id });
    const trigger = rule.triggerKind === 'cron' ? { kind: 'cron' as const, cron: rule.cron! } : rule.triggerKind === 'event' ? { kind: 'event' as const, event: rule.triggerEvent! } : { kind: 'manual' as const };
    return {
      id: rule.id, name: rule.name, status: rule.status, audience: audienceOf(rule), title: rule.title, body: rule.body, link: rule.link, templateKey: rule.templateKey,
      trigger, dedupeKey: rule.dedupeKey, urgency: rule.urgency, endsOn: rule.endsOn ? String(rule.endsOn).slice(0, 10) : null,
      lastFiredAt: rule.lastFiredAt ? new Date(rule.lastFiredAt) : null, nextRunAt: nextRun(rule), createdAt: new Date(rule.createdAt), updatedAt: new Date(rule.updatedAt),
      stats: { queued: (by.pending ?? 0), sent: by.sent ?? 0, held: by.held ?? 0, capped: by.capped ?? 0, failed: by.failed ?? 0, expired: by.expired ?? 0, read },
    };
  }
  /** The next occurrence of an active cron rule, in the city's time zone. */
  function nextRun(rule: RuleAttrs): Date | null {
    if (rule.status !== 'active' || rule.triggerKind !== 'cron' || !rule.cron) return null;
    try { return cronParser.parseExpression(rule.cron, { currentDate: clock.now(), tz: timezone }).next().toDate(); } catch { return null; }
  }
  async function readCount(where: WhereOptions): Promise<number> {
    // Read state lives on the inbox message; a delivery points at it.
    const ids = (await Delivery.findAll({ where: { ...where as object, inboxMessageId: { [Op.ne]: null } }, attributes: ['inboxMessageId'], raw: true })).map((d) => d.inboxMessageId!);
    let read = 0;
    for (let i = 0; i < ids.length; i += 5000) read += await models.InboxMessage.count({ where: { id: ids.slice(i, i + 5000), readAt: { [Op.ne]: null } } });
    return read;
  }

  /** The audience as a condition: the rule's predicate, within the author's region (where they live or the island they visit). */
  async function audienceWhere(audience: Audience, scopePath: string, today: string, extra?: WhereOptions): Promise<WhereOptions> {
    const parsed = parseAudience(audience);
    const regions = 'codes' in parsed ? await regionPaths(parsed.codes.region) : new Map<string, string>();
    const scope = scopePath.split('/').filter(Boolean).length <= 1 ? [] : [{ [Op.or]: [{ regionPath: { [Op.like]: `${scopePath}%` } }, { islandRegionPath: { [Op.like]: `${scopePath}%` } }] }];
    return { [Op.and]: [compileAudience(audience, today, regions), ...scope, ...(extra ? [extra] : [])] };
  }

  /**
   * The audience in person order, a range of person ids at a time: each query walks one slice of the primary
   * key (or, for a narrow audience, the slice of an index), so the whole city costs one pass over the table
   * and never sits in memory. (Keyset paging with LIMIT would make the database sort the rest of a broad
   * audience again for every page.)
   */
  async function* audiencePages(where: WhereOptions, options: { transaction?: Transaction; idsOnly?: boolean } = {}): AsyncGenerator<FactAttrs[]> {
    const { transaction } = options;
    const attributes = options.idsOnly ? { attributes: ['personId'] } : {};
    // A narrow audience (the usual case: an index finds it) is one query; a broad one goes slice by slice.
    if (await ResidentFact.count({ where, transaction }) <= ID_SLICE) {
      const rows = await ResidentFact.findAll({ where, ...attributes, order: [['personId', 'ASC']], raw: true, transaction });
      if (rows.length) yield rows;
      return;
    }
    const [lo, hi] = await Promise.all([ResidentFact.min('personId', { where, transaction }), ResidentFact.max('personId', { where, transaction })]) as [number | null, number | null];
    if (lo === null || hi === null) return;
    for (let from = Number(lo); from <= Number(hi); from += ID_SLICE) {
      const rows = await ResidentFact.findAll({
        where: { [Op.and]: [where, { personId: { [Op.between]: [from, Math.min(from + ID_SLICE - 1, Number(hi))] } }] },
        ...attributes, order: [['personId', 'ASC']], raw: true, transaction,
      });
      if (rows.length) yield rows;
    }
  }

  async function names() {
    const [grids, islands, regions] = await Promise.all([
      models.Grid.findAll({ attributes: ['code', 'name'], raw: true }), models.Island.findAll({ attributes: ['code', 'name'], raw: true }),
      models.Region.findAll({ attributes: ['id', 'name'], raw: true }),
    ]);
    const grid = new Map(grids.map((g) => [g.code, g.name])), island = new Map(islands.map((i) => [i.code, i.name])), region = new Map(regions.map((r) => [r.id, r.name]));
    return (f: FactAttrs) => ({
      grid: f.gridCode ? grid.get(f.gridCode) : undefined, island: f.islandCode ? island.get(f.islandCode) : undefined,
      region: f.regionPath ? region.get(Number(f.regionPath.split('/').filter(Boolean).pop())) : undefined,
    });
  }

  function messageFor(rule: RuleAttrs, f: FactAttrs, today: string, nameOf: (f: FactAttrs) => { grid?: string; region?: string; island?: string }, eventVars: Record<string, string>) {
    const vars = { ...personVariables(toPersonFacts(f), today, nameOf(f)), ...eventVars };
    return { title: render(rule.title, vars).slice(0, 64), body: render(rule.body, vars).slice(0, 500), dedupeKey: render(rule.dedupeKey, vars).slice(0, 96) };
  }

  /** "person key" pairs that already have a delivery: the dedupe a run applies (the unique index backs it up). */
  async function alreadyHad(messages: { f: { personId: number }; dedupeKey: string }[], transaction?: Transaction): Promise<Set<string>> {
    if (!messages.length) return new Set();
    const rows = await Delivery.findAll({ where: { personId: messages.map((m) => m.f.personId), dedupeKey: [...new Set(messages.map((m) => m.dedupeKey))] }, attributes: ['personId', 'dedupeKey'], raw: true, transaction });
    return new Set(rows.map((d) => `${d.personId} ${d.dedupeKey}`));
  }

  async function maybeRefreshAll(): Promise<void> {
    if (await models.Person.count() <= REFRESH_BEFORE_RUN_LIMIT) await facts.refreshAll();
  }

  /** One run of a rule: every person of its audience (or of `personIds`) gets one delivery per dedupe key. */
  async function run(rule: RuleAttrs, trigger: 'cron' | 'event' | 'manual', options: { personIds?: number[]; vars?: Record<string, string>; transaction?: Transaction } = {}) {
    const { transaction } = options;
    const now = clock.now(), today = cityDate(now, timezone);
    const runRow = await NoticeRun.create({ ruleId: rule.id, trigger, status: 'running', startedAt: now }, { transaction });
    const where = await audienceWhere(audienceOf(rule), rule.scopePath, today, options.personIds ? { personId: options.personIds } : undefined);
    const nameOf = await names();
    let matched = 0, queued = 0;
    for await (const slice of audiencePages(where, { transaction })) for (let at = 0; at < slice.length; at += 2000) {
      const page = slice.slice(at, at + 2000);
      matched += page.length;
      const messages = page.map((f) => ({ f, ...messageFor(rule, f, today, nameOf, options.vars ?? {}) }));
      const seen = await alreadyHad(messages, transaction);
      const fresh = messages.filter((m) => !seen.has(`${m.f.personId} ${m.dedupeKey}`));
      if (fresh.length) {
        // A second instance racing on the same page loses to the unique (person, dedupe key) index, silently.
        await Delivery.bulkCreate(fresh.map((m) => ({
          ruleId: rule.id, runId: runRow.id, personId: m.f.personId, class: rule.urgency === 'urgent' ? 'urgent' as const : 'targeted' as const, topic: 'targeted',
          dedupeKey: m.dedupeKey, title: m.title, body: m.body, link: rule.link, templateKey: rule.templateKey, state: 'pending' as const, dueAt: now, createdAt: now,
        })), { ignoreDuplicates: true, transaction });
        queued += fresh.length;
      }
    }
    await runRow.update({ status: 'done', matched, queued, deduped: matched - queued, finishedAt: clock.now() }, { transaction });
    return runView(runRow.get({ plain: true }));
  }
  const runView = (r: { id: number; ruleId: number; trigger: string; status: string; matched: number; queued: number; deduped: number; startedAt: Date; finishedAt: Date | null }) => ({
    id: r.id, ruleId: r.ruleId, trigger: r.trigger, status: r.status, matched: r.matched, queued: r.queued, deduped: r.deduped, startedAt: new Date(r.startedAt), finishedAt: r.finishedAt ? new Date(r.finishedAt) : null,
  });

  const masked = (personId: number, phone: string | null) => `居民 ${maskPhone(phone) ?? `#${String(personId).padStart(6, '0').replace(/^\d+(?=\d{4}$)/, (m) => '*'.repeat(m.length))}`}`;

  return {
    facts(actor: Actor) {
      staffOf(actor);
      return {
        facts: Object.entries(FACTS).map(([fact, f]) => ({ fact, name: f.name, type: f.type, operators: [...f.operators], ...('values' in f ? { values: f.values.map((v) => ({ ...v })) } : {}) })),
        events: Object.entries(TRIGGER_EVENTS).map(([event, e]) => ({ event, name: e.name, variables: [...e.variables] })),
        templates: Object.entries(WECHAT_TEMPLATES).map(([key, t]) => ({ key, title: t.title, fields: Object.keys(t.fields) })),
        variables: [...PERSON_VARIABLES],
        settings: { capPerDay: deps.caps.perDay, capPerWeek: deps.caps.perWeek, quietHours: { from: formatMinute(quiet.from), to: formatMinute(quiet.to) }, timezone },
      };
    },

    async list(actor: Actor) {
      const staff = staffOf(actor);
      const rules = await NoticeRule.findAll({ where: { scopePath: { [Op.like]: `${staff.regionPath}%` } }, order: [['id', 'DESC']], raw: true });
      return { items: await Promise.all(rules.map((r) => view(r))) };
    },
    async get(actor: Actor, id: number) { return view((await ruleInScope(staffOf(actor), id)).get({ plain: true })); },

    async create(actor: Actor, input: RuleInput) {
      const staff = staffOf(actor);
      const { regionCodes } = checkInput(input);
      await regionPaths(regionCodes, 'audience');
      const rule = await NoticeRule.create({ ...columns(input), status: 'draft', scopePath: staff.regionPath, createdBy: staff.id, updatedBy: staff.id });
      return view(rule.get({ plain: true }));
    },
    async update(actor: Actor, id: number, input: RuleInput) {
      const staff = staffOf(actor);
      const rule = await ruleInScope(staff, id);
      if (rule.status === 'ended') throw new Conflict('规则已结束，不能再修改');
      const { regionCodes } = checkInput(input);
      await regionPaths(regionCodes, 'audience');
      await rule.update({ ...columns(input), updatedBy: staff.id });
      return view(rule.get({ plain: true }));
    },
    async activate(actor: Actor, id: number) {
      const rule = await ruleInScope(staffOf(actor), id);
      if (rule.status === 'ended') throw new Conflict('规则已结束');
      if (rule.endsOn && String(rule.endsOn) < cityDate(clock.now(), timezone)) throw new Conflict('规则的结束日期已过');
      // A cron rule fires from its next occurrence on, not for the ones it missed while it was a draft.
      if (rule.status !== 'active') await rule.update({ status: 'active', activatedAt: clock.now(), lastFiredAt: rule.triggerKind === 'cron' ? clock.now() : rule.lastFiredAt });
      return view(rule.get({ plain: true }));
    },
    async pause(actor: Actor, id: number) {
      const rule = await ruleInScope(staffOf(actor), id);
      if (rule.status === 'active') await rule.update({ status: 'paused' });
      return view(rule.get({ plain: true }));
    },

    async preview(actor: Actor, audienceInput: unknown) {
      const staff = staffOf(actor);
      const parsed = parseAudience(audienceInput);
      if ('errors' in parsed) throw new Invalid('受众条件有误', parsed.errors);
      await maybeRefreshAll();
      const today = cityDate(clock.now(), timezone);
      const where = await audienceWhere(parsed.audience, staff.regionPath, today);
      const count = await ResidentFact.count({ where });
      const sample = await ResidentFact.findAll({ where, order: [['personId', 'ASC']], limit: 5, raw: true });
      const phones = new Map((await models.Person.findAll({ where: { id: sample.map((s) => s.personId) }, attributes: ['id', 'phone'], raw: true })).map((p) => [p.id, p.phone]));
      return {
        count,
        sample: sample.map((f) => {
          const pf = toPersonFacts(f);
          return { person: masked(f.personId, phones.get(f.personId) ?? null), facts: { age: pf.birthDate ? personVariables(pf, today, {}).age : null, sex: pf.sex, grid: pf.gridCode, region: f.regionPath ? '已申报' : null, island: pf.islandCode, insured: pf.insured, declared: pf.declared } };
        }),
        factsAsOf: await facts.asOf(),
      };
    },

    /** What a run now would do, person by person (the first DRY_RUN_LIMIT of them); nothing is written. */
    async dryRun(actor: Actor, id: number) {
      const staff = staffOf(actor);
      const rule = (await ruleInScope(staff, id)).get({ plain: true });
      await maybeRefreshAll();
      const now = clock.now(), today = cityDate(now, timezone);
      const where = await audienceWhere(audienceOf(rule), rule.scopePath, today);
      const count = await ResidentFact.count({ where });
      const rows = await ResidentFact.findAll({ where, order: [['personId', 'ASC']], limit: DRY_RUN_LIMIT, raw: true });
      const nameOf = await names();
      const messages = rows.map((f) => ({ f, ...messageFor(rule, f, today, nameOf, {}) }));
      const ids = rows.map((f) => f.personId);
      const seen = await alreadyHad(messages);
      const dayStart = cityDayStart(today, timezone), weekStart = cityDayStart(today, timezone, -6);
      // The same counts the deliverer will make, so that the dry run says what a run would really do.
      const [today_, week] = await Promise.all([targetedDeliveredSince(Delivery, ids, dayStart), targetedDeliveredSince(Delivery, ids, weekStart)]);
      const minute = Math.floor((now.getTime() - dayStart.getTime()) / 60_000);
      const phones = new Map((await models.Person.findAll({ where: { id: ids.slice(0, 10) }, attributes: ['id', 'phone'], raw: true })).map((p) => [p.id, p.phone]));
      const outcomes = { send: 0, hold: 0, cap: 0, dedupe: 0 };
      const sample: { person: string; title: string; body: string; deliverAt: Date | null; outcome: string; reason: string | null }[] = [];
      for (const m of messages) {
        let outcome: keyof typeof outcomes, reason: Reason | null = null, deliverAt: Date | null = now;
        if (seen.has(`${m.f.personId} ${m.dedupeKey}`)) { outcome = 'dedupe'; deliverAt = null; }
        else {
          const d = decide({ cls: rule.urgency === 'urgent' ? 'urgent' : 'targeted', minute, quiet, caps: deps.caps, sentToday: today_.get(m.f.personId) ?? 0, sentThisWeek: week.get(m.f.personId) ?? 0 });
          outcome = d.action === 'send' ? 'send' : d.action; reason = d.reason;
          if (d.action !== 'send') deliverAt = new Date(now.getTime() + d.waitMinutes * 60_000);
        }
        outcomes[outcome] += 1;
        if (sample.length < 10) sample.push({ person: masked(m.f.personId, phones.get(m.f.personId) ?? null), title: m.title, body: m.body, deliverAt, outcome, reason: reason ? REASONS[reason] : outcome === 'dedupe' ? '此人已收到过相同去重键的通知' : null });
      }
      return { count, examined: rows.length, outcomes, sample };
    },

    async runNow(actor: Actor, id: number) {
      const rule = await ruleInScope(staffOf(actor), id);
      if (rule.status !== 'active') throw new Conflict('请先启用规则再执行');
      await maybeRefreshAll();
      return { run: await run(rule.get({ plain: true }), 'manual') };
    },
    async runs(actor: Actor, id: number) {
      await ruleInScope(staffOf(actor), id);
      const rows = await NoticeRun.findAll({ where: { ruleId: id }, order: [['id', 'DESC']], limit: 50, raw: true });
      return { items: rows.map(runView) };
    },

    /**
     * The minute job: fires each active cron rule whose latest occurrence it has not fired yet. The
     * compare-and-set on last_fired_at makes an occurrence fire once even if two instances got here.
     */
    async fireDue(now = clock.now()) {
      const today = cityDate(now, timezone);
      await NoticeRule.update({ status: 'ended' }, { where: { status: ['active', 'paused'], endsOn: { [Op.lt]: today } } });
      const rules = await NoticeRule.findAll({ where: { status: 'active', triggerKind: 'cron' }, raw: true });
      let fired = 0;
      for (const rule of rules) {
        let prev: Date;
        try { prev = cronParser.parseExpression(rule.cron!, { currentDate: new Date(now.getTime() + 1), tz: timezone }).prev().toDate(); } catch { continue; }
        const since = rule.lastFiredAt ?? rule.activatedAt;
        if (since && prev <= new Date(since)) continue;
        const [taken] = await NoticeRule.update({ lastFiredAt: prev }, { where: { id: rule.id, [Op.or]: [{ lastFiredAt: null }, { lastFiredAt: { [Op.lt]: prev } }] } });
        if (taken !== 1) continue;
        if (fired === 0) await maybeRefreshAll();
        await run({ ...rule, lastFiredAt: prev }, 'cron');
        fired += 1;
      }
      return { fired };
    },

    /** A domain event about these people, inside the transaction of the change: each active rule on it runs for them. */
    async emit(event: TriggerEvent, personIds: number[], vars: Record<string, string>, transaction?: Transaction) {
      const rules = await NoticeRule.findAll({ where: { status: 'active', triggerKind: 'event', triggerEvent: event }, raw: true, transaction });
      if (!rules.length || !personIds.length) return { rules: 0 };
      await facts.refresh(personIds, transaction);
      for (const rule of rules) {
        if (rule.endsOn && String(rule.endsOn) < cityDate(clock.now(), timezone)) continue;
        await run(rule, 'event', { personIds, vars, transaction });
      }
      return { rules: rules.length };
    },

    /** For tests and the benchmark: the audience of a stored audience, as person ids in order. */
    async *audienceIds(audience: Audience, scopePath = '/'): AsyncGenerator<number[]> {
      const where = await audienceWhere(audience, scopePath, cityDate(clock.now(), timezone));
      for await (const page of audiencePages(where, { idsOnly: true })) yield page.map((f) => f.personId);
    },
  };
}

export type RuleService = ReturnType<typeof createRuleService>;
