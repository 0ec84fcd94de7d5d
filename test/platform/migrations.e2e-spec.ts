import { MikroORM } from '@mikro-orm/core';
import { loadConfig, type DatabaseDriver } from '@parcours/config';
import { MIGRATIONS, MIGRATIONS_TABLE, ormOptions } from '@parcours/db';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  let driver: DatabaseDriver;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url, NODE_ENV: 'test' });
    driver = config.database.driver;
    orm = await MikroORM.init(ormOptions(config.database));
  });
  afterAll(async () => {
    await orm.close();
    await database.drop();
  });

  it('lists every migration file of the driver, in order', () => {
    for (const [name, list] of Object.entries(MIGRATIONS)) {
      const files = readdirSync(join(__dirname, '../../libs/db/src/migrations', name))
        .filter((file) => file.startsWith('Migration'))
        .map((file) => file.replace(/\.ts$/, ''))
        .sort();
      expect(list.map((migration) => migration.name)).toEqual(files);
    }
  });

  it('bring a fresh database of this driver exactly to the entities: nothing left to change', async () => {
    const applied = await orm.getMigrator().up();
    expect(applied).toHaveLength(MIGRATIONS[driver].length);
    const drift = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });

  it('runs SQLite with WAL, foreign keys on, a busy timeout and secure delete', async () => {
    if (driver !== 'sqlite') return;
    const connection = orm.em.getConnection();
    const [journal] = await connection.execute('pragma journal_mode');
    const [keys] = await connection.execute('pragma foreign_keys');
    const [timeout] = await connection.execute('pragma busy_timeout');
    const [secure] = await connection.execute('pragma secure_delete');
    expect([journal.journal_mode, keys.foreign_keys, Object.values(timeout)[0], secure.secure_delete]).toEqual(['wal', 1, 5000, 1]);
  });

  it('are recorded, so that a second run applies nothing', async () => {
    expect(await orm.getMigrator().up()).toEqual([]);
    const rows = await orm.em.getConnection().execute(`select count(*) as n from ${MIGRATIONS_TABLE}`);
    expect(Number(rows[0].n)).toBe(MIGRATIONS[driver].length);
  });
});
