import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Database } from 'sqlite3';
import { assertTestDatabase, withMaintenanceConnection, workerTemplate } from './test-templates';

export { assertTestDatabase } from './test-templates';

/** A database made for one test file, and thrown away after it. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * DATABASE_URL chooses the driver: unset or sqlite:… gives a new SQLite file in a temporary folder;
 * postgresql://…/parcours_test gives a new database parcours_test_<random> on that server. Empty,
 * or `migrated`: a copy of the template the suite migrated once (a file copy on SQLite, CREATE
 * DATABASE … TEMPLATE on PostgreSQL) instead of running every migration again in each file.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL ?? 'sqlite:parcours-test.sqlite';
  const template = options.migrated ? await workerTemplate(base) : null;
  if (base.startsWith('sqlite:')) {
    const folder = mkdtempSync(join(tmpdir(), 'parcours-test-'));
    const url = `sqlite:${join(folder, 'parcours-test.sqlite')}`;
    assertTestDatabase(url);
    if (template) copyFileSync(template.slice('sqlite:'.length), url.slice('sqlite:'.length));
    return { url, drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  assertTestDatabase(base);
  const server = new URL(base);
  const name = `${server.pathname.slice(1)}_${randomBytes(5).toString('hex')}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const from = template ? ` template "${new URL(template).pathname.slice(1)}"` : '';
  await withMaintenanceConnection(server, (client) => client.query(`create database "${name}"${from}`));
  return {
    url: url.toString(),
    drop: () =>
      withMaintenanceConnection(server, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(
        () => undefined,
      ),
  };
}


/** A describe that runs on the embedded SQLite only (what it checks is SQLite's own: files, locks). */
export const describeOnSqlite: jest.Describe = (process.env.DATABASE_URL ?? 'sqlite').startsWith('postgres') ? describe.skip : describe;
/** Several API processes are a PostgreSQL layout: SQLite supports one API process per file (README). */
export const describeOnPostgres: jest.Describe = (process.env.DATABASE_URL ?? 'sqlite').startsWith('postgres') ? describe : describe.skip;

/** Rows of one SQL statement, read straight from the database as an operator or auditor would (beside the server). */
export async function queryDatabase<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    try {
      return await new Promise((resolve, reject) => db.all(sql, (error, rows: T[]) => (error ? reject(error) : resolve(rows))));
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
