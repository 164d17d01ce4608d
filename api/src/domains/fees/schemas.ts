// Input and output shapes of the social-security fee endpoints.
import { z } from 'zod';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const fen = z.number().int().min(0).max(100_000_000);
export const Bind = z.object({ idNumber: z.string().trim().min(1).max(40), name: z.string().trim().min(1).max(64) }).strict().meta({ id: 'BindInsured' });
export const Binding = z.object({ idNumberMasked: z.string(), name: z.string(), boundAt: z.string().nullable() });
export const FeeQuery = z.object({ from: period, to: period });
export const Fees = z.object({
  payer: Binding,
  months: z.array(z.object({ period: z.string(), types: z.array(z.object({ type: z.string(), typeName: z.string(), dueFen: z.number(), paidFen: z.number(), status: z.string(), statusName: z.string() })) })),
  totals: z.object({ dueFen: z.number(), paidFen: z.number(), arrearsFen: z.number(), refundFen: z.number() }),
}).meta({ id: 'Fees' });
export const Payment = z.object({
  externalId: z.string().trim().min(1).max(64), idNumber: z.string().trim().min(1).max(40), period,
  insuranceType: z.enum(['pension', 'medical', 'unemployment', 'work_injury', 'maternity']),
  dueEmployerFen: fen.optional(), duePersonalFen: fen.optional(), paidEmployerFen: fen, paidPersonalFen: fen, reference: z.string().trim().max(64).nullable().optional(),
}).strict().meta({ id: 'FeePayment' });
export const Posted = z.object({ id: z.number(), source: z.string(), externalId: z.string(), replayed: z.boolean() });
export const CreateKey = z.object({ name: z.string().trim().min(2).max(64), source: z.enum(['tax', 'bureau', 'finance']) }).strict();
export const CreatedKey = z.object({ id: z.number(), keyId: z.string(), name: z.string(), source: z.string(), sourceName: z.string(), secret: z.string() });
export const KeyList = z.object({ items: z.array(z.object({ id: z.number(), keyId: z.string(), name: z.string(), source: z.string(), sourceName: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })) });
export const KeyId = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
export const Period = z.object({ period }).strict();
export const RunQuery = z.object({ period: period.optional() });
const SourceTotals = z.object({ rows: z.number(), amountFen: z.number() });
export const Run = z.object({
  id: z.number(), period: z.string(), status: z.string(), statusName: z.string(), sources: z.object({ tax: SourceTotals, bureau: SourceTotals, finance: SourceTotals }).partial(),
  keys: z.number(), matched: z.number(), discrepancies: z.number(), reconciledShare: z.number().nullable(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
}).meta({ id: 'ReconciliationRun' });
export const RunList = z.object({ items: z.array(Run) });
export const DiscrepancyQuery = z.object({
  period: period.optional(), kind: z.enum(['missing', 'amount_mismatch', 'duplicate']).optional(), status: z.enum(['open', 'closed']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const Discrepancy = z.object({
  id: z.number(), period: z.string(), payerMasked: z.string(), type: z.string(), typeName: z.string(), kind: z.string(), kindName: z.string(), missingIn: z.array(z.string()),
  amounts: z.record(z.string(), z.number().nullable()), status: z.string(), statusName: z.string(), note: z.string().nullable(), closedAt: z.string().nullable(),
}).meta({ id: 'FeeDiscrepancy' });
export const DiscrepancyPage = z.object({ items: z.array(Discrepancy), total: z.number(), page: z.number(), pageSize: z.number() });
export const Note = z.object({ note: z.string().trim().min(2, '请填写处理说明').max(500) }).strict();
export const CertificateRange = z.object({ from: period, to: period }).strict();
export const IssuedCertificate = z.object({ code: z.string(), from: z.string(), to: z.string(), payerMasked: z.string(), nameMasked: z.string(), totals: z.object({ dueFen: z.number(), paidFen: z.number() }), issuedAt: z.string(), verifyPath: z.string() });
export const CertificateCode = z.object({ code: z.string().regex(/^[A-Za-z0-9]{12}$/, '证明编码为 12 位字母数字') });
export const VerifiedCertificate = z.object({ valid: z.boolean(), payerMasked: z.string(), nameMasked: z.string(), from: z.string(), to: z.string(), totals: z.object({ dueFen: z.number(), paidFen: z.number() }), issuedAt: z.string() });
export const PayerQuery = z.object({ idNumber: z.string().trim().min(1).max(40), reason: z.string().trim().min(2, '请说明查询原因').max(120), from: period, to: period }).strict();
