// Sign-in use cases: residents through WeChat's code2Session, staff with a password; sessions with
// rotating refresh tokens. Authorisation of everything else happens in the other domains' services.
import { Op, UniqueConstraintError } from 'sequelize';
import type { Actor, StaffActor } from '../../actor';
import type { Clock } from '../../clock';
import { Forbidden, Invalid, NotFound, RateLimited, Unauthenticated, UpstreamUnavailable } from '../../errors';
import { WechatApiError, WechatUnreachable, type WechatClient } from '../../integrations/wechat/client';
import type { GridService, StaffSummary } from '../grid';
import type { AuthModels, SubjectKind } from './model';
import { accessTokenVerifier, hashRefreshToken, newRefreshToken, signAccessToken, TokenError, tokenKeyObject } from './tokens';

export interface AuthServiceDeps {
  models: AuthModels;
  clock: Clock;
  wechat: WechatClient;
  grid: GridService;
  tokenKey: Buffer;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  devSignIn: boolean;
}

type StaffUser = { kind: 'staff'; id: number; username: string; displayName: string; role: string; roleName: string; regionId: number; unitId: number | null };
type ResidentUser = { kind: 'resident'; id: number; nickname: string | null; phone?: string | null };
export interface SessionGrant {
  accessToken: string; tokenType: 'Bearer'; expiresAt: string; expiresIn: number; refreshToken: string; refreshExpiresAt: string; refreshExpiresIn: number;
  user: StaffUser | ResidentUser;
}

const staffUser = (s: StaffSummary): StaffUser => ({ kind: 'staff', id: s.id, username: s.username, displayName: s.displayName, role: s.role, roleName: s.roleName, regionId: s.regionId, unitId: s.unitId });
const staffActor = (s: StaffSummary): StaffActor => ({ kind: 'staff', id: s.id, role: s.role, regionId: s.regionId, regionPath: s.regionPath, unitId: s.unitId });

/** WeChat's errcodes as the resident should understand them. */
function wechatFailure(err: unknown): Error {
  if (err instanceof WechatApiError) {
    switch (err.errcode) {
      case 40029: case 40163: return new Unauthenticated('微信登录凭证无效或已过期，请重新登录');
      case 45011: return new RateLimited('登录过于频繁，请稍后再试');
      case 40226: return new Forbidden('微信判定该账号存在风险，暂不能登录');
      default: return new UpstreamUnavailable(`微信服务暂时不可用（错误码 ${err.errcode}），请稍后再试`);
    }
  }
  if (err instanceof WechatUnreachable) return new UpstreamUnavailable('暂时无法连接微信服务，请稍后再试');
  return err as Error;
}

export function createAuthService(deps: AuthServiceDeps) {
  const { Person, Session } = deps.models;
  const tokenKey = tokenKeyObject(deps.tokenKey);
  const verifyAccessToken = accessTokenVerifier(tokenKey);
  /** Residents who erased their account while this instance was running. */
  const erased = new Set<number>();

  async function openSession(kind: SubjectKind, actor: Exclude<Actor, { kind: 'anonymous' }>, user: StaffUser | ResidentUser): Promise<SessionGrant> {
    const now = deps.clock.now();
    const refresh = newRefreshToken();
    const refreshExpiresAt = new Date(now.getTime() + deps.refreshTokenTtlDays * 86400_000);
    const session = await Session.create({ tokenHash: refresh.hash, subjectKind: kind, subjectId: actor.id, expiresAt: refreshExpiresAt });
    const access = signAccessToken(actor, session.get('id'), tokenKey, now, deps.accessTokenTtlSeconds);
    // expiresIn: clients count from when they received the token, so a phone whose clock is off still refreshes on time.
    return {
      accessToken: access.token, tokenType: 'Bearer', expiresAt: access.expiresAt.toISOString(), expiresIn: Math.round((access.expiresAt.getTime() - now.getTime()) / 1000),
      refreshToken: refresh.token, refreshExpiresAt: refreshExpiresAt.toISOString(), refreshExpiresIn: deps.refreshTokenTtlDays * 86400, user,
    };
  }

  async function upsertPerson(openid: string, unionid: string | undefined) {
    const now = deps.clock.now();
    const existing = await Person.findOne({ where: { openid }, raw: true });
    if (existing) {
      await Person.update({ lastSignInAt: now, ...(unionid ? { unionid } : {}) }, { where: { id: existing.id } });
      return existing;
    }
    try {
      return (await Person.create({ openid, unionid: unionid ?? null, lastSignInAt: now })).get({ plain: true });
    } catch (err) {
      // Two sign-ins of a new person at once: the other one created the row.
      if (err instanceof UniqueConstraintError) return (await Person.findOne({ where: { openid }, raw: true }))!;
      throw err;
    }
  }

  return {
    async signInWithWechat(code: string): Promise<SessionGrant> {
      let session;
      try {
        session = await deps.wechat.code2Session(code);
      } catch (err) {
        throw wechatFailure(err);
      }
      const person = await upsertPerson(session.openid, session.unionid);
      return openSession('resident', { kind: 'resident', id: person.id }, { kind: 'resident', id: person.id, nickname: person.nickname });
    },

    async devLoginCode(name: string): Promise<{ code: string }> {
      if (!deps.devSignIn) throw new NotFound('生产环境不提供演示登录');
      try {
        return { code: await deps.wechat.devLoginCode(name) };
      } catch (err) {
        throw wechatFailure(err);
      }
    },

    async devPhoneCode(phone: string): Promise<{ code: string }> {
      if (!deps.devSignIn) throw new NotFound('生产环境不提供演示手机号');
      try {
        return { code: await deps.wechat.devPhoneCode(phone) };
      } catch (err) {
        throw wechatFailure(err);
      }
    },

    /** Keeps WeChat's verified mobile number on the resident's account (prefill; a landlord's houses are matched by it). */
    async verifyPhone(actor: Actor, code: string): Promise<{ phone: string }> {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      if (actor.kind !== 'resident') throw new Forbidden('只有居民账号可以验证手机号');
      let phone: string;
      try {
        phone = await deps.wechat.phoneNumber(code);
      } catch (err) {
        if (err instanceof WechatApiError && err.errcode === 40029) throw new Invalid('手机号授权已失效，请重新点击获取', [{ field: 'code', message: '授权码无效或已使用' }]);
        throw wechatFailure(err);
      }
      await Person.update({ phone }, { where: { id: actor.id } });
      return { phone };
    },

    async signInStaff(username: string, password: string): Promise<SessionGrant> {
      const staff = await deps.grid.authenticateStaff(username, password);
      return openSession('staff', staffActor(staff), staffUser(staff));
    },

    /** Rotates a refresh token. A token used twice means it leaked: every session of its owner ends. */
    async refresh(refreshToken: string): Promise<SessionGrant> {
      const now = deps.clock.now();
      const row = await Session.findOne({ where: { tokenHash: hashRefreshToken(refreshToken) }, raw: true });
      if (!row || new Date(row.expiresAt) <= now) throw new Unauthenticated('登录已过期，请重新登录');
      const [taken] = await Session.update({ revokedAt: now }, { where: { id: row.id, revokedAt: null } });
      if (taken !== 1) {
        await Session.update({ revokedAt: now }, { where: { subjectKind: row.subjectKind, subjectId: row.subjectId, revokedAt: null } });
        throw new Unauthenticated('登录凭证已被使用过，为安全起见请重新登录');
      }
      if (row.subjectKind === 'staff') {
        const staff = await deps.grid.staffById(row.subjectId);
        if (!staff || !staff.active) throw new Unauthenticated('该账号已停用，请联系管理员');
        return openSession('staff', staffActor(staff), staffUser(staff));
      }
      const person = await Person.findByPk(row.subjectId, { raw: true });
      if (!person) throw new Unauthenticated('账号不存在，请重新登录');
      return openSession('resident', { kind: 'resident', id: person.id }, { kind: 'resident', id: person.id, nickname: person.nickname });
    },

    async signOut(refreshToken: string): Promise<void> {
      await Session.update({ revokedAt: deps.clock.now() }, { where: { tokenHash: hashRefreshToken(refreshToken), revokedAt: { [Op.is]: null } } });
    },

    /** The actor behind an access token; an expired or forged token is Unauthenticated. */
    authenticate(accessToken: string): Actor {
      try {
        const actor = verifyAccessToken(accessToken, deps.clock.now());
        // An erased account's access tokens are refused at once on this instance (elsewhere they end within their 15 minutes).
        if (actor.kind === 'resident' && erased.has(actor.id)) throw new Unauthenticated('账号已注销');
        return actor;
      } catch (err) {
        if (err instanceof TokenError) throw new Unauthenticated(err.reason === 'expired' ? '登录已过期，请刷新或重新登录' : '登录凭证无效');
        throw err;
      }
    },

    /** Called when a resident erased their account. */
    forgetResident(personId: number): void { erased.add(personId); },

    async me(actor: Actor): Promise<StaffUser | ResidentUser> {
      if (actor.kind === 'anonymous') throw new Unauthenticated('请先登录');
      if (actor.kind === 'staff') {
        const staff = await deps.grid.staffById(actor.id);
        if (!staff) throw new Unauthenticated('账号不存在');
        return staffUser(staff);
      }
      const person = await Person.findByPk(actor.id, { raw: true });
      if (!person) throw new Unauthenticated('账号不存在');
      return { kind: 'resident', id: person.id, nickname: person.nickname, phone: person.phone ? `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}` : null };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
