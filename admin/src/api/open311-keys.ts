// Open311 keys: credentials for outside systems (a city's 12345 hotline, say) that file service requests
// through the Open311 GeoReport interface. The secret itself is returned once, at creation.
import { newIdempotencyKey, request } from './client';

export interface Open311Key {
  id: number;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewOpen311Key {
  id: number;
  name: string;
  key: string;
}

export function listOpen311Keys(signal?: AbortSignal) {
  return request<{ items: Open311Key[] }>('/open311-keys', { signal });
}

export function createOpen311Key(
  name: string,
  idempotencyKey: string = newIdempotencyKey(),
): Promise<NewOpen311Key> {
  return request<NewOpen311Key>('/open311-keys', { method: 'POST', body: { name }, idempotencyKey });
}

export function revokeOpen311Key(id: number): Promise<void> {
  return request<void>(`/open311-keys/${id}/revoke`, { method: 'POST' });
}
