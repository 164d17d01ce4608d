// Administrative regions (city → district → street → community) within the caller's scope.
import { request } from './client';

export interface Region {
  id: number;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
}

export function listRegions(signal?: AbortSignal): Promise<{ items: Region[] }> {
  return request<{ items: Region[] }>('/regions', { signal });
}

/** The level value of the regions that grids belong to (docs/api.md: city → district → street → community). */
export const COMMUNITY_LEVEL = 'community';

export interface RegionNode {
  key: number;
  value: number;
  title: string;
  children: RegionNode[];
}

/**
 * Nests the flat list by parentId. A region whose parent lies outside the caller's scope becomes a root,
 * so a street-level account still sees its street at the top.
 */
export function regionTree(regions: Region[]): RegionNode[] {
  const nodes = new Map<number, RegionNode>();
  for (const r of regions) nodes.set(r.id, { key: r.id, value: r.id, title: r.name, children: [] });
  const roots: RegionNode[] = [];
  for (const r of regions) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Community options labelled with their street, because community names repeat across a city. */
export function communityOptions(regions: Region[]): { value: number; label: string }[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  return regions
    .filter((r) => r.level === COMMUNITY_LEVEL)
    .map((r) => {
      const parent = r.parentId === null ? undefined : byId.get(r.parentId);
      return { value: r.id, label: parent ? `${r.name}（${parent.name}）` : r.name };
    });
}
