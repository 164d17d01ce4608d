// Shapes of the privacy endpoints (zod), shared by the routes and the OpenAPI document.
import { z } from 'zod';

export const Guide = z.object({
  version: z.string(), effectiveOn: z.string(), controller: z.string(),
  items: z.array(z.object({ key: z.string(), item: z.string(), purpose: z.string(), retention: z.string(), visibleTo: z.string(), withdraw: z.string(), usedBy: z.array(z.string()) })),
}).meta({ id: 'PrivacyGuide' });
export const ConsentState = z.object({ currentVersion: z.string(), agreed: z.object({ version: z.string(), agreedAt: z.string() }).nullable(), needsConsent: z.boolean() }).meta({ id: 'ConsentState' });
export const Agree = z.object({ version: z.string().min(1).max(16) }).strict();
export const Agreed = z.object({ version: z.string(), agreedAt: z.string() });
export const Erase = z.object({ confirm: z.string().max(16) }).strict();
export const MyData = z.object({
  exportedAt: z.string(), profile: z.record(z.string(), z.unknown()), consents: z.array(z.unknown()), declarations: z.array(z.unknown()), reports: z.array(z.unknown()),
  complaints: z.array(z.unknown()), helpCalls: z.array(z.unknown()), fees: z.record(z.string(), z.unknown()), notices: z.record(z.string(), z.unknown()), houses: z.array(z.unknown()),
}).meta({ id: 'MyData' });
