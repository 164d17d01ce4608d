// Input and output shapes of the social-security fee endpoints.
import { z } from 'zod';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const fen = z.number().int().min(0).max(100_000_000);
export const Bind = z.object({ idNumber: z.string().trim().min(1).max(40), name: z.string().trim().min(1).max(64) }).strict().meta({ id: 'BindInsured' });
export const Binding = z.object({ idNumberMasked: z.string(), name: z.string(), boundAt: z.string() });
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
