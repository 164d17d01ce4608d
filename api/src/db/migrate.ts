// Migrations with umzug: the same files run on SQLite and MariaDB, at start and by `npm run migrate`.
import path from 'node:path';
import { Umzug, SequelizeStorage } from 'umzug';
import type { QueryInterface, Sequelize } from 'sequelize';

export interface MigrationContext { queryInterface: QueryInterface; sequelize: Sequelize }
export interface Migration {
  up(ctx: MigrationContext): Promise<void>;
  down(ctx: MigrationContext): Promise<void>;
}

export function migrator(sequelize: Sequelize): Umzug<MigrationContext> {
  return new Umzug<MigrationContext>({
    migrations: {
      glob: ['migrations/*.{ts,js}', { cwd: __dirname, ignore: ['**/*.d.ts'] }],
      // Names are stored without the extension so that a later switch to compiled .js reruns nothing.
      resolve: ({ name, path: file, context }) => {
        const load = (): Migration => require(file as string) as Migration;
        return {
          name: path.basename(name).replace(/\.(ts|js)$/, ''),
          up: async () => load().up(context),
          down: async () => load().down(context),
        };
      },
    },
    context: { queryInterface: sequelize.getQueryInterface(), sequelize },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

export async function migrateUp(sequelize: Sequelize): Promise<string[]> {
  const done = await migrator(sequelize).up();
  return done.map((m) => m.name);
}
