import { ChangeSetType, type EntityManager, type FlushEventArgs } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Clock } from '@parcours/core';
import { AuditAction, Composer, COMPOSER_ORDER, currentAuditScope, type FlushComposer } from '@parcours/unit-of-work';
import { AuditEntry } from './audit-entry.entity';
import { PersonalDataPolicies } from './personal-data-policies';

/**
 * Audits every write of a person's data, whoever makes it, in the flush that makes it (so in the
 * same transaction): one entry per object, naming the personal properties created or changed.
 * Run last by the flush pipeline, after the composers, so that composed rows are audited too.
 * Who acts comes from the audit scope of the unit of work.
 *
 * The entries are plain inserts: collected while the flush is composed, written in one statement
 * after its own (afterFlush, still in its transaction), with no change set computed for them
 * (nothing reads an entry back into the unit of work). A flush outside a transaction, where
 * afterFlush would come after the commit, gets them as change sets of that flush instead.
 */
@Composer()
@Injectable()
export class AuditWrites implements FlushComposer {
  readonly order = COMPOSER_ORDER.AUDIT;
  private readonly pending = new WeakMap<EntityManager, AuditEntry[]>();

  constructor(
    private readonly clock: Clock,
    private readonly policies: PersonalDataPolicies,
  ) {}

  async compose({ em, uow }: FlushEventArgs): Promise<void> {
    this.pending.delete(em);
    const entries: AuditEntry[] = [];
    const scope = currentAuditScope();
    const at = this.clock.now();
    for (const changeSet of uow.getChangeSets()) {
      const policy = this.policies.entity(changeSet.meta.className);
      if (!policy || changeSet.type === ChangeSetType.DELETE) continue;
      const payload = (changeSet.payload ?? {}) as Record<string, unknown>;
      // A new object writes what it holds; a changed one, what changed (a value cleared included).
      const written = Object.keys(payload).filter((key) => changeSet.type !== ChangeSetType.CREATE || (payload[key] !== null && payload[key] !== undefined));
      const fields = (policy.erase as readonly string[]).filter((field) => written.includes(field));
      if (fields.length === 0) continue;
      const entity = changeSet.entity as never;
      entries.push(
        new AuditEntry({
          at,
          userId: scope?.actor?.userId ?? null,
          role: scope?.actor?.role ?? scope?.role ?? 'SYSTEM',
          organisationId: scope?.actor?.organisationId ?? null,
          requestId: scope?.requestId ?? null,
          operation: scope?.operation ?? 'unknown',
          action: scope?.action ?? AuditAction.WRITE,
          participantId: policy.subject(entity),
          objectType: changeSet.meta.className,
          objectId: policy.object(entity),
          fields: fields.join(','),
          reason: scope?.reason ?? null,
        }),
      );
    }
    if (entries.length === 0) return;
    if (em.isInTransaction()) this.pending.set(em, entries);
    else for (const entry of entries) uow.computeChangeSet(entry);
  }

  async afterFlush({ em }: FlushEventArgs): Promise<void> {
    const entries = this.pending.get(em);
    if (!entries) return;
    this.pending.delete(em);
    await em.insertMany(AuditEntry, entries);
  }

  afterRollback(em: EntityManager): void {
    this.pending.delete(em);
  }
}
