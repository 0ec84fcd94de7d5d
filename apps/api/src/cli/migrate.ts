import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { ConfigError, loadConfig } from '@parcours/config';
import { ormOptions } from '@parcours/db';

/** npm run migrate: applies the pending migrations of DATABASE_URL's driver, all or nothing. */
async function migrate(): Promise<void> {
  const config = loadConfig();
  const orm = await MikroORM.init(ormOptions(config.database));
  try {
    const applied = await orm.getMigrator().up();
    const done = await orm.getMigrator().getExecutedMigrations();
    process.stdout.write(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`
        : `Nothing to apply: ${done.length} migration(s) already applied.\n`,
    );
  } finally {
    await orm.close();
  }
}

migrate().catch((error: unknown) => {
  const lines = error instanceof ConfigError ? error.problems.map((p) => `Configuration error: ${p}`) : [`Migration failed: ${(error as Error).message}`];
  process.stderr.write(lines.join('\n') + '\n');
  process.exit(1);
});
