import { ChangeSetType, type FlushEventArgs } from '@mikro-orm/core';
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
 */
@Composer()
@Injectable()
export class AuditWrites implements FlushComposer {
  readonly order = COMPOSER_ORDER.AUDIT;

  constructor(
    private readonly clock: Clock,
    private readonly policies: PersonalDataPolicies,
  ) {}

  async compose({ uow }: FlushEventArgs): Promise<void> {
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
      uow.computeChangeSet(
        new AuditEntry({
          at,
          userId: scope?.actor?.userId ?? null,
          role: scope?.actor?.role ?? 'SYSTEM',
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
  }
}
