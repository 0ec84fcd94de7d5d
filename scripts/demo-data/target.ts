import type { DatabaseConfig } from '@parcours/config';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Client } from 'pg';
import { Database } from 'sqlite3';

/** A refusal of the generator's arguments or database: one line, exit code 2, nothing written. */
export class Refusal extends Error {}

/** Only databases named for it are filled with generated data. */
const ALLOWED_NAME = /demo|bench|test/i;

/** The database's name as the refusal rule reads it: the SQLite file's, or the PostgreSQL database's. */
export function databaseName(database: DatabaseConfig): string {
  return database.driver === 'sqlite' ? basename(database.sqlitePath ?? '') : decodeURIComponent(new URL(database.url).pathname.slice(1));
}

/**
 * Refuses a database whose name says neither demo, bench nor test, and one that already holds
 * tables (a killed run included: its whole batches stay, and it is never resumed). A PostgreSQL
 * database that does not exist yet is created.
 */
export async function assertEmptyDemoDatabase(database: DatabaseConfig): Promise<void> {
  const name = databaseName(database);
  if (!ALLOWED_NAME.test(name)) throw new Refusal(`Refused: the database "${name}" is not named for generated data; its name must contain demo, bench or test.`);
  const tables = database.driver === 'sqlite' ? await sqliteTables(database.sqlitePath!) : await postgresTables(database.url);
  if (tables > 0) throw new Refusal(`Refused: the database "${name}" is not empty (${tables} tables); generate into a new one.`);
}

function sqliteTables(path: string): Promise<number> {
  if (path === ':memory:') throw new Refusal('Refused: an in-memory SQLite database would be lost at the end; give a file.');
  if (!existsSync(path)) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const db = new Database(path, (error) => {
      if (error) return reject(new Refusal(`Refused: ${path} is not a SQLite database (${error.message}).`));
      db.get("select count(*) as tables from sqlite_master where type = 'table'", (failure: Error | null, row: { tables: number }) => {
        db.close();
        if (failure) reject(new Refusal(`Refused: ${path} is not a SQLite database (${failure.message}).`));
        else resolve(row.tables);
      });
    });
  });
}

async function postgresTables(url: string): Promise<number> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString() });
  try {
    await admin.connect();
  } catch (error) {
    throw new Refusal(`Refused: cannot reach the PostgreSQL server of --database (${(error as Error).message}).`);
  }
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`create database "${name.replace(/"/g, '""')}"`);
      return 0;
    }
  } finally {
    await admin.end();
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ tables: string }>("select count(*) as tables from information_schema.tables where table_schema = 'public'");
    return Number(result.rows[0].tables);
  } finally {
    await client.end();
  }
}
