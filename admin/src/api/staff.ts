// Staff accounts: who may sign in to the admin app, with which role, in which region and unit.
import { newIdempotencyKey, request, type Role } from './client';

export interface StaffMember {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleName: string;
  regionId: number;
  regionName: string;
  unitId: number | null;
  unitName: string | null;
  active: boolean;
}

export interface StaffQuery {
  role?: string;
  unitId?: number;
}

export interface NewStaffMember {
  username: string;
  displayName: string;
  password: string;
  role: string;
  regionId: number;
  unitId?: number;
}

export function listStaff(query: StaffQuery = {}, signal?: AbortSignal) {
  return request<{ items: StaffMember[]; total: number }>('/staff', { query: { ...query }, signal });
}

export function createStaffMember(
  input: NewStaffMember,
  idempotencyKey: string = newIdempotencyKey(),
): Promise<StaffMember> {
  return request<StaffMember>('/staff', { method: 'POST', body: input, idempotencyKey });
}
