import { ChangeSetType, EntityManager, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@parcours/core';
import { currentAuditScope } from './audit-context';
import { AuditAction, AuditEntry } from './audit-entry.entity';
import { personalEntry } from './personal-data';

/**
 * Audits every write of a person's data, whoever makes it, in the flush that makes it (so in the
 * same transaction): one entry per object, naming the personal properties created or changed.
 * Who acts comes from the audit scope of the request or background job.
 */
@Injectable()
export class AuditWritesSubscriber implements EventSubscriber, OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.em.getEventManager().registerSubscriber(this);
  }

  async onFlush({ uow }: FlushEventArgs): Promise<void> {
    const scope = currentAuditScope();
    const at = this.clock.now();
    for (const changeSet of uow.getChangeSets()) {
      const entry = personalEntry(changeSet.meta.className);
      if (!entry || changeSet.type === ChangeSetType.DELETE) continue;
      const payload = (changeSet.payload ?? {}) as Record<string, unknown>;
      // A new object writes what it holds; a changed one, what changed (a value cleared included).
      const written = Object.keys(payload).filter((key) => changeSet.type !== ChangeSetType.CREATE || (payload[key] !== null && payload[key] !== undefined));
      const fields = (entry.erase as readonly string[]).filter((field) => written.includes(field));
      if (fields.length === 0) continue;
      const entity = changeSet.entity as never;
      uow.computeChangeSet(
        new AuditEntry({
          at,
          userId: scope?.actor?.userId ?? null,
          role: scope?.actor?.role ?? 'SYSTEM',
          organisationId: scope?.actor?.organisationId ?? null,
          requestId: scope?.requestId ?? null,
          operation: scope?.operation ?? 'unknown',
          action: scope?.action ?? AuditAction.WRITE,
          participantId: (entry.subject as (entity: never) => string)(entity),
          objectType: changeSet.meta.className,
          objectId: (entry.object as (entity: never) => string)(entity),
          fields: fields.join(','),
          reason: scope?.reason ?? null,
        }),
      );
    }
  }
}
