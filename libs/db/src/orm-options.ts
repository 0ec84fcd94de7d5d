import type { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import type { DatabaseConfig } from '@parcours/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

// Enumerations are stored as plain strings, checked by the domain: MikroORM 6.6.16 misreads SQLite
// CHECK (x in (…)) constraints of more than two values, which would show as drift forever.

/** MikroORM options for the configured driver: one place for both databases. */
export function ormOptions(database: DatabaseConfig): Options {
  const common = {
    entities: [...ENTITIES],
    discovery: { warnWhenNoEntities: false },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    // Queries carry personal data in their parameters: MikroORM never logs them.
    debug: false,
    extensions: [Migrator],
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: MIGRATIONS[database.driver],
      path: `libs/db/src/migrations/${database.driver}`,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts' as const,
      silent: true,
    },
  };
  if (database.driver === 'sqlite') {
    const pragmas = [
      'PRAGMA journal_mode = WAL',
      'PRAGMA foreign_keys = ON',
      `PRAGMA busy_timeout = ${database.sqliteBusyTimeoutMs}`,
      'PRAGMA synchronous = NORMAL',
      // Deleted and overwritten content is zeroed on disk, not left in free space (erasure leaves no byte).
      'PRAGMA secure_delete = ON',
    ].join('; ');
    return {
      ...common,
      driver: SqliteDriver,
      dbName: database.sqlitePath,
      // One connection: SQLite has one writer, and requests queue for it instead of failing.
      pool: {
        min: 1,
        max: 1,
        afterCreate: (connection: SqliteHandle, done: (error: Error | null, connection: SqliteHandle) => void) =>
          connection.exec(pragmas, (error) => done(error, connection)),
      },
    } as Options;
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: database.url,
    pool: { min: 0, max: database.poolMax },
  } as Options;
}

interface SqliteHandle {
  exec(sql: string, callback: (error: Error | null) => void): void;
}
