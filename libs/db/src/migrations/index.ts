import type { MigrationObject } from '@mikro-orm/core';
import type { DatabaseDriver } from '@parcours/config';
import { POSTGRESQL_MIGRATIONS } from './postgresql';
import { SQLITE_MIGRATIONS } from './sqlite';

/** The migrations of each driver, in order. `npm run migration:create` writes a new one for both. */
export const MIGRATIONS: Record<DatabaseDriver, MigrationObject[]> = {
  sqlite: SQLITE_MIGRATIONS,
  postgresql: POSTGRESQL_MIGRATIONS,
};
