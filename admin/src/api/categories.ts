// Event categories: what a report is about (道路破损, 井盖缺失, …), how urgent it is, which type of unit
// handles it and how long that unit has.
import { newIdempotencyKey, request } from './client';

export interface Category {
  code: string;
  name: string;
  level: number;
  levelName: string;
  unitType: string;
  unitTypeName: string;
  responseHours: number;
  resolutionHours: number;
  autoDispatch: boolean;
  active: boolean;
}

/** PUT /categories/{code} takes everything but the code, which names the category for good. */
export type CategoryChanges = Omit<Category, 'code' | 'levelName' | 'unitTypeName'>;
export type NewCategory = CategoryChanges & { code: string };

/** Active categories by default (what residents can pick); the editor asks for the inactive ones too. */
export function listCategories(signal?: AbortSignal, options: { includeInactive?: boolean } = {}) {
  return request<{ items: Category[] }>(options.includeInactive ? '/categories?includeInactive=true' : '/categories', { signal });
}

export function createCategory(
  input: NewCategory,
  idempotencyKey: string = newIdempotencyKey(),
): Promise<Category> {
  return request<Category>('/categories', { method: 'POST', body: input, idempotencyKey });
}

export function updateCategory(code: string, changes: CategoryChanges): Promise<Category> {
  return request<Category>(`/categories/${encodeURIComponent(code)}`, { method: 'PUT', body: changes });
}
