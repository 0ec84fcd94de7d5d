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
    const shared = [`PRAGMA busy_timeout = ${database.sqliteBusyTimeoutMs}`, 'PRAGMA foreign_keys = ON'];
    const writer = [
      'PRAGMA journal_mode = WAL',
      ...shared,
      'PRAGMA synchronous = NORMAL',
      // Deleted and overwritten content is zeroed on disk, not left in free space (erasure leaves no byte).
      'PRAGMA secure_delete = ON',
    ];
    // Readers cannot write, whatever asks them to.
    const reader = [...shared, 'PRAGMA query_only = ON'];
    const readers = database.sqlitePath === ':memory:' ? 0 : database.sqliteReaders;
    return {
      ...common,
      driver: SqliteDriver,
      dbName: database.sqlitePath,
      // One writer: SQLite has one, and commands queue for it instead of failing. Beside it (WAL
      // lets readers run while it writes), read-only connections on the same file for the reads
      // outside commands; everything inside a command runs on the writer. MikroORM gives an SQLite
      // pool one connection whatever its `max` says (measured: a second read waited for the
      // first), so the readers are as many replicas of one connection each; a read takes one of
      // them at random.
      pool: { min: 1, max: 1, afterCreate: runPragmas(writer) },
      replicas: Array.from({ length: readers }, (_, index) => ({ name: `reader-${index + 1}`, pool: { min: 1, max: 1, afterCreate: runPragmas(reader) } })),
      preferReadReplicas: true,
    } as Options;
  }
  return {
    ...common,
    driver: PostgreSqlDriver,
    clientUrl: database.url,
    pool: { min: 0, max: database.poolMax },
  } as Options;
}

function runPragmas(pragmas: string[]) {
  return (connection: SqliteHandle, done: (error: Error | null, connection: SqliteHandle) => void) => connection.exec(pragmas.join('; '), (error) => done(error, connection));
}

interface SqliteHandle {
  exec(sql: string, callback: (error: Error | null) => void): void;
}
