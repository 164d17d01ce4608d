// Creates a region below its parent and fills in its materialised path.
import type { Transaction } from 'sequelize';
import type { GridModels, RegionLevel } from '../../domains/grid';

export interface RegionRef { id: number; path: string }

export async function createRegion(Region: GridModels['Region'], code: string, name: string, level: RegionLevel, parent: RegionRef | null, transaction?: Transaction): Promise<RegionRef> {
  const row = await Region.create({ code, name, level, parentId: parent?.id ?? null, path: '/' }, { transaction });
  const id = row.get('id') as number;
  const path = `${parent?.path ?? '/'}${id}/`;
  await row.update({ path }, { transaction });
  return { id, path };
}
