import { MikroORM } from '@mikro-orm/core';
import { AbstractSqlConnection, BaseSqlitePlatform } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';

/** What several processes on one database must not do at the same time. */
export type LockName = 'startup' | 'sweeps';

/**
 * Locks shared by every process on one database, so that what must happen once at a time does.
 * PostgreSQL: a transaction-level advisory lock (`pg_advisory_xact_lock`), held by a transaction
 * of its own while the work runs on other connections, and released however the holder ends
 * (its connection closes with it). SQLite supports one API process per file (README), whose
 * writers the file already serialises: the work simply runs.
 */
@Injectable()
export class DatabaseLocks {
  constructor(private readonly orm: MikroORM) {}

  /** Runs the work holding the lock, waiting for another holder to finish first. */
  async exclusive<T>(name: LockName, work: () => Promise<T>): Promise<T> {
    const knex = this.knex();
    if (!knex) return work();
    return knex.transaction(async (transaction) => {
      await transaction.raw('select pg_advisory_xact_lock(?::bigint)', [lockKey(name)]);
      return work();
    });
  }

  /** Runs the work if no other process holds the lock; null (and nothing run) if one does. */
  async ifFree<T>(name: LockName, work: () => Promise<T>): Promise<T | null> {
    const knex = this.knex();
    if (!knex) return work();
    return knex.transaction(async (transaction) => {
      const result = await transaction.raw<{ rows: { locked: boolean }[] }>('select pg_try_advisory_xact_lock(?::bigint) as locked', [lockKey(name)]);
      return result.rows[0].locked ? work() : null;
    });
  }

  private knex() {
    if (this.orm.em.getPlatform() instanceof BaseSqlitePlatform) return null;
    return (this.orm.em.getConnection() as AbstractSqlConnection).getKnex();
  }
}

/** A stable 64-bit key per name (advisory locks are numbered): the first 8 bytes of its SHA-256, signed. */
function lockKey(name: LockName): string {
  return createHash('sha256').update(`parcours:${name}`).digest().readBigInt64BE(0).toString();
}
