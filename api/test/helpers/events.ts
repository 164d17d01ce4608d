// Factories for event tests: a report through the real multipart endpoint, and staff tokens by role.
import type { Test } from 'supertest';
import { DEMO_POINT_GCJ02 } from '../../src/db/seed/demo';
import type { TestApp } from './app';
import { noisyJpeg } from './photos';

export interface ReportOptions { category?: string; description?: string; lat?: number; lng?: number; coordSystem?: string; photos?: Buffer[]; key?: string; address?: string }

export function postReport(t: TestApp, token: string, o: ReportOptions = {}): Test {
  let req = t.http.post('/api/v1/reports').set('Authorization', `Bearer ${token}`);
  if (o.key) req = req.set('Idempotency-Key', o.key);
  req = req
    .field('category', o.category ?? 'road-damage')
    .field('description', o.description ?? '人行道地砖松动，老人容易绊倒')
    .field('lat', String(o.lat ?? DEMO_POINT_GCJ02.lat))
    .field('lng', String(o.lng ?? DEMO_POINT_GCJ02.lng));
  if (o.coordSystem) req = req.field('coordSystem', o.coordSystem);
  if (o.address) req = req.field('address', o.address);
  (o.photos ?? []).forEach((p, i) => { req = req.attach('photos', p, { filename: `photo-${i}.jpg`, contentType: 'image/jpeg' }); });
  return req;
}

export async function report(t: TestApp, token: string, o: ReportOptions = {}): Promise<{ code: string; body: Record<string, any> }> {
  const photos = o.photos ?? [await noisyJpeg({ seed: Math.floor(Math.random() * 1e9) })];
  const res = await postReport(t, token, { ...o, photos }).expect(201);
  return { code: res.body.code, body: res.body };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
