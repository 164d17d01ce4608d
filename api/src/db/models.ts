// Every table's model, defined on one Sequelize instance (no module-level models: two databases can
// live in one process, as the tests on SQLite and MariaDB need).
import type { Sequelize } from 'sequelize';
import { defineAuthModels } from '../domains/auth';
import { defineGridModels } from '../domains/grid';
import { defineEventModels } from '../domains/events';
import { defineNoticeModels } from '../domains/notices';
import { definePhotoModel } from '../domains/photos';
import { defineOpen311Model } from '../domains/open311';
import { defineDeclarationModels } from '../domains/declarations';
import { defineFeeModels } from '../domains/fees';
import { defineTourismModels } from '../domains/tourism/model';
import { definePrivacyModels } from '../domains/privacy/model';
import { defineModerationModels } from '../domains/moderation/model';
import { defineIdempotencyModel } from '../http/idempotency';
import { defineLeaseModel } from '../scheduler/leases';
import { connect, dialectOf, type ConnectOptions, type Dialect } from './connection';
import { migrateUp } from './migrate';

export function defineModels(sequelize: Sequelize) {
  const grid = defineGridModels(sequelize);
  const auth = defineAuthModels(sequelize);
  return {
    ...grid, ...auth, ...defineEventModels(sequelize), ...defineNoticeModels(sequelize), Photo: definePhotoModel(sequelize), Open311Key: defineOpen311Model(sequelize),
    ...defineDeclarationModels(sequelize),
    ...defineFeeModels(sequelize),
    ...defineTourismModels(sequelize),
    ...definePrivacyModels(sequelize),
    ...defineModerationModels(sequelize),
    IdempotencyKey: defineIdempotencyModel(sequelize), Lease: defineLeaseModel(sequelize),
  };
}
export type Models = ReturnType<typeof defineModels>;

export interface Database { sequelize: Sequelize; models: Models; dialect: Dialect; close(): Promise<void> }

export async function openDatabase(url: string, options: ConnectOptions & { migrate?: boolean } = {}): Promise<Database> {
  const sequelize = await connect(url, options);
  if (options.migrate !== false) await migrateUp(sequelize);
  return { sequelize, models: defineModels(sequelize), dialect: dialectOf(url), close: () => sequelize.close() };
}
