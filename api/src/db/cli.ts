// `npm run migrate` and `npm run seed [-- --scale city]` against DATABASE_URL (default the embedded SQLite).
import { loadConfig } from '../config';
import { connect } from './connection';
import { migrateUp } from './migrate';
import { openDatabase } from './models';
import { seedCity, seedCityEvents } from './seed/city';
import { seedDemo } from './seed/demo';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  if (command === 'migrate') {
    const sequelize = await connect(config.databaseUrl);
    const done = await migrateUp(sequelize);
    console.log(done.length ? `Applied: ${done.join(', ')}` : 'Database is up to date.');
    await sequelize.close();
    return;
  }
  if (command === 'seed') {
    const scaleAt = args.indexOf('--scale');
    const scale = scaleAt >= 0 ? args[scaleAt + 1] : 'demo';
    if (scale !== 'demo' && scale !== 'city') throw new Error(`--scale must be demo or city, not ${scale}`);
    const db = await openDatabase(config.databaseUrl);
    const demo = await seedDemo(db);
    console.log(demo.seeded ? 'Demo district seeded.' : 'Demo district already present.');
    if (scale === 'city') {
      const started = Date.now();
      const city = await seedCity(db, { progress: true });
      console.log(city.seeded ? `City scale: ${city.grids} grids in ${((Date.now() - started) / 1000).toFixed(1)} s.` : `City scale already present (${city.grids} grids).`);
      const eventsStarted = Date.now();
      const events = await seedCityEvents(db, { progress: true });
      console.log(events.seeded ? `City scale: ${events.events} events in ${((Date.now() - eventsStarted) / 1000).toFixed(1)} s.` : `City events already present (${events.events}).`);
    }
    await db.close();
    return;
  }
  throw new Error('usage: cli.ts migrate | seed [--scale demo|city]');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
