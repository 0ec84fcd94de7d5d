import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/core';
import { ConfigError, loadConfig } from '@parcours/config';
import { ormOptions } from '@parcours/db';
import { rebuildCells } from '@parcours/outcomes';
import { driverOf } from '@parcours/unit-of-work';

/**
 * npm run outcomes:rebuild: recounts the outcome model of DATABASE_URL from the journey tables, in
 * one transaction (the server recounts it by itself at start when its definitions changed: this is
 * for a database restored or edited by hand).
 */
async function rebuild(): Promise<void> {
  const config = loadConfig();
  const orm = await MikroORM.init(ormOptions(config.database));
  try {
    const started = Date.now();
    const connection = orm.em.getConnection();
    const driver = driverOf(orm.em);
    await connection.transactional((trx) => rebuildCells(driver, (sql, params = []) => connection.execute<Record<string, unknown>[]>(sql, params, 'all', trx)));
    const [row] = await orm.em.getConnection().execute<{ cells: unknown }[]>('select count(*) as cells from outcome_cell');
    process.stdout.write(`Recounted the outcome model: ${Number(row.cells)} cells in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  } finally {
    await orm.close();
  }
}

rebuild().catch((error: unknown) => {
  const lines = error instanceof ConfigError ? error.problems.map((p) => `Configuration error: ${p}`) : [`Rebuild failed: ${(error as Error).message}`];
  process.stderr.write(lines.join('\n') + '\n');
  process.exit(1);
});
