// Enumerations the server owns (unit types, roles, region levels) with their Chinese labels.
import { request } from './client';

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

export interface Meta {
  unitTypes: Option[];
  roles: Option[];
  regionLevels: Option[];
}

// The same for every caller and fixed for the life of a deployment, so one fetch per page load is enough.
let cached: Promise<Meta> | null = null;

export function getMeta(): Promise<Meta> {
  if (!cached) {
    cached = request<Meta>('/meta').catch((error: unknown) => {
      cached = null;
      throw error;
    });
  }
  return cached;
}
