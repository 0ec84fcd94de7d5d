import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { loadConfig, type DatabaseDriver } from '@parcours/config';
import { ormOptions } from '@parcours/db';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * npm run migration:create -- NAME: for each driver, migrates a scratch database to the last
 * committed migration, writes the migration from there to the current entities, and lists it in
 * the driver's index. PostgreSQL comes from MIGRATION_POSTGRES_URL (default: the local server).
 */
async function createMigrations(name: string | undefined): Promise<void> {
  const postgres = process.env.MIGRATION_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const scratch = `parcours_migration_${randomBytes(4).toString('hex')}`;
  const folder = mkdtempSync(join(tmpdir(), 'parcours-migration-'));
  const targets: Record<DatabaseDriver, string> = {
    sqlite: `sqlite:${join(folder, 'scratch.sqlite')}`,
    postgresql: withDatabase(postgres, scratch),
  };
  await admin(postgres, `create database "${scratch}"`);
  try {
    for (const driver of ['sqlite', 'postgresql'] as const) {
      const config = loadConfig({ DATABASE_URL: targets[driver] });
      const orm = await MikroORM.init(ormOptions(config.database));
      try {
        await orm.getMigrator().up();
        const result = await orm.getMigrator().createMigration(undefined, false, false, name);
        process.stdout.write(result.fileName ? `${driver}: wrote ${result.fileName}\n` : `${driver}: no changes\n`);
      } finally {
        await orm.close();
      }
      writeIndex(driver);
    }
  } finally {
    await admin(postgres, `drop database if exists "${scratch}" with (force)`);
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Lists every migration file of the driver's folder, in order, as the code the ORM loads. */
function writeIndex(driver: DatabaseDriver): void {
  const folder = join('libs/db/src/migrations', driver);
  const files = readdirSync(folder)
    .filter((file) => /^Migration\d+.*\.ts$/.test(file))
    .sort()
    .map((file) => file.replace(/\.ts$/, ''));
  const constant = `${driver.toUpperCase()}_MIGRATIONS`;
  const lines = [
    '// Written by npm run migration:create: every migration of this folder, in order.',
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...files.map((file) => `import { ${file} } from './${file}';`),
    '',
    `export const ${constant}: MigrationObject[] = [`,
    ...files.map((file) => `  { name: '${file}', class: ${file} },`),
    '];',
    '',
  ];
  writeFileSync(join(folder, 'index.ts'), lines.join('\n'));
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

createMigrations(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`Could not create the migrations: ${(error as Error).message}\n`);
  process.exit(1);
});
