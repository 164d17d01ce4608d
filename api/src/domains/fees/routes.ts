// HTTP endpoints of social-security fees: binding and the insured person's fees, signed real-time posting
// by department systems (no bearer token: an API key and an HMAC signature over the raw body), key management.
import { JsonText, type ApiRouter } from '../../http/route';
import * as S from './schemas';
import type { FeeService } from './service';
import type { ReconciliationService } from './reconciliation';

export function feeRoutes(api: ApiRouter, fees: FeeService, reconciliation: ReconciliationService): void {
  const tags = ['social-security fees'];
  api
    .route({ method: 'post', path: '/me/insured', summary: 'Bind the account to an insured person (identity number + name, checked against the population base)', tags, auth: 'bearer', body: S.Bind, response: S.Binding, errors: { 409: '已绑定其他参保人' } },
      async ({ actor, body }) => fees.bind(actor, body))
    .route({ method: 'get', path: '/me/insured', summary: 'The insured person this account is bound to', tags, auth: 'bearer', response: S.Binding, errors: { 404: '尚未绑定' } },
      async ({ actor }) => fees.binding(actor))
    .route({ method: 'get', path: '/me/fees', summary: 'My social-security fees month by month: due, paid, status, totals', tags, auth: 'bearer', query: S.FeeQuery, response: S.Fees, errors: { 404: '尚未绑定' } },
      async ({ actor, query }) => new JsonText(await fees.myFeesJson(actor, query)))
    .route({ method: 'post', path: '/fees/payments', summary: 'A department system posts a ledger row (headers X-Weave-Key, X-Weave-Timestamp, X-Weave-Signature = HMAC-SHA-256 of "timestamp.body")', tags, body: S.Payment, status: 201, response: S.Posted, errors: { 401: '密钥或签名无效、过期或重放', 409: '同一编号内容不同' } },
      async ({ body, ctx }) => {
        const posted = await fees.postPayment({ key: ctx.get('X-Weave-Key') || undefined, timestamp: ctx.get('X-Weave-Timestamp') || undefined, signature: ctx.get('X-Weave-Signature') || undefined },
          (ctx.request as unknown as { rawBody?: string }).rawBody ?? '', body);
        if (posted.replayed) ctx.set('Idempotent-Replayed', 'true');
        return posted;
      })
    .route({ method: 'get', path: '/fee-keys', summary: 'API keys of department systems (admin)', tags, auth: 'bearer', response: S.KeyList, errors: { 403: '没有权限' } },
      async ({ actor }) => fees.listKeys(actor))
    .route({ method: 'post', path: '/fee-keys', summary: 'Issue an API key for a department system; the secret is shown once (admin)', tags, auth: 'bearer', body: S.CreateKey, status: 201, response: S.CreatedKey, errors: { 403: '没有权限' } },
      async ({ actor, body }) => fees.createKey(actor, body))
    .route({ method: 'post', path: '/fee-keys/:id/revoke', summary: 'Revoke an API key (admin)', tags, auth: 'bearer', params: S.KeyId, status: 204, errors: { 403: '没有权限', 404: '没有这个密钥' } },
      async ({ actor, params }) => { await fees.revokeKey(actor, params.id); })
    .route({ method: 'post', path: '/fees/payers', summary: 'Staff look up a payer by identity number, with a reason (every look-up is logged)', tags, auth: 'bearer', body: S.PayerQuery, response: S.Fees, errors: { 403: '没有权限' } },
      async ({ actor, body, ctx }) => fees.payerFees(actor, body, ctx.state.requestId ?? null))
    .route({ method: 'post', path: '/me/fees/certificate', summary: 'Issue a payment certificate for a range of months, with a verification code', tags, auth: 'bearer', body: S.CertificateRange, status: 201, response: S.IssuedCertificate, errors: { 404: '尚未绑定' } },
      async ({ actor, body }) => fees.issueCertificate(actor, body))
    .route({ method: 'get', path: '/fees/certificates/:code', summary: 'Public check of a payment certificate (masked)', tags, params: S.CertificateCode, response: S.VerifiedCertificate, errors: { 404: '没有这个证明' } },
      async ({ params }) => fees.verifyCertificate(params.code))
    .route({ method: 'post', path: '/fees/reconciliations', summary: 'Reconcile a period\'s three ledgers now (runs in the background)', tags, auth: 'bearer', body: S.Period, status: 202, response: S.Run, errors: { 403: '没有权限', 409: '正在对账' } },
      async ({ actor, body }) => reconciliation.start(actor, body.period))
    .route({ method: 'get', path: '/fees/reconciliations', summary: 'Reconciliation runs', tags, auth: 'bearer', query: S.RunQuery, response: S.RunList },
      async ({ actor, query }) => reconciliation.runs(actor, query.period))
    .route({ method: 'get', path: '/fees/discrepancies', summary: 'Discrepancies between the ledgers', tags, auth: 'bearer', query: S.DiscrepancyQuery, response: S.DiscrepancyPage },
      async ({ actor, query }) => reconciliation.discrepancies(actor, query))
    .route({ method: 'post', path: '/fees/discrepancies/:id/note', summary: 'Annotate a discrepancy', tags, auth: 'bearer', params: S.KeyId, body: S.Note, response: S.Discrepancy, errors: { 404: '没有这条差异' } },
      async ({ actor, params, body }) => reconciliation.annotate(actor, params.id, body.note, false))
    .route({ method: 'post', path: '/fees/discrepancies/:id/close', summary: 'Close a discrepancy with a note', tags, auth: 'bearer', params: S.KeyId, body: S.Note, response: S.Discrepancy, errors: { 404: '没有这条差异', 409: '已关闭' } },
      async ({ actor, params, body }) => reconciliation.annotate(actor, params.id, body.note, true));
}
