import { expect } from 'chai';
import { connect } from '../../src/db/connection';
import { migrator } from '../../src/db/migrate';
import { freshDatabase } from '../helpers/app';

describe('migrations', () => {
  it('run up, down and up again on this database, recording names without extensions', async () => {
    const database = await freshDatabase();
    const sequelize = await connect(database.url);
    try {
      const umzug = migrator(sequelize);
      const applied = await umzug.up();
      expect(applied.map((m) => m.name)).to.include('20261123-0001-foundation');
      const tables = (await sequelize.getQueryInterface().showAllTables()).map((x) => (typeof x === 'string' ? x : (x as { tableName: string }).tableName));
      expect(tables).to.include.members(['regions', 'grids', 'units', 'staff', 'people', 'sessions', 'idempotency_keys', 'leases', 'schema_migrations']);
      expect(await umzug.up()).to.have.length(0);
      await umzug.down({ to: 0 });
      const after = (await sequelize.getQueryInterface().showAllTables()).map((x) => (typeof x === 'string' ? x : (x as { tableName: string }).tableName));
      expect(after).not.to.include('grids');
      await umzug.up();
      const [rows] = await sequelize.query('SELECT name FROM schema_migrations');
      expect((rows as { name: string }[]).every((r) => !/\.(ts|js)$/.test(r.name))).to.equal(true);
    } finally {
      await sequelize.close();
      await database.drop();
    }
  });
});
