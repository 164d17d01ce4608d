// HTTP endpoints of residents' data rights: the privacy guide, consent, the export of everything held, erasure.
import type { ApiRouter } from '../../http/route';
import * as S from './schemas';
import type { PrivacyService } from './service';

export function privacyRoutes(api: ApiRouter, privacy: PrivacyService): void {
  const tags = ['privacy'];
  api
    .route({ method: 'get', path: '/privacy/guide', summary: 'The privacy guide: what is collected, why, for how long, who sees it, how to withdraw', tags, response: S.Guide },
      async () => privacy.guide())
    .route({ method: 'get', path: '/me/consents', summary: 'Whether I agreed to the current privacy guide', tags, auth: 'bearer', response: S.ConsentState },
      async ({ actor }) => privacy.consents(actor))
    .route({ method: 'post', path: '/me/consents', summary: 'Agree to the current privacy guide', tags, auth: 'bearer', body: S.Agree, status: 201, response: S.Agreed, errors: { 409: '指引已更新' } },
      async ({ actor, body }) => privacy.agree(actor, body.version))
    .route({ method: 'delete', path: '/me/consents', summary: 'Withdraw my consent', tags, auth: 'bearer', status: 204 },
      async ({ actor }) => { await privacy.withdraw(actor); })
    .route({ method: 'get', path: '/me/data', summary: 'Everything held about me, identity numbers in full', tags, auth: 'bearer', response: S.MyData },
      async ({ actor }) => privacy.exportData(actor))
    .route({ method: 'delete', path: '/me', summary: 'Erase my account and personal data; my reports stay as anonymous case records', tags, auth: 'bearer', body: S.Erase, status: 204, errors: { 422: '请输入「注销」确认' } },
      async ({ actor, body }) => { await privacy.erase(actor, body.confirm); });
}
