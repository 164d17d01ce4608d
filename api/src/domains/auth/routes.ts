// Sign-in endpoints.
import type { ApiRouter } from '../../http/route';
import * as S from './schemas';
import type { AuthService } from './service';

/** `landlordHouses`: how many houses the account is landlord of, once its phone is known (the declarations domain answers). */
export function authRoutes(api: ApiRouter, service: AuthService, deps: { landlordHouses(personId: number): Promise<number> }): void {
  const tags = ['sign-in'];
  api
    .route({ method: 'post', path: '/auth/wechat', summary: 'Sign in with a mini-program login code (code2Session)', tags, body: S.WechatSignIn, response: S.SessionGrant, errors: { 401: '登录凭证无效', 503: '微信服务不可用' } },
      async ({ body }) => service.signInWithWechat(body.code))
    .route({ method: 'get', path: '/auth/dev-code', summary: 'Demo only: a dev: login code from the WeChat stand-in (404 in production)', tags, query: S.DevCodeQuery, errors: { 404: '生产环境不提供' } },
      async ({ query }) => service.devLoginCode(query.name))
    .route({ method: 'post', path: '/auth/staff', summary: 'Staff sign-in with username and password', tags, body: S.StaffSignIn, response: S.SessionGrant, errors: { 401: '用户名或密码错误', 429: '失败次数过多' } },
      async ({ body }) => service.signInStaff(body.username, body.password))
    .route({ method: 'post', path: '/auth/refresh', summary: 'Rotate a refresh token', tags, body: S.RefreshRequest, response: S.SessionGrant, errors: { 401: '登录已过期' } },
      async ({ body }) => service.refresh(body.refreshToken))
    .route({ method: 'post', path: '/auth/logout', summary: 'End a session', tags, body: S.RefreshRequest, status: 204 },
      async ({ body }) => { await service.signOut(body.refreshToken); })
    .route({ method: 'get', path: '/me', summary: 'The signed-in account', tags, auth: 'bearer', response: S.User },
      async ({ actor }) => service.me(actor))
    .route({ method: 'post', path: '/me/phone', summary: 'Keep the mobile number WeChat verified (getPhoneNumber code) on the resident\'s account', tags, auth: 'bearer', body: S.PhoneGrant, response: S.VerifiedPhone, errors: { 403: '只面向居民账号', 503: '微信服务不可用' } },
      async ({ actor, body }) => {
        const { phone } = await service.verifyPhone(actor, body.code);
        return { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, landlordHouses: await deps.landlordHouses(actor.kind === 'resident' ? actor.id : 0) };
      })
    .route({ method: 'get', path: '/auth/dev-phone-code', summary: 'Demo only: a getPhoneNumber code from the WeChat stand-in (404 in production)', tags, query: S.DevPhoneQuery, errors: { 404: '生产环境不提供' } },
      async ({ query }) => service.devPhoneCode(query.phone));
}
