import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Role, type Actor } from '@parcours/accounts';
import { AuditAction, AuditService, currentAuditScope, runInAuditScope } from '@parcours/audit';
import { AppConfig } from '@parcours/config';
import { Clock, DomainError, isUuid, NotFoundError } from '@parcours/core';
import { Participant } from '@parcours/participants';
import { Appointment, Diagnostic, Pathway, pathwaysVisibleTo } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { subMonths } from 'date-fns';

export interface RetentionReport {
  cutoff: Date;
  anonymised: number;
}

/** Right of access, erasure, and retention (DOMAIN.md, "Personal data"). */
@Injectable()
export class DataProtectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Everything Parcours holds about a person, as one document: identity and contact, and each
   * pathway the actor may see (ADMIN: all; MANAGER: their operator's) with its situation at
   * referral, barriers, sensitive details and history. Nothing about anyone else.
   */
  async export(actor: Actor, participantId: string): Promise<Record<string, unknown>> {
    const em = this.em.fork();
    const scope = actor.role === Role.ADMIN ? {} : pathwaysVisibleTo(actor);
    const pathways = isUuid(participantId)
      ? await em.find(Pathway, { $and: [{ participant: participantId }, scope] }, {
          populate: ['participant', 'operator', 'referent', 'counsellor', 'referralBarriers', 'events', 'justiceJustification'],
          orderBy: { referredAt: 'asc', events: { id: 'asc' } },
        })
      : [];
    if (pathways.length === 0) throw new NotFoundError('Participant');
    const participant = pathways[0].participant.getEntity();
    const ids = pathways.map((pathway) => pathway.id);
    const [appointments, diagnostics, reports] = await Promise.all([
      em.find(Appointment, { pathway: { $in: ids } }, { orderBy: { startsAt: 'asc' } }),
      em.find(Diagnostic, { pathway: { $in: ids } }, { orderBy: { recordedAt: 'asc' } }),
      em.find(ReferentReport, { pathway: { $in: ids } }, { orderBy: { eventAt: 'asc' } }),
    ]);
    const of = <T extends { pathway: { id: string } }>(rows: T[], pathwayId: string) => rows.filter((row) => row.pathway.id === pathwayId);
    const document = {
      exportedAt: this.clock.now().toISOString(),
      participant: { ...participant.details(), id: participant.id, anonymisedAt: participant.anonymisedAt, createdAt: participant.createdAt },
      pathways: pathways.map((pathway) => ({
        id: pathway.id,
        operator: pathway.operator.getEntity().name,
        referent: pathway.referent.getEntity().fullName,
        counsellor: pathway.counsellor?.getEntity().fullName ?? null,
        status: pathway.status,
        referredAt: pathway.referredAt,
        situationAtReferral: {
          communeCode: pathway.referralCommuneCode,
          ageAtReferral: pathway.ageAtReferral,
          rsaStatus: pathway.referralRsaStatus,
          barriers: pathway.referralBarriers.getItems().map((barrier) => barrier.theme),
          justiceJustification: pathway.justiceJustification,
          eligibilityReasons: pathway.eligibilityReasons.split(','),
        },
        declineReason: pathway.declineReason,
        declineComment: pathway.declineComment,
        acceptedAt: pathway.acceptedAt,
        closedAt: pathway.closedAt,
        appointments: of(appointments, pathway.id).map(({ startsAt, channel, place, status, outcomeAt }) => ({ startsAt, channel, place, status, outcomeAt })),
        diagnostics: of(diagnostics, pathway.id).map(({ recordedAt, correctedAt, readiness, assessments, notes, targetJobs, contractTypes, workingTime, mobilityRadiusKm, availableFrom, strengths, summary }) => ({
          recordedAt, correctedAt, readiness, assessments, notes, targetJobs, contractTypes, workingTime, mobilityRadiusKm, availableFrom, strengths, summary,
        })),
        reportsToReferent: of(reports, pathway.id).map(({ kind, correction, summary, counsellorSummary, eventAt, dueOn, acknowledgedAt }) => ({ kind, correction, summary, counsellorSummary, eventAt, dueOn, acknowledgedAt })),
        history: pathway.events.getItems().map((event) => ({
          kind: event.kind,
          at: event.at,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          reason: event.reason,
          comment: event.comment,
          details: event.details,
        })),
      })),
    };
    await this.audit.recordReads(actor, currentAuditScope()?.requestId ?? null, currentAuditScope()?.operation ?? 'export', [
      { participantId: participant.id, objectType: 'Participant', objectId: participant.id, fields: new Set(['everything']) },
    ], AuditAction.EXPORT);
    return document;
  }

  /** Erasure on request: refused while a pathway is open; the figures keep what they need. */
  async erase(actor: Actor, participantId: string, reason: string): Promise<void> {
    if (!isUuid(participantId)) throw new NotFoundError('Participant', ['input', 'participantId']);
    const scope = { ...(currentAuditScope() ?? { requestId: null, operation: 'eraseParticipant' }), actor, action: AuditAction.ERASE, reason };
    await runInAuditScope(scope, () =>
      this.em.fork().transactional(async (tx) => {
        const participant = await tx.findOne(Participant, participantId);
        if (!participant) throw new NotFoundError('Participant', ['input', 'participantId']);
        const open = await tx.count(Pathway, { participant: participantId, openKey: { $ne: null } });
        if (open > 0) {
          throw new DomainError('PATHWAY_OPEN', 'The person has an open pathway: close it (exit or withdraw) before erasing.', ['input', 'participantId']);
        }
        await this.anonymise(tx, participant);
      }),
    );
  }

  /**
   * The retention sweep: anonymises every participant none of whose pathways had a recorded change
   * (transition, handover, correction, report) for RETENTION_MONTHS, whether closed or left open.
   * Idempotent: an anonymised participant is never taken again.
   */
  async sweepRetention(): Promise<RetentionReport> {
    const cutoff = subMonths(this.clock.now(), this.config.dataProtection.retentionMonths);
    const em = this.em.fork();
    // Through the ORM, so that dates compare the same way on SQLite and PostgreSQL.
    const stale = await em.find(Pathway, { lastChangedAt: { $lt: cutoff }, participant: { anonymisedAt: null } }, { fields: ['participant'] });
    const recent = await em.find(Pathway, { lastChangedAt: { $gte: cutoff }, participant: { id: { $in: stale.map((p) => p.participant.id) } } }, { fields: ['participant'] });
    const kept = new Set(recent.map((pathway) => pathway.participant.id));
    const due = [...new Set(stale.map((pathway) => pathway.participant.id))].filter((id) => !kept.has(id));
    let anonymised = 0;
    for (const participantId of due) {
      await runInAuditScope({ requestId: null, operation: 'retention sweep', action: AuditAction.ANONYMISE, reason: `no change for ${this.config.dataProtection.retentionMonths} months` }, () =>
        this.em.fork().transactional(async (tx) => {
          const participant = await tx.findOne(Participant, { id: participantId, anonymisedAt: null });
          if (participant) {
            await this.anonymise(tx, participant);
            anonymised++;
          }
        }),
      );
    }
    return { cutoff, anonymised };
  }

  private async anonymise(tx: EntityManager, participant: Participant): Promise<void> {
    const now = this.clock.now();
    participant.anonymise(now);
    const pathways = await tx.find(Pathway, { participant: participant.id }, { populate: ['events', 'justiceJustification'] });
    for (const pathway of pathways) pathway.forgetPersonalDetails();
    const pathwayIds = pathways.map((pathway) => pathway.id);
    for (const diagnostic of await tx.find(Diagnostic, { pathway: { $in: pathwayIds } })) diagnostic.forgetPersonalDetails();
    for (const report of await tx.find(ReferentReport, { pathway: { $in: pathwayIds } })) report.forgetPersonalDetails();
  }
}
