import type { FilterQuery } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/core';
import { AppConfig } from '@parcours/config';
import { Clock, GroupCommit, isUuid } from '@parcours/core';
import { currentAuditScope, type Page, Sweep, SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { subMonths } from 'date-fns';
import { AuditAction, AuditEntry } from './audit-entry.entity';

/** One object of a person's, and the fields of it a request read. */
export interface ReadRecord {
  participantId: string;
  objectType: string;
  objectId: string;
  fields: Set<string>;
}

export interface AuditFilter {
  participantId?: string;
  userId?: string;
  from?: Date;
  to?: Date;
}

/** Rows per INSERT: well under SQLite's limit of bound parameters. */
const ROWS_PER_INSERT = 500;

@Injectable()
export class AuditService {
  /**
   * The read entries of concurrent requests, stored by one INSERT per group rather than one per
   * request: each request still waits until its own entries are committed before it answers.
   */
  private readonly reads = new GroupCommit<AuditEntry>((entries) =>
    this.uow.read(SYSTEM, async (reads) => {
      const em = reads.unscoped('the audit writes its entries');
      for (let from = 0; from < entries.length; from += ROWS_PER_INSERT) await em.insertMany(AuditEntry, entries.slice(from, from + ROWS_PER_INSERT));
    }),
  );

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * The reads of one request, one entry per object read; resolves once they are committed. Inside
   * a command, they are written in its transaction; otherwise with those of concurrent requests.
   */
  async recordReads(reader: Actor | 'PERSON_LINK' | undefined, requestId: string | null, operation: string, reads: Iterable<ReadRecord>, action = AuditAction.READ): Promise<void> {
    const at = this.clock.now();
    const actor = typeof reader === 'object' ? reader : undefined;
    const entries = [...reads].map(
      (read) =>
        new AuditEntry({
          at,
          userId: actor?.userId ?? null,
          role: actor?.role ?? (reader === 'PERSON_LINK' ? reader : 'ANONYMOUS'),
          organisationId: actor?.organisationId ?? null,
          requestId,
          operation,
          action,
          participantId: read.participantId,
          objectType: read.objectType,
          objectId: read.objectId,
          fields: [...read.fields].sort().join(','),
          reason: null,
        }),
    );
    if (entries.length === 0) return;
    if (this.uow.inCommand()) await this.insert(entries);
    else await this.reads.add(entries);
  }

  /**
   * An export of aggregate figures (no person): who, when, what was asked. Written before the file
   * is sent. An import's upload and confirmation say the same (who, which, how many lines: WRITE).
   */
  async recordExport(actor: Actor, requestId: string | null, operation: string, objectType: string, objectId: string, fields: string[], action = AuditAction.EXPORT): Promise<void> {
    const entry = new AuditEntry({
      at: this.clock.now(),
      userId: actor.userId,
      role: actor.role,
      organisationId: actor.organisationId,
      requestId,
      operation,
      action,
      participantId: null,
      objectType,
      objectId: objectId.slice(0, 60),
      fields: fields.join(','),
      reason: null,
    });
    await this.insert([entry]);
  }

  /**
   * A session opened or ended by its holder, beside what they read in it: who, when, how (the
   * operation: `sign-in PASSWORD`, `sign-in OIDC`, `sign-out`), the session's id. In the caller's
   * command when there is one. No token, no address.
   */
  async recordSession(user: Pick<Actor, 'userId' | 'role' | 'organisationId'>, sessionId: string, operation: 'sign-in PASSWORD' | 'sign-in OIDC' | 'sign-out'): Promise<void> {
    const entry = new AuditEntry({
      at: this.clock.now(),
      userId: user.userId,
      role: user.role,
      organisationId: user.organisationId,
      requestId: currentAuditScope()?.requestId ?? null,
      operation,
      action: operation === 'sign-out' ? AuditAction.SIGN_OUT : AuditAction.SIGN_IN,
      participantId: null,
      objectType: 'Session',
      objectId: sessionId,
      fields: '',
      reason: null,
    });
    await this.insert([entry]);
  }

  /** Entries written at once, in the caller's command when there is one. */
  private async insert(entries: AuditEntry[]): Promise<void> {
    await this.uow.read(SYSTEM, (reads) => reads.unscoped('the audit writes its entries').insertMany(AuditEntry, entries));
  }

  async list(filter: AuditFilter, page: { first?: number; after?: string }): Promise<Page<AuditEntry>> {
    const where: FilterQuery<AuditEntry>[] = [];
    if (filter.participantId) where.push({ participantId: isUuid(filter.participantId) ? filter.participantId : '' });
    if (filter.userId) where.push({ userId: isUuid(filter.userId) ? filter.userId : '' });
    if (filter.from) where.push({ at: { $gte: filter.from } });
    if (filter.to) where.push({ at: { $lt: filter.to } });
    return this.uow.read(SYSTEM, (reads) => reads.findByCursor(AuditEntry, { $and: where }, { first: page.first ?? 50, after: page.after, orderBy: { id: 'desc' } }));
  }

  /** Drops the entries older than AUDIT_RETENTION_MONTHS. Idempotent. */
  @Sweep('audit purge')
  async purge(): Promise<{ purged: number }> {
    const before = subMonths(this.clock.now(), this.config.dataProtection.auditRetentionMonths);
    return { purged: await this.uow.read(SYSTEM, (reads) => reads.nativeDelete(AuditEntry, { at: { $lt: before } })) };
  }
}
