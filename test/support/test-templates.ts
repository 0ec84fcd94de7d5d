import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Client } from 'pg';

/**
 * Refuses any database whose name does not say it is for tests: the suite creates and drops
 * databases, and must never touch a real one by mistake.
 */
export function assertTestDatabase(url: string): void {
  const name = url.startsWith('sqlite:') ? basename(url.slice('sqlite:'.length)) : new URL(url).pathname.slice(1);
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run tests against "${name}": a test database's name must contain "test".`);
  }
}

/** The run's id (test/support/global-setup.ts), which names the templates of its workers. */
export const RUN_ENV = 'PARCOURS_TEST_RUN';

/**
 * The migrated database this jest worker copies, made by its first test file that asks (the real
 * migrations, through the ORM) and kept for the others it runs; null outside a run started by jest's
 * global setup. Built under another name and renamed when complete.
 */
export async function workerTemplate(base: string): Promise<string | null> {
  const run = process.env[RUN_ENV];
  if (!run) return null;
  const name = `parcours_test_template_${run}_${process.env.JEST_WORKER_ID ?? '1'}`;
  if (base.startsWith('sqlite:')) {
    const file = join(tmpdir(), `${name}.sqlite`);
    if (!existsSync(file)) {
      await migrate(`sqlite:${file}.building`);
      renameSync(`${file}.building`, file);
    }
    return `sqlite:${file}`;
  }
  const server = new URL(base);
  const exists = await withMaintenanceConnection(server, async (client) => (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1);
  if (!exists) {
    const building = new URL(base);
    building.pathname = `/${name}_building`;
    await withMaintenanceConnection(server, (client) => client.query(`drop database if exists "${name}_building"`).then(() => client.query(`create database "${name}_building"`)));
    await migrate(building.toString());
    await withMaintenanceConnection(server, (client) => client.query(`alter database "${name}_building" rename to "${name}"`));
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function migrate(url: string): Promise<void> {
  assertTestDatabase(url);
  // Loaded here only: the global setup and teardown import this file without the project's path mapping.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { MikroORM } = require('@mikro-orm/core') as typeof import('@mikro-orm/core');
  const { loadConfig } = require('@parcours/config') as typeof import('@parcours/config');
  const { ormOptions } = require('@parcours/db') as typeof import('@parcours/db');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'test-secret-test-secret-test-secret-0123', DATABASE_URL: url });
  const orm = await MikroORM.init(ormOptions(config.database));
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close(true);
  }
}

/** After the run: every worker's template goes. */
export async function dropTemplates(run: string): Promise<void> {
  const base = process.env.DATABASE_URL ?? 'sqlite:parcours-test.sqlite';
  const prefix = `parcours_test_template_${run}_`;
  if (base.startsWith('sqlite:')) {
    for (const file of readdirSync(tmpdir())) if (file.startsWith(prefix)) rmSync(join(tmpdir(), file), { force: true });
    return;
  }
  await withMaintenanceConnection(new URL(base), async (client) => {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    for (const row of rows) await client.query(`drop database if exists "${row.datname}" with (force)`);
  });
}

export async function withMaintenanceConnection<T>(server: URL, work: (client: Client) => Promise<T>): Promise<T> {
  const maintenance = new URL(server);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Before a run (jest's global setup): its id, which the workers inherit. */
export function startRun(): void {
  process.env[RUN_ENV] = randomBytes(4).toString('hex');
}
