// Targeted notices through HTTP and the deliverer, on the real database and the WeChat stand-in: the
// inbox, subscriptions and quotas, rules (bad ones refused by name), preview and dry run, runs with dedupe,
// caps and quiet hours with a moved clock, urgent bypass, token refresh, retries, quota exhaustion, outbox
// atomicity, cron occurrences, domain-event triggers, the staff inbox, the delivery log and statistics.
import { expect } from 'chai';
import { bootApp, type TestApp } from '../../helpers/app';
import { bearer } from '../../helpers/events';
import { DEMO_HOUSE, DEMO_PEOPLE } from '../../../src/db/seed/residence';
import { DEMO_PASSWORD } from '../../../src/db/seed/demo';
import { DEMO_ISLANDS } from '../../../src/db/seed/islands';
import { withCheckCharacter } from '../../../src/domains/declarations/id-number';

const ELDER = { idNumber: withCheckCharacter('44030619661120122'), name: '周桂兰' }; // 60 on 2026-11-20
const [WANG] = DEMO_PEOPLE; // born 1990-01-01
const TEMPLATE = (key: string) => `dev-tpl-${key}`;
const OLD_AGE = {
  name: '年满60周岁办理老年人优待证', audience: { all: [{ fact: 'age', age_reaches: 60 }, { fact: 'region', eq: '440306' }] },
  title: '老年人优待证办理提醒', body: '您已年满{age}周岁，可在{region}办理老年人优待证', templateKey: 'service_notice',
  trigger: { kind: 'manual' }, dedupeKey: 'old-age-card-{year}', urgency: 'normal',
};

async function standIn(t: TestApp, path: string, params: Record<string, string> = {}, method = 'POST') {
  const res = await fetch(`${t.standIn.url}${path}?${new URLSearchParams(params)}`, { method });
  return res.json() as Promise<Record<string, unknown>>;
}
const grant = (t: TestApp, name: string, key: string, times = 1) => standIn(t, '/dev/subscribe', { openid: `dev-${name}`, template_id: TEMPLATE(key), times: String(times) });
const sentTo = async (t: TestApp, name: string) => ((await standIn(t, '/dev/sent', { touser: `dev-${name}` }, 'GET')).messages as { data: Record<string, { value: string }> }[]);

describe('targeted notices', () => {
  let t: TestApp;
  let elderId: number;
  // Tokens last a day; the clock moves over days, so each caller signs in again when theirs would have ended.
  const signedIn = new Map<string, { token: string; at: number }>();
  const STAFF = ['admin', 'dispatcher', 'guishan-duty'];
  async function as(name: string) {
    const now = t.clock.now().getTime(), held = signedIn.get(name);
    if (!held || now - held.at > 12 * 3600_000 || now < held.at) {
      const res = STAFF.includes(name)
        ? await t.http.post('/api/v1/auth/staff').send({ username: name, password: DEMO_PASSWORD }).expect(200)
        : await t.http.post('/api/v1/auth/wechat').send({ code: `dev:${name}` }).expect(200);
      signedIn.set(name, { token: res.body.accessToken, at: now });
    }
    return bearer(signedIn.get(name)!.token);
  }
  const rule = async (body: object) => (await t.http.post('/api/v1/notices/rules').set(await as('admin')).send(body).expect(201)).body as { id: number; status: string };
  const activate = async (id: number) => t.http.post(`/api/v1/notices/rules/${id}/activate`).set(await as('admin')).expect(200);
  const runRule = async (id: number) => (await t.http.post(`/api/v1/notices/rules/${id}/run`).set(await as('admin')).set('Idempotency-Key', `run-${id}-${Math.random()}`).expect(200)).body.run;
  const deliveriesOf = (ruleId: number) => t.db.models.Delivery.findAll({ where: { ruleId }, order: [['id', 'ASC']], raw: true });

  before(async () => {
    t = await bootApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '86400' } });
    await as('tourist');
    for (const [name, who] of [['elder', ELDER], ['young', WANG]] as const) {
      await t.http.post('/api/v1/residence/declarations').set(await as(name)).send({ houseCode: DEMO_HOUSE, idNumber: who.idNumber, name: who.name }).expect(201);
    }
    elderId = (await t.db.models.Person.findOne({ where: { openid: 'dev-elder' }, raw: true }))!.id;
    await t.services.deliverer.deliverDue(); // the declarations' own messages go first (inbox only: nobody has subscribed yet)
  });
  after(async () => { await t.close(); });

  describe('the inbox', () => {
    it('pages a resident\'s messages newest first with the unread count, and marks one or all read', async () => {
      const first = await t.http.get('/api/v1/me/inbox?limit=1').set(await as('elder')).expect(200);
      expect(first.body.items).to.have.length(1);
      expect(first.body.items[0]).to.include({ topic: 'residence', topicName: '居住申报' });
      expect(first.body.unreadCount).to.be.at.least(1);
      const id = first.body.items[0].id;
      const one = await t.http.get(`/api/v1/me/inbox/${id}`).set(await as('elder')).expect(200);
      expect(one.body.link).to.match(/^\/packages\/residence\//);
      await t.http.post(`/api/v1/me/inbox/${id}/read`).set(await as('elder')).expect(204);
      await t.http.post('/api/v1/me/inbox/read-all').set(await as('elder')).expect(204);
      expect((await t.http.get('/api/v1/me/inbox/unread-count').set(await as('elder')).expect(200)).body).to.deep.equal({ unreadCount: 0 });
    });

    it('answers 404 for another person\'s message, 403 for staff and 401 without a token', async () => {
      const mine = (await t.http.get('/api/v1/me/inbox').set(await as('elder'))).body.items[0].id;
      await t.http.get(`/api/v1/me/inbox/${mine}`).set(await as('young')).expect(404);
      await t.http.post(`/api/v1/me/inbox/${mine}/read`).set(await as('young')).expect(404);
      await t.http.get('/api/v1/me/inbox').set(await as('admin')).expect(403);
      await t.http.get('/api/v1/me/inbox').expect(401);
      await t.http.get('/api/v1/me/inbox?limit=0').set(await as('elder')).expect(422);
      await t.http.get('/api/v1/me/inbox/abc').set(await as('elder')).expect(422);
    });
  });

  describe('subscriptions', () => {
    it('records topics, which become facts at once', async () => {
      const res = await t.http.put('/api/v1/me/subscriptions/topics').set(await as('tourist')).send({ topics: ['weather_alert'] }).expect(200);
      expect(res.body.topics.find((x: { topic: string }) => x.topic === 'weather_alert')).to.include({ subscribed: true, name: '台风与天气预警' });
      const fact = await t.db.models.ResidentFact.findOne({ where: { personId: (await t.db.models.Person.findOne({ where: { openid: 'dev-tourist' }, raw: true }))!.id }, raw: true });
      expect(fact!.topics).to.equal(',weather_alert,');
      const bad = await t.http.put('/api/v1/me/subscriptions/topics').set(await as('tourist')).send({ topics: ['lottery'] }).expect(422);
      expect(bad.body.errors[0].field).to.match(/^topics/);
    });

    it('counts each accepted subscribe-message as one message WeChat will deliver', async () => {
      const templates = await t.http.get('/api/v1/notices/subscribe-templates?moment=after_report').expect(200);
      expect(templates.body.templates).to.deep.equal([{ key: 'event_progress', templateId: TEMPLATE('event_progress'), title: '办理进度通知' }]);
      await t.http.get('/api/v1/notices/subscribe-templates?moment=whenever').expect(422);
      const res = await t.http.post('/api/v1/me/subscriptions/wechat').set(await as('young')).send({ results: { [TEMPLATE('event_progress')]: 'accept', [TEMPLATE('service_notice')]: 'reject' } }).expect(200);
      const quota = (key: string) => res.body.quotas.find((q: { key: string }) => q.key === key).remaining;
      expect([quota('event_progress'), quota('service_notice')]).to.deep.equal([1, 0]);
      const unknown = await t.http.post('/api/v1/me/subscriptions/wechat').set(await as('young')).send({ results: { 'tpl-of-someone-else': 'accept' } }).expect(422);
      expect(unknown.body.errors[0].message).to.equal('未知的消息模板');
      await t.http.post('/api/v1/me/subscriptions/wechat').set(await as('young')).send({ results: { [TEMPLATE('event_progress')]: 'maybe' } }).expect(422);
    });
  });

  describe('rules', () => {
    it('refuses bad rules with 422 naming the problem, and stores nothing', async () => {
      const cases: [object, string, RegExp][] = [
        [{ audience: { all: [{ fact: 'age', eq: 60 }, { fact: 'shoeSize', eq: 42 }] } }, 'audience.all[1].fact', /未知的事实：shoeSize/],
        [{ audience: {} }, 'audience', /受众条件不能为空/],
        [{ trigger: { kind: 'cron', cron: '61 25 * * *' } }, 'trigger.cron', /cron/],
        [{ trigger: { kind: 'cron', cron: '0 9 * *' } }, 'trigger.cron', /cron/],
        [{ trigger: { kind: 'event', event: 'birthday_party' } }, 'trigger.event', /未知的触发事件/],
        [{ body: '您好 {idNumber}' }, 'body', /未知的变量：\{idNumber\}/],
        [{ templateKey: 'lottery' }, 'templateKey', /未知的微信消息模板/],
        [{ audience: { fact: 'region', eq: '999999' } }, 'audience', /未知的区划代码：999999/],
        [{ endsOn: '2020-01-01' }, 'endsOn', /已过/],
      ];
      for (const [change, field, message] of cases) {
        const res = await t.http.post('/api/v1/notices/rules').set(await as('admin')).send({ ...OLD_AGE, ...change }).expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field), JSON.stringify(change)).to.include(field);
        expect(res.body.errors.find((e: { field: string }) => e.field === field).message).to.match(message);
      }
      await t.http.post('/api/v1/notices/rules').set(await as('admin')).send({ ...OLD_AGE, color: 'red' }).expect(422);
      await t.http.post('/api/v1/notices/rules').set(await as('admin')).set('Content-Type', 'application/json').send('{"name":').expect(400);
      expect(await t.db.models.NoticeRule.count()).to.equal(0);
    });

    it('keeps rules to admins and supervisors', async () => {
      await t.http.get('/api/v1/notices/rules').set(await as('dispatcher')).expect(403);
      await t.http.post('/api/v1/notices/rules').set(await as('elder')).send(OLD_AGE).expect(403);
      await t.http.get('/api/v1/notices/facts').expect(401);
      const facts = await t.http.get('/api/v1/notices/facts').set(await as('admin')).expect(200);
      expect(facts.body.facts.map((f: { fact: string }) => f.fact)).to.include.members(['age', 'region', 'island', 'subscribed']);
      expect(facts.body.settings).to.deep.equal({ capPerDay: 1, capPerWeek: 3, quietHours: { from: '22:00', to: '08:00' }, timezone: 'Asia/Shanghai' });
    });

    it('previews an audience: how many, and a masked sample without names or numbers', async () => {
      const res = await t.http.post('/api/v1/notices/preview').set(await as('admin')).send({ audience: OLD_AGE.audience }).expect(200);
      expect(res.body.count).to.equal(1);
      expect(res.body.sample[0].facts).to.include({ age: '60', sex: 'female', declared: true });
      expect(JSON.stringify(res.body)).not.to.include(ELDER.name).and.not.to.include(ELDER.idNumber);
      const everyoneDeclared = await t.http.post('/api/v1/notices/preview').set(await as('admin')).send({ audience: { fact: 'declared', eq: true } }).expect(200);
      expect(everyoneDeclared.body.count).to.equal(2);
      const bad = await t.http.post('/api/v1/notices/preview').set(await as('admin')).send({ audience: { fact: 'age', between: [1, 2] } }).expect(422);
      expect(bad.body.errors[0].field).to.equal('audience');
    });

    it('dry-runs a rule: what would be sent, and nothing is written', async () => {
      const r = await rule(OLD_AGE);
      expect(r.status).to.equal('draft');
      const dry = await t.http.post(`/api/v1/notices/rules/${r.id}/dry-run`).set(await as('admin')).expect(200);
      expect(dry.body).to.deep.include({ count: 1, outcomes: { send: 1, hold: 0, cap: 0, dedupe: 0 } });
      expect(dry.body.sample[0].body).to.match(/^您已年满60周岁，可在.+办理老年人优待证$/);
      expect(await t.db.models.Delivery.count({ where: { ruleId: r.id } })).to.equal(0);
      await t.http.post(`/api/v1/notices/rules/${r.id}/run`).set(await as('admin')).expect(409); // a draft does not run
    });

    it('runs a rule once per person per dedupe key; the deliverer writes the inbox and sends WeChat when subscribed', async () => {
      const r = await rule({ ...OLD_AGE, name: '优待证（送达）' });
      await activate(r.id);
      await t.http.post('/api/v1/me/subscriptions/wechat').set(await as('elder')).send({ results: { [TEMPLATE('service_notice')]: 'accept' } }).expect(200);
      await grant(t, 'elder', 'service_notice');
      const run = await runRule(r.id);
      expect(run).to.include({ matched: 1, queued: 1, deduped: 0 });
      expect(await t.services.deliverer.deliverDue()).to.deep.equal({ sent: 1 });
      const [d] = await deliveriesOf(r.id);
      expect(d).to.include({ state: 'sent', wechat: 'sent', class: 'targeted', personId: elderId, dedupeKey: 'old-age-card-2026' });
      const inbox = await t.http.get('/api/v1/me/inbox').set(await as('elder')).expect(200);
      expect(inbox.body.items[0]).to.include({ title: '老年人优待证办理提醒', topicName: '服务通知' });
      const wechat = await sentTo(t, 'elder');
      expect(wechat.at(-1)!.data.thing1.value).to.equal('老年人优待证办理提醒');
      const quota = (await t.http.get('/api/v1/me/subscriptions').set(await as('elder'))).body.quotas.find((q: { key: string }) => q.key === 'service_notice');
      expect(quota.remaining).to.equal(0);
      // The same rule again, and a second rule with the same dedupe key: nobody hears it twice.
      expect(await runRule(r.id)).to.include({ matched: 1, queued: 0, deduped: 1 });
      const twin = await rule({ ...OLD_AGE, name: '优待证（另一条）' });
      await activate(twin.id);
      expect(await runRule(twin.id)).to.include({ queued: 0, deduped: 1 });
    });

    it('caps a second targeted notice the same day until the next morning, then sends it to the inbox only when no subscription is left', async () => {
      const r = await rule({ ...OLD_AGE, name: '社区活动', audience: { fact: 'age', range: { min: 60 } }, title: '重阳敬老活动', body: '社区敬老活动报名中', dedupeKey: 'activity-{date}' });
      await activate(r.id);
      expect(await runRule(r.id)).to.include({ queued: 1 });
      expect(await t.services.deliverer.deliverDue()).to.deep.equal({ capped: 1 });
      const [capped] = await deliveriesOf(r.id);
      expect(capped).to.include({ state: 'capped', reason: 'cap_day' });
      expect(new Date(capped.dueAt).toISOString()).to.equal('2026-11-24T00:00:00.000Z'); // 08:00 in Shanghai
      expect(await t.services.deliverer.deliverDue()).to.deep.equal({});
      t.clock.set('2026-11-24T00:00:30Z');
      expect(await t.services.deliverer.deliverDue()).to.deep.equal({ sent: 1 });
      expect((await deliveriesOf(r.id))[0]).to.include({ state: 'sent', wechat: 'no_quota', reason: 'no_quota' });
    });

    it('holds a notice in quiet hours until 08:00, and lets an urgent one through at night, saying so', async () => {
      t.clock.set('2026-11-24T15:30:00Z'); // 23:30 in Shanghai
      const calm = await rule({ ...OLD_AGE, name: '夜间普通', audience: { fact: 'declared', eq: true }, title: '普通通知', body: '普通通知', dedupeKey: 'night-normal' });
      const storm = await rule({ ...OLD_AGE, name: '台风预警', audience: { fact: 'declared', eq: true }, title: '台风红色预警', body: '请立即避险', dedupeKey: 'typhoon-{date}', urgency: 'urgent', templateKey: 'safety_alert' });
      for (const r of [calm, storm]) { await activate(r.id); await runRule(r.id); }
      const outcome = await t.services.deliverer.deliverDue();
      expect(outcome).to.deep.equal({ held: 2, sent: 2 });
      for (const d of await deliveriesOf(calm.id)) {
        expect(d).to.include({ state: 'held', reason: 'quiet_hours' });
        expect(new Date(d.dueAt).toISOString()).to.equal('2026-11-25T00:00:00.000Z');
      }
      for (const d of await deliveriesOf(storm.id)) expect(d).to.include({ state: 'sent', class: 'urgent', reason: 'bypass_urgent' });
      const log = await t.http.get(`/api/v1/notices/deliveries?ruleId=${storm.id}`).set(await as('admin')).expect(200);
      expect(log.body.items[0]).to.include({ stateName: '已送达', reasonText: '紧急通知，不受频次上限与免打扰限制' });
      expect(log.body.items[0].recipient).to.match(/^居民 /);
    });

    it('refreshes the WeChat token when it expired early, retries a busy WeChat with backoff, and takes 43101 as no subscription left', async () => {
      t.clock.set('2026-11-26T02:00:00Z');
      expect(await t.services.deliverer.deliverDue()).to.deep.equal({ sent: 2 }); // the notices held last night
      // Urgent, so that the caps (both people had a notice today) stay out of this test of the WeChat plumbing.
      const r = await rule({ ...OLD_AGE, name: '政策解读', audience: { fact: 'declared', eq: true }, title: '政策解读', body: '居住证新政', dedupeKey: 'policy-1', templateKey: 'service_notice', urgency: 'urgent' });
      await activate(r.id);
      for (const who of ['elder', 'young']) {
        await t.http.post('/api/v1/me/subscriptions/wechat').set(await as(who)).send({ results: { [TEMPLATE('service_notice')]: 'accept' } }).expect(200);
      }
      await grant(t, 'elder', 'service_notice'); // young's phone said accept, but WeChat has no subscription for them: 43101
      const before = (await standIn(t, '/dev/sent', {}, 'GET')).tokensIssued as number;
      await standIn(t, '/dev/expire-token');
      await standIn(t, '/dev/fail-next', { errcode: '-1' });
      await runRule(r.id);
      const first = await t.services.deliverer.deliverDue();
      expect(first).to.deep.equal({ retry: 1, sent: 1 });
      expect((await standIn(t, '/dev/sent', {}, 'GET')).tokensIssued).to.equal(before + 1);
      const retried = (await deliveriesOf(r.id)).find((d) => d.state === 'pending')!;
      expect(retried).to.include({ attempts: 1, reason: 'retry', wechat: 'failed', wechatErrcode: -1 });
      expect(retried.inboxMessageId, 'the inbox does not wait for WeChat').to.be.a('number');
      expect(await t.services.deliverer.deliverDue()).to.deep.equal({}); // not before its backoff
      t.clock.advance(31_000);
      expect(await t.services.deliverer.deliverDue()).to.deep.equal({ sent: 1 });
      const byPerson = new Map((await deliveriesOf(r.id)).map((d) => [d.personId, d]));
      expect(byPerson.get(elderId)).to.include({ wechat: 'sent' });
      const youngId = (await t.db.models.Person.findOne({ where: { openid: 'dev-young' }, raw: true }))!.id;
      expect(byPerson.get(youngId)).to.include({ wechat: 'no_quota', wechatErrcode: 43101 });
      expect(await t.db.models.SubscribeQuota.findOne({ where: { personId: youngId, templateKey: 'service_notice' }, raw: true })).to.include({ remaining: 0 });
      expect(await t.db.models.InboxMessage.count({ where: { deliveryId: retried.id } })).to.equal(1); // recorded exactly once
    });

    it('writes nothing when the change that causes a notice fails', async () => {
      const [deliveries, inbox] = [await t.db.models.Delivery.count(), await t.db.models.InboxMessage.count()];
      const failing = t.db.sequelize.transaction(async (transaction) => {
        await t.services.notices.notifyPeople([elderId], { title: '不会送达', body: '事务回滚', topic: 'residence' }, transaction);
        throw new Error('the change failed');
      });
      await failing.then(() => expect.fail('should have failed'), (err: Error) => expect(err.message).to.equal('the change failed'));
      expect([await t.db.models.Delivery.count(), await t.db.models.InboxMessage.count()]).to.deep.equal([deliveries, inbox]);
    });

    it('fires a cron rule once per occurrence, from the first occurrence after it went live', async () => {
      t.clock.set('2026-11-27T02:00:00Z'); // 10:00
      const r = await rule({ ...OLD_AGE, name: '每日九点', audience: { fact: 'declared', eq: true }, title: '每日提醒', body: '每日提醒', dedupeKey: 'daily-{date}', trigger: { kind: 'cron', cron: '0 9 * * *' } });
      await activate(r.id);
      expect(await t.services.rules.fireDue()).to.deep.equal({ fired: 0 }); // today's 09:00 was before it went live
      t.clock.set('2026-11-28T01:00:20Z'); // 09:00:20 the next day
      expect(await t.services.rules.fireDue()).to.deep.equal({ fired: 1 });
      expect(await t.services.rules.fireDue()).to.deep.equal({ fired: 0 });
      const runs = await t.http.get(`/api/v1/notices/rules/${r.id}/runs`).set(await as('admin')).expect(200);
      expect(runs.body.items).to.have.length(1);
      expect(runs.body.items[0]).to.include({ trigger: 'cron', matched: 2, queued: 2 });
      const view = await t.http.get(`/api/v1/notices/rules/${r.id}`).set(await as('admin')).expect(200);
      expect(view.body.nextRunAt).to.equal('2026-11-29T01:00:00.000Z'); // tomorrow 09:00 in Shanghai
    });

    it('ends a rule after its end date: what it queued expires instead of going out late', async () => {
      t.clock.set('2026-11-28T02:00:00Z');
      const r = await rule({ ...OLD_AGE, name: '限期', audience: { fact: 'declared', eq: true }, title: '限期通知', body: '限期通知', dedupeKey: 'limited', endsOn: '2026-11-28' });
      await activate(r.id);
      await runRule(r.id);
      t.clock.set('2026-11-29T02:00:00Z');
      await t.services.rules.fireDue();
      await t.services.deliverer.deliverDue();
      expect((await deliveriesOf(r.id)).map((d) => d.state)).to.deep.equal(['expired', 'expired']);
      const view = await t.http.get(`/api/v1/notices/rules/${r.id}`).set(await as('admin')).expect(200);
      expect(view.body).to.include({ status: 'ended' });
      await t.http.put(`/api/v1/notices/rules/${r.id}`).set(await as('admin')).send(OLD_AGE).expect(409);
    });

    it('sends on-duty staff an SOS at once, at night, in their inbox', async () => {
      t.clock.set('2026-11-29T17:00:00Z'); // 01:00
      const gs = DEMO_ISLANDS[0].centre;
      await t.http.post('/api/v1/tourism/help').set(await as('tourist')).send({ type: 'medical', ...gs, phone: '13926901234', text: '同伴中暑' }).expect(201);
      const inbox = await t.http.get('/api/v1/staff/me/inbox').set(await as('guishan-duty')).expect(200);
      expect(inbox.body.items[0]).to.include({ title: '游客紧急求助', topic: 'tourist_help' });
      expect(inbox.body.unreadCount).to.equal(1);
      await t.http.post(`/api/v1/staff/me/inbox/${inbox.body.items[0].id}/read`).set(await as('guishan-duty')).expect(204);
      expect((await t.http.get('/api/v1/staff/me/inbox/unread-count').set(await as('guishan-duty'))).body).to.deep.equal({ unreadCount: 0 });
      await t.http.post(`/api/v1/staff/me/inbox/${inbox.body.items[0].id}/read`).set(await as('admin')).expect(404);
      const d = await t.db.models.Delivery.findOne({ where: { topic: 'tourist_help' }, raw: true });
      expect(d).to.include({ class: 'urgent', state: 'sent', reason: 'bypass_urgent' });
    });

    it('reports statistics per rule and per day, with reads', async () => {
      const msg = (await t.http.get('/api/v1/me/inbox').set(await as('elder'))).body.items.find((m: { title: string }) => m.title === '老年人优待证办理提醒');
      await t.http.post(`/api/v1/me/inbox/${msg.id}/read`).set(await as('elder')).expect(204);
      const stats = await t.http.get('/api/v1/notices/stats?from=2026-11-01&to=2026-11-30').set(await as('admin')).expect(200);
      expect(stats.body.totals.sent).to.be.at.least(5);
      expect(stats.body.totals).to.include({ held: 0, expired: 2 });
      expect(stats.body.totals.deduped).to.be.at.least(2);
      const oldAge = stats.body.byRule.find((r: { name: string }) => r.name === '优待证（送达）');
      expect(oldAge).to.include({ sent: 1, read: 1 });
      expect(stats.body.byDay.find((d: { date: string }) => d.date === '2026-11-23')).to.include({ sent: 1, read: 1 });
      await t.http.get('/api/v1/notices/stats?from=2026-12-01&to=2026-11-01').set(await as('admin')).expect(422);
      await t.http.get('/api/v1/notices/deliveries?state=lost').set(await as('admin')).expect(422);
      await t.http.get('/api/v1/notices/deliveries').set(await as('dispatcher')).expect(403);
    });
  });
});

describe('notices triggered by domain events', () => {
  let t: TestApp;
  before(async () => { t = await bootApp({ env: { ACCESS_TOKEN_TTL_SECONDS: '86400' } }); });
  after(async () => { await t.close(); });

  it('a declaration about to expire reminds its tenant once, and runs the rules on that event with its variables', async () => {
    const tenant = bearer(await t.residentToken('tenant'));
    const admin = bearer(await t.staffToken('admin'));
    await t.http.post('/api/v1/residence/declarations').set(tenant).send({ houseCode: DEMO_HOUSE, idNumber: WANG.idNumber, name: WANG.name }).expect(201);
    const created = await t.http.post('/api/v1/notices/rules').set(admin).send({
      ...OLD_AGE, name: '申报到期续期指引', audience: { fact: 'declared', eq: true }, title: '续期指引', body: '{address} 的申报将于 {validUntil} 到期，续期只需一步',
      trigger: { kind: 'event', event: 'declaration_expiring' }, dedupeKey: 'renewal-{validUntil}',
    }).expect(201);
    await t.http.post(`/api/v1/notices/rules/${created.body.id}/activate`).set(admin).expect(200);
    t.clock.set('2027-10-30T01:00:00Z'); // 24 days before the declaration ends
    expect(await t.services.declarations.runExpiry()).to.include({ reminded: 1 });
    expect(await t.services.declarations.runExpiry()).to.include({ reminded: 0 });
    const rows = await t.db.models.Delivery.findAll({ where: { topic: ['declaration_expiring', 'targeted'] }, order: [['id', 'ASC']], raw: true });
    expect(rows.map((r) => [r.class, r.title])).to.deep.equal([['transactional', '居住登记即将到期'], ['targeted', '续期指引']]);
    expect(rows[1].body).to.match(/^深圳市宝安区.+ 的申报将于 2027-11-23 到期，续期只需一步$/);
    expect(rows[1].dedupeKey).to.equal('renewal-2027-11-23');
  });
});
