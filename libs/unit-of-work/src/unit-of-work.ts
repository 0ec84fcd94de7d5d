import { DeadlockException, EntityManager, IsolationLevel, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { BaseSqlitePlatform, type AbstractSqlConnection } from '@mikro-orm/knex';
import { AppConfig } from '@parcours/config';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock, DomainError, parisDay, type Actor, type LocalDate } from '@parcours/core';
import { AsyncLocalStorage } from 'node:async_hooks';
import { AuditAction, currentAuditScope, runInAuditScope } from './audit-scope';
import { isScoped, ScopedReads, SYSTEM, type Viewer } from './scoped-reads';
import { onOwnSqliteReader } from './sqlite-own-reader';
import { unscopedProblems } from './unscoped-entities';

/**
 * The acting user's entity. The unit of work sits below the accounts and knows only that it has an
 * id; libs/accounts declares it its User (module augmentation in user.entity.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by libs/accounts
export interface ActingUser {}

/** One command in progress: its entity manager and transaction, its instant, who acts. */
export interface Work {
  readonly em: EntityManager;
  /** The instant of the whole command: every row it writes carries the same one. */
  readonly now: Date;
  readonly today: LocalDate;
  /** Null for background work (sweeps), which the audit names SYSTEM. */
  readonly actor: Actor | null;
  /** The acting user, as a reference; throws for background work, which acts as nobody. */
  readonly by: ActingUser;
  /** Reads as the actor may see (SYSTEM for background work). */
  readonly reads: ScopedReads;
}

export interface WorkOptions {
  /** How the audit files the writes of this command (default WRITE), and why. */
  audit?: { action: AuditAction; reason?: string; operation?: string; role?: 'PERSON_LINK' };
}

/**
 * How many times a command that lost a race is run again on fresh state, after a short random
 * pause: of N commands racing on one pathway, one wins each round (PostgreSQL; SQLite runs its
 * writers one at a time), so 20 at once all land well within it. A race is lost on a versioned row
 * (OptimisticLockError), or, on PostgreSQL, by a deadlock or a serialisation failure (40P01,
 * 40001), or by a unique index another transaction has just filled (23505): run again, the command
 * sees the winner's row and gives the answer it gives when run second (APPOINTMENT_NOT_PLANNED,
 * PROPOSAL_ALREADY_USED…). A unique violation that stays after a few runs is no race but a real
 * duplicate: it goes on to the service, which names it (EMAIL_TAKEN…).
 */
const ATTEMPTS = 30;
const UNIQUE_ATTEMPTS = 4;
const PAUSE_MS = 3;

function lostRace(error: unknown, attempt: number): boolean {
  if (error instanceof OptimisticLockError || error instanceof DeadlockException) return true;
  return error instanceof UniqueConstraintViolationException && attempt < UNIQUE_ATTEMPTS;
}

const current = new AsyncLocalStorage<Work>();

/**
 * The one owner of forks and transactions. A command runs in `run`: a fresh entity manager, one
 * transaction, one "now", the acting user and the audit scope. A service called from inside
 * another's command joins it (same entity manager, same transaction, on both drivers), so that
 * services compose: if the inner one fails, nothing of either is written.
 * A command that loses a race on a versioned aggregate (two transitions of one pathway) is run
 * again from the start, and sees the winner's state.
 */
@Injectable()
export class UnitOfWork implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The server does not start with an entity that has no visibleTo rule and no registered reason (UNSCOPED_ENTITIES). */
  onModuleInit(): void {
    const entities = Object.values(this.em.getMetadata().getAll())
      .filter((meta) => !meta.embeddable && !meta.virtual && !meta.abstract && typeof meta.class === 'function')
      .map((meta) => ({ name: meta.className, hasRule: isScoped(meta.class) }));
    const problems = unscopedProblems(entities);
    if (problems.length > 0) throw new Error(`Entities without a scope: ${problems.join('; ')}.`);
  }

  /**
   * Runs a command. Inside another command it joins it, as the same actor and under the same
   * audit: a nested command with another actor, or asking another audit action or reason, throws
   * (its writes would be filed under the outer one's).
   */
  async run<T>(actor: Actor | null, work: (work: Work) => Promise<T>, options: WorkOptions = {}): Promise<T> {
    const outer = current.getStore();
    if (outer) {
      if ((outer.actor?.userId ?? null) !== (actor?.userId ?? null)) {
        throw new Error(`A command of ${actor ? 'a user' : 'the system'} cannot run inside a command of ${outer.actor ? 'another user' : 'the system'}: it would be written and audited as the outer one.`);
      }
      const scope = currentAuditScope();
      const audit = options.audit;
      if (audit && scope && ((audit.action ?? AuditAction.WRITE) !== (scope.action ?? AuditAction.WRITE) || (audit.reason !== undefined && audit.reason !== scope.reason))) {
        throw new Error(`A command audited as ${audit.action ?? AuditAction.WRITE} cannot run inside one audited as ${scope.action ?? AuditAction.WRITE}: its writes would be filed under the outer one.`);
      }
      return work(outer);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(actor, work, options);
      } catch (error) {
        if (!lostRace(error, attempt)) throw error;
        if (attempt >= ATTEMPTS) {
          throw new DomainError('CONCURRENT_CHANGE', 'Others changed this record at the same moment, again and again: try once more.');
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * PAUSE_MS * Math.min(attempt, 5)));
      }
    }
  }

  /** The database the process runs on. */
  driver(): 'sqlite' | 'postgresql' {
    return driverOf(this.em);
  }

  /**
   * A long read of aggregates (the outcome report) in one read-only snapshot of the database, by
   * raw statements: PostgreSQL, REPEATABLE READ on a pooled connection; SQLite, a WAL read
   * transaction on a connection of its own, since a report at scale takes seconds and the pooled
   * readers serve every interactive read. What it selects is the caller's to scope.
   */
  longRead<T>(work: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
    const connection = this.em.getConnection('read') as AbstractSqlConnection;
    if (this.driver() === 'sqlite') return onOwnSqliteReader(connection, this.config.database.sqliteBusyTimeoutMs, work);
    return connection.transactional((trx) => work((sql) => connection.execute<Record<string, unknown>[]>(sql, [], 'all', trx)), { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  }

  /** Whether the caller runs inside a command (and would join its transaction). */
  inCommand(): boolean {
    return current.getStore() !== undefined;
  }

  /**
   * Reads as the viewer may see: inside a command, on its entity manager (they see the command's
   * own changes); outside, on a fresh one, without a transaction.
   */
  read<T>(viewer: Viewer, work: (reads: ScopedReads) => Promise<T>): Promise<T> {
    return work(new ScopedReads(current.getStore()?.em ?? this.em.fork(), viewer));
  }

  /**
   * After an erasure: on SQLite, folds the write-ahead log into the database file and empties it
   * (TRUNCATE checkpoint), retried while a reader holds it, so that no earlier version of an erased
   * row stays in the WAL; `secure_delete` has zeroed the freed space. On PostgreSQL old row
   * versions stay until VACUUM (see the README): nothing to do here.
   */
  async forgetFreedData(attempts = 50): Promise<boolean> {
    const em = this.em.fork();
    if (!(em.getPlatform() instanceof BaseSqlitePlatform)) return true;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const [result] = await em.getConnection().execute('PRAGMA wal_checkpoint(TRUNCATE)');
      if (Number(result?.busy) === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  private runOnce<T>(actor: Actor | null, work: (work: Work) => Promise<T>, options: WorkOptions): Promise<T> {
    const now = this.clock.now();
    const request = currentAuditScope();
    const scope = {
      requestId: request?.requestId ?? null,
      operation: options.audit?.operation ?? request?.operation ?? 'unknown',
      actor: actor ?? undefined,
      role: options.audit?.role ?? request?.role,
      action: options.audit?.action ?? AuditAction.WRITE,
      reason: options.audit?.reason,
    };
    return runInAuditScope(scope, () =>
      this.em.fork().transactional((em) => {
        const unit: Work = {
          em,
          now,
          today: parisDay(now),
          actor,
          get by(): ActingUser {
            if (!actor) throw new Error('Background work acts as nobody: it has no acting user.');
            return em.getReference<ActingUser>('User', actor.userId);
          },
          reads: new ScopedReads(em, actor ?? SYSTEM),
        };
        return current.run(unit, () => work(unit));
      }),
    );
  }
}

/** The database an entity manager runs on. */
export function driverOf(em: EntityManager): 'sqlite' | 'postgresql' {
  return em.getPlatform() instanceof BaseSqlitePlatform ? 'sqlite' : 'postgresql';
}
