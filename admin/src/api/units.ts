// Units: the departments events are dispatched to (城市管理, 水务, …).
import { newIdempotencyKey, request } from './client';

export interface Unit {
  id: number;
  code: string;
  name: string;
  type: string;
  typeName: string;
  regionId: number;
  regionName: string;
  phone: string | null;
}

export interface UnitQuery {
  type?: string;
  q?: string;
}

export interface NewUnit {
  code: string;
  name: string;
  type: string;
  regionId: number;
  phone?: string;
}

export function listUnits(query: UnitQuery = {}, signal?: AbortSignal) {
  return request<{ items: Unit[]; total: number }>('/units', { query: { ...query }, signal });
}

export function createUnit(input: NewUnit, idempotencyKey: string = newIdempotencyKey()): Promise<Unit> {
  return request<Unit>('/units', { method: 'POST', body: input, idempotencyKey });
}
