// Residents' rights over their data: the privacy guide and consent records, everything held about a
// resident as one export, and erasure. Erasure blanks every personal field and ends sessions; the events
// they reported stay as case records pointing at a pseudonym (the people row, emptied), and evidence
// chains still verify because evidence commits to personal fields only through the person's key, which
// erasure destroys (see personal-fields.ts).
import crypto from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import type { Actor } from '../../actor';
import type { Clock } from '../../clock';
import type { Models } from '../../db/models';
import { plainSelect } from '../../db/plain-select';
import { Conflict, Forbidden, Invalid, Unauthenticated } from '../../errors';
import { withoutPersonalValues } from '../../personal-fields';
import type { PiiCipher } from '../declarations';
import { GUIDE_VERSION, PRIVACY_GUIDE } from './guide';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const ERASED = '（已注销）';

export function createPrivacyService(deps: { sequelize: Sequelize; models: Models; clock: Clock; pii: PiiCipher; onErased?: (personId: number) => void }) {
  const { sequelize, models, clock, pii } = deps;
  const { Consent, PersonKey, Person } = models;

  function residentOf(actor: Actor): number {
    if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
    if (actor.kind !== 'resident') throw new Forbidden('仅居民账号可用');
    return actor.id;
  }

  async function consents(personId: number) {
    const latest = await Consent.findOne({ where: { personId }, order: [['id', 'DESC']], raw: true });
    const agreed = latest && !latest.withdrawnAt ? { version: latest.version, agreedAt: iso(latest.agreedAt)! } : null;
    return { currentVersion: GUIDE_VERSION, agreed, needsConsent: !agreed || agreed.version !== GUIDE_VERSION };
  }

  return {
    guide: () => PRIVACY_GUIDE,
    consents: (actor: Actor) => consents(residentOf(actor)),
    async agree(actor: Actor, version: string) {
      const personId = residentOf(actor);
      if (version !== GUIDE_VERSION) throw new Conflict('隐私保护指引已更新，请阅读新版本后再同意', [{ field: 'version', message: `当前版本为 ${GUIDE_VERSION}` }]);
      const row = await Consent.create({ personId, version, agreedAt: clock.now() });
      return { version: row.version, agreedAt: iso(row.agreedAt)! };
    },
    async withdraw(actor: Actor) {
      const personId = residentOf(actor);
      await Consent.update({ withdrawnAt: clock.now() }, { where: { personId, withdrawnAt: null } });
    },

    /** The person's key for sealing personal fields in evidence; made on first use, never after erasure. */
    async keyFor(personId: number, transaction?: Transaction): Promise<Buffer> {
      let row = await PersonKey.findByPk(personId, { raw: true, transaction });
      if (!row) {
        await PersonKey.findOrCreate({ where: { personId }, defaults: { personId, keyCipher: pii.encrypt(crypto.randomBytes(32).toString('hex')), createdAt: clock.now() }, transaction });
        row = (await PersonKey.findByPk(personId, { raw: true, transaction }))!;
      }
      if (!row.keyCipher) throw new Conflict('该账号已注销');
      return Buffer.from(pii.decrypt(row.keyCipher), 'hex');
    },

    /**
     * keyFor for a group of people in one read (a group of declarations): the keys of those who have one,
     * made in one INSERT for those who do not yet, and null for an erased person (their call is refused).
     * Without a transaction a key made here stays even if the caller's own work then fails, as a key made on
     * first use would: it seals nothing until used.
     */
    async keysFor(personIds: number[], transaction?: Transaction): Promise<Map<number, Buffer | null>> {
      const ids = [...new Set(personIds)];
      // Outside a transaction (a declaration group's reads) one plain statement, as the group's other reads.
      const read = () => (transaction || !ids.length ? PersonKey.findAll({ where: { personId: ids }, raw: true, transaction })
        : plainSelect<{ personId: number; keyCipher: string | null }>(sequelize, `SELECT person_id AS personId, key_cipher AS keyCipher FROM person_keys WHERE person_id IN (${ids.map(() => '?').join(', ')})`, ids));
      let rows = await read();
      const have = new Set(rows.map((r) => r.personId));
      const missing = ids.filter((id) => !have.has(id));
      if (missing.length) {
        // Another request may make the same key meanwhile: the first one made stays (INSERT IGNORE), then all are read.
        await PersonKey.bulkCreate(missing.map((personId) => ({ personId, keyCipher: pii.encrypt(crypto.randomBytes(32).toString('hex')), createdAt: clock.now() })), { transaction, ignoreDuplicates: true });
        rows = await read();
      }
      return new Map(rows.map((r) => [r.personId, r.keyCipher ? Buffer.from(pii.decrypt(r.keyCipher), 'hex') : null]));
    },

    /** Everything held about the signed-in resident, identity numbers in full (they are the owner's). */
    async exportData(actor: Actor) {
      const personId = residentOf(actor);
      const person = (await Person.findByPk(personId, { raw: true }))!;
      const [consentRows, declarations, events, binding, certificates, inbox, topics, houses] = await Promise.all([
        Consent.findAll({ where: { personId }, order: [['id', 'ASC']], raw: true }),
        models.Declaration.findAll({ where: { personId }, order: [['id', 'ASC']], raw: true }),
        models.Event.findAll({ where: { reporterId: personId }, order: [['id', 'ASC']], raw: true }),
        models.InsuredBinding.findOne({ where: { personId }, raw: true }),
        models.Certificate.findAll({ where: { personId }, order: [['id', 'ASC']], raw: true }),
        models.InboxMessage.findAll({ where: { personId }, order: [['id', 'ASC']], raw: true }),
        models.TopicSubscription.findAll({ where: { personId }, raw: true }),
        models.House.findAll({ where: { landlordPersonId: personId }, attributes: ['code', 'address'], raw: true }),
      ]);
      const houseOf = new Map((await models.House.findAll({ where: { id: [...new Set(declarations.map((d) => d.houseId))] }, attributes: ['id', 'code', 'address'], raw: true })).map((h) => [h.id, h]));
      const categories = new Map((await models.Category.findAll({ attributes: ['id', 'name'], raw: true })).map((c) => [c.id, c.name]));
      const eventIds = events.map((e) => e.id);
      const [complaints, calls] = await Promise.all([
        models.TouristComplaint.findAll({ where: { eventId: eventIds }, raw: true }), models.HelpCall.findAll({ where: { eventId: eventIds }, raw: true }),
      ]);
      const places = new Map((await models.Place.findAll({ where: { id: complaints.map((c) => c.placeId).filter((x): x is number => x !== null) }, attributes: ['id', 'name'], raw: true })).map((p) => [p.id, p.name]));
      const eventById = new Map(events.map((e) => [e.id, e]));
      return {
        exportedAt: iso(clock.now()),
        profile: { id: person.id, nickname: person.nickname, phone: person.phone, createdAt: iso(person.createdAt), lastSignInAt: iso(person.lastSignInAt) },
        consents: consentRows.map((c) => ({ version: c.version, agreedAt: iso(c.agreedAt), withdrawnAt: iso(c.withdrawnAt) })),
        declarations: declarations.map((d) => ({
          houseCode: houseOf.get(d.houseId)?.code ?? null, address: houseOf.get(d.houseId)?.address ?? null, name: d.name, idNumber: d.idCipher ? pii.decrypt(d.idCipher) : null,
          sex: d.sex, birthDate: String(d.birthDate).slice(0, 10), phone: d.phone, moveInDate: String(d.moveInDate).slice(0, 10), moveOutDate: d.moveOutDate ? String(d.moveOutDate).slice(0, 10) : null,
          status: d.status, validUntil: String(d.validUntil).slice(0, 10), createdAt: iso(d.createdAt),
        })),
        reports: events.map((e) => ({ code: e.code, source: e.source, category: categories.get(e.categoryId) ?? null, description: e.description, address: e.address, status: e.status, createdAt: iso(e.createdAt), closedAt: iso(e.closedAt), rating: e.rating, ratingComment: e.ratingComment })),
        complaints: complaints.map((c) => ({ code: eventById.get(c.eventId)?.code ?? null, category: c.category, place: c.placeId ? places.get(c.placeId) ?? null : null, description: eventById.get(c.eventId)?.description ?? null, phone: c.phone, createdAt: iso(c.createdAt) })),
        helpCalls: calls.map((c) => ({ code: eventById.get(c.eventId)?.code ?? null, type: c.type, phone: c.phone, text: c.text, createdAt: iso(c.createdAt) })),
        fees: {
          binding: binding ? { name: binding.name, idNumber: pii.decrypt(binding.idCipher), boundAt: iso(binding.boundAt) } : null,
          certificates: certificates.map((c) => ({ code: c.code, periodFrom: c.periodFrom, periodTo: c.periodTo, issuedAt: iso(c.issuedAt) })),
        },
        notices: { inbox: inbox.map((m) => ({ title: m.title, body: m.body, createdAt: iso(m.createdAt), readAt: iso(m.readAt) })), topics: topics.map((t) => t.topic) },
        houses,
      };
    },

    /**
     * Erases the resident: every personal field blanked or deleted in one transaction, sessions ended, the key
     * destroyed. What stays: the people row as an empty pseudonym, the events (case records) and evidence.
     * The population base is the city's register, imported by staff; it is not the resident's to erase here.
     */
    async erase(actor: Actor, confirm: string) {
      const personId = residentOf(actor);
      if (confirm !== '注销') throw new Invalid('请输入「注销」确认', [{ field: 'confirm', message: '请输入「注销」两个字以确认注销账号' }]);
      const now = clock.now();
      await sequelize.transaction(async (transaction) => {
        const t = { transaction };
        const declarations = await models.Declaration.findAll({ where: { personId }, attributes: ['id'], raw: true, ...t });
        const ids = declarations.map((d) => d.id);
        for (const step of await models.DeclarationStep.findAll({ where: { declarationId: ids }, raw: true, ...t })) {
          const payload = typeof step.payload === 'string' ? JSON.parse(step.payload) : step.payload;
          const blanked = withoutPersonalValues(payload);
          if (JSON.stringify(blanked) !== JSON.stringify(payload)) await models.DeclarationStep.update({ payload: blanked }, { where: { id: step.id }, ...t });
        }
        if (ids.length) {
          await models.Declaration.update({ name: ERASED, idCipher: '', idMasked: ERASED, idHash: crypto.randomBytes(32).toString('hex'), phone: null, birthDate: '1900-01-01' }, { where: { id: ids }, ...t, silent: true });
        }
        const events = (await models.Event.findAll({ where: { reporterId: personId }, attributes: ['id'], raw: true, ...t })).map((e) => e.id);
        if (events.length) {
          await models.TouristComplaint.update({ phone: null }, { where: { eventId: events }, ...t });
          await models.HelpCall.update({ phone: '' }, { where: { eventId: events }, ...t });
        }
        await models.House.update({ landlordPersonId: null, landlordName: null, landlordPhone: null }, { where: { landlordPersonId: personId }, ...t });
        await models.InsuredBinding.destroy({ where: { personId }, ...t });
        await models.Certificate.destroy({ where: { personId }, ...t });
        await models.InboxMessage.destroy({ where: { personId }, ...t });
        await models.TopicSubscription.destroy({ where: { personId }, ...t });
        await models.SubscribeQuota.destroy({ where: { personId }, ...t });
        await models.ResidentFact.destroy({ where: { personId }, ...t });
        await models.Delivery.update({ state: 'expired', reason: 'erased' }, { where: { personId, state: ['pending', 'held', 'capped'] }, ...t });
        // No more progress messages to an account that no longer exists.
        await models.Follower.destroy({ where: { personId }, ...t });
        await models.IdempotencyKey.destroy({ where: { scope: `resident:${personId}` }, ...t });
        await models.Session.update({ revokedAt: now }, { where: { subjectKind: 'resident', subjectId: personId, revokedAt: null }, ...t });
        await PersonKey.upsert({ personId, keyCipher: null, createdAt: now, destroyedAt: now }, t);
        await Person.update({ openid: `erased:${personId}:${crypto.randomBytes(8).toString('hex')}`, unionid: null, nickname: null, phone: null, erasedAt: now }, { where: { id: personId }, ...t });
      });
      deps.onErased?.(personId);
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
