import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { AuditService, PersonalDataPolicies, type DataSubject } from '@parcours/audit';
import { AppConfig } from '@parcours/config';
import { Clock, DomainError, isUuid, NotFoundError } from '@parcours/core';
import { AuditAction, currentAuditScope, Sweep, SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { subMonths } from 'date-fns';

/**
 * Right of access, erasure, and retention (DOMAIN.md, "Personal data"), over the personal-data
 * policy each module declares: this module knows no domain entity.
 */
@Injectable()
export class DataProtectionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly policies: PersonalDataPolicies,
  ) {}

  /**
   * Everything Parcours holds about a person, as one document: each module's part, with the
   * pathways the actor may see (ADMIN: all; MANAGER: their operator's). Nothing about anyone else.
   */
  async export(actor: Actor, participantId: string): Promise<Record<string, unknown>> {
    const document = await this.uow.read(actor, async (reads) => {
      const em = reads.unscoped("each module's personal-data policy applies the actor's scope to its own rows");
      const subject = isUuid(participantId) ? await this.policies.subjects().find(em, actor, participantId) : null;
      if (!subject) throw new NotFoundError('Participant');
      const parts = [];
      for (const policy of this.policies.all()) if (policy.exportOf) parts.push(await policy.exportOf(em, subject, actor));
      return assemble(this.clock.now(), parts);
    });
    const scope = currentAuditScope();
    await this.audit.recordReads(actor, scope?.requestId ?? null, scope?.operation ?? 'export', [
      { participantId, objectType: 'Participant', objectId: participantId, fields: new Set(['everything']) },
    ], AuditAction.EXPORT);
    return document;
  }

  /** Erasure on request: refused while a pathway is open; the figures keep what they need. */
  async erase(actor: Actor, participantId: string, reason: string): Promise<void> {
    if (!isUuid(participantId)) throw new NotFoundError('Participant', ['input', 'participantId']);
    await this.uow.run(
      actor,
      async ({ em, now }) => {
        const subjects = this.policies.subjects();
        const subject = await subjects.whole(em, participantId);
        if (!subject) throw new NotFoundError('Participant', ['input', 'participantId']);
        const blocker = await subjects.erasureBlocker(em, participantId);
        if (blocker) throw new DomainError(blocker.code, blocker.message, ['input', 'participantId']);
        await this.forget(em, subject, now);
      },
      { audit: { action: AuditAction.ERASE, reason } },
    );
    await this.uow.forgetFreedData();
  }

  /**
   * The retention sweep: anonymises every participant none of whose pathways had a recorded change
   * (transition, handover, correction, report) for RETENTION_MONTHS, whether closed or left open.
   * Idempotent: an anonymised participant is never taken again.
   */
  @Sweep('retention of participants')
  async sweepRetention(): Promise<{ anonymised: number }> {
    const cutoff = subMonths(this.clock.now(), this.config.dataProtection.retentionMonths);
    const due = await this.uow.read(SYSTEM, (reads) => this.policies.subjects().retentionDue(reads.unscoped('retention looks at every pathway'), cutoff));
    const audit = { action: AuditAction.ANONYMISE, operation: 'retention sweep', reason: `no change for ${this.config.dataProtection.retentionMonths} months` };
    let anonymised = 0;
    for (const participantId of due) {
      await this.uow.run(
        null,
        async ({ em, now }) => {
          const subject = await this.policies.subjects().whole(em, participantId);
          if (!subject || subject.anonymisedAt) return;
          await this.forget(em, subject, now);
          anonymised++;
        },
        { audit },
      );
    }
    if (anonymised > 0) await this.uow.forgetFreedData();
    return { anonymised };
  }

  /** Every module forgets its part, in the command in progress. */
  private async forget(em: EntityManager, subject: DataSubject, now: Date): Promise<void> {
    for (const policy of this.policies.all()) await policy.forget?.(em, subject, now);
  }
}

/** One document from the modules' parts: their sections, and under each pathway its own rows. */
function assemble(now: Date, parts: { sections?: Record<string, unknown>; perPathway?: Record<string, Record<string, unknown[]>> }[]): Record<string, unknown> {
  const document: Record<string, unknown> = { exportedAt: now.toISOString() };
  for (const part of parts) Object.assign(document, part.sections);
  const pathways = (document.pathways ?? []) as Record<string, unknown>[];
  for (const part of parts) {
    for (const [section, rowsByPathway] of Object.entries(part.perPathway ?? {})) {
      for (const pathway of pathways) pathway[section] = rowsByPathway[pathway.id as string] ?? [];
    }
  }
  return document;
}
