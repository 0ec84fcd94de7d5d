import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { entityPolicy, PersonalData, type DataSubject, type DataSubjectFinder, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { Participant } from '@parcours/participants';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { PathwayEvent } from './pathway-event.entity';
import { seesSensitiveDetails } from './pathway-scope';
import { Pathway } from './pathway.entity';
import { ReferralBarrier } from './referral-barrier.entity';
import type { PathwaysErrorCode } from './pathways-error';

/** The person a row hanging from a pathway is about. */
export const participantOf = (row: { pathway: { getEntity(): Pathway } }) => row.pathway.getEntity().participant.id;

/** One list of rows per pathway, keyed by its id, as an export part's `perPathway` wants them. */
export function byPathway<T>(ids: readonly string[], rows: T[][]): Record<string, T[]> {
  return Object.fromEntries(ids.map((id, index) => [id, rows[index]]));
}

/** How the data subjects are found: a person, and their pathways. */
class PathwaySubjects implements DataSubjectFinder {
  async find(em: EntityManager, viewer: Actor, participantId: string): Promise<DataSubject | null> {
    const pathways = await new ScopedReads(em, viewer).find(Pathway, { participant: participantId }, { fields: ['id'], orderBy: { referredAt: 'asc' } });
    return pathways.length > 0 ? { participantId, pathwayIds: pathways.map((pathway) => pathway.id) } : null;
  }

  async whole(em: EntityManager, participantId: string): Promise<DataSubject | null> {
    const participant = await new ScopedReads(em, SYSTEM).findOne(Participant, { id: participantId }, { fields: ['id', 'anonymisedAt'] });
    if (!participant) return null;
    const pathways = await new ScopedReads(em, SYSTEM).find(Pathway, { participant: participantId }, { fields: ['id'] });
    return { participantId, pathwayIds: pathways.map((pathway) => pathway.id), anonymisedAt: participant.anonymisedAt };
  }

  async erasureBlocker(em: EntityManager, participantId: string): Promise<{ code: PathwaysErrorCode; message: string } | null> {
    const open = await new ScopedReads(em, SYSTEM).count(Pathway, { participant: participantId, openKey: { $ne: null } });
    return open > 0 ? { code: 'PATHWAY_OPEN', message: 'The person has an open pathway: close it (exit or withdraw) before erasing.' } : null;
  }

  async retentionDue(em: EntityManager, cutoff: Date): Promise<string[]> {
    const reads = new ScopedReads(em, SYSTEM);
    // Through the ORM, so that dates compare the same way on SQLite and PostgreSQL.
    const stale = await reads.find(Pathway, { lastChangedAt: { $lt: cutoff }, participant: { anonymisedAt: null } }, { fields: ['participant'] });
    const recent = await reads.find(Pathway, { lastChangedAt: { $gte: cutoff }, participant: { id: { $in: stale.map((p) => p.participant.id) } } }, { fields: ['participant'] });
    const kept = new Set(recent.map((pathway) => pathway.participant.id));
    return [...new Set(stale.map((pathway) => pathway.participant.id))].filter((id) => !kept.has(id));
  }
}

/**
 * Pathways, their history and the barriers at referral; each stage folder declares its own rows
 * beside it (interviews/, proposals/, placements/, follow-ups/ *-personal-data.ts).
 */
@PersonalData()
@Injectable()
export class PathwaysPersonalData implements PersonalDataPolicy {
  readonly subjects = new PathwaySubjects();

  readonly entities = [
    entityPolicy<Pathway, 'referral' | 'exited'>({
      entity: Pathway,
      subject: (pathway) => pathway.participant.id,
      object: (pathway) => pathway.id,
      erase: ['justiceJustification', 'declineComment', 'exitComment'],
      keep: [
        'id', 'participant', 'operator', 'prescriber', 'referent', 'counsellor', 'status', 'openKey', 'acceptedOn', 'closedOn', 'referredAt', 'referredOn',
        'referral', 'referral_communeCode', 'referral_age', 'referral_rsaStatus', 'referral_eligibilityReasons', 'referralBarriers',
        'declineReason', 'acceptedAt', 'closedAt', 'version', 'lastChangedAt', 'lastContactOn', 'nextAppointmentAt', 'events', 'appointments', 'diagnostics', 'proposals', 'placements', 'checkpoints', 'contacts',
        'exited', 'exited_on', 'exited_reason', 'exited_category', 'exited_basis', 'exited_contractType', 'exited_parameters', 'exited_declared',
      ],
    }),
    entityPolicy<PathwayEvent>({
      entity: PathwayEvent,
      subject: participantOf,
      // Events get their id on insert: they are named by their pathway.
      object: (event) => event.pathway.id,
      erase: ['comment', 'reason'],
      keep: [
        'id', 'pathway', 'type', 'at', 'by', 'fromStatus', 'toStatus', 'fromUser', 'toUser', 'appointment', 'diagnostic', 'proposal', 'proposalStep',
        'placement', 'contact', 'checkpoint', 'outcomeCategory', 'fields', 'recorded',
      ],
    }),
    entityPolicy<ReferralBarrier>({
      entity: ReferralBarrier,
      subject: participantOf,
      object: (barrier) => barrier.pathway.id,
      erase: [],
      keep: ['id', 'pathway', 'theme'],
    }),
  ];

  readonly notAboutParticipants = {
    RefusedReferral: ['id', 'referent', 'prescriber', 'operator', 'communeCode', 'refusedOn', 'unmetCodes', 'at', 'dedupeKey'],
  };

  async exportOf(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart> {
    const reads = new ScopedReads(em, viewer);
    const ids = subject.pathwayIds;
    const [pathways, events] = await Promise.all([
      reads.find(Pathway, { id: { $in: ids } }, { populate: ['operator', 'referent', 'counsellor', 'referralBarriers', 'justiceJustification'], orderBy: { referredAt: 'asc' } }),
      reads.byParent(PathwayEvent, 'pathway', ids, { orderBy: { id: 'asc' } }),
    ]);
    const sensitive = seesSensitiveDetails(viewer);
    return {
      sections: {
        pathways: pathways.map((pathway) => ({
          id: pathway.id,
          operator: pathway.operator.getEntity().name,
          referent: pathway.referent.getEntity().fullName,
          counsellor: pathway.counsellor?.getEntity().fullName ?? null,
          status: pathway.status,
          referredAt: pathway.referredAt,
          situationAtReferral: {
            communeCode: pathway.referral.communeCode,
            ageAtReferral: pathway.referral.age,
            rsaStatus: pathway.referral.rsaStatus,
            barriers: pathway.referralBarriers.getItems().map((barrier) => barrier.theme),
            justiceJustification: sensitive ? pathway.justiceJustification : null,
            eligibilityReasons: pathway.referral.eligibilityReasons.split(','),
          },
          declineReason: pathway.declineReason,
          declineComment: pathway.declineComment,
          acceptedAt: pathway.acceptedAt,
          closedAt: pathway.closedAt,
          exit: pathway.exited
            ? { exitedOn: pathway.exited.on, reason: pathway.exited.reason, comment: pathway.exitComment, outcomeCategory: pathway.exited.category, outcomeBasis: pathway.exited.basis, declaredSituation: pathway.exited.declared }
            : null,
        })),
      },
      perPathway: {
        history: byPathway(ids,
          events.map((rows) =>
            rows.map((event) => ({
              type: event.type,
              at: event.at,
              fromStatus: event.fromStatus,
              toStatus: event.toStatus,
              reason: event.reason,
              comment: event.comment,
              fromUserId: event.fromUser?.id ?? null,
              toUserId: event.toUser?.id ?? null,
              appointmentId: event.appointment?.id ?? null,
              diagnosticId: event.diagnostic?.id ?? null,
              proposalId: event.proposal?.id ?? null,
              proposalStep: event.proposalStep,
              placementId: event.placement?.id ?? null,
              contactId: event.contact?.id ?? null,
              checkpointId: event.checkpoint?.id ?? null,
              outcomeCategory: event.outcomeCategory,
              fields: event.fields?.split(',') ?? null,
            })),
          ),
        ),
      },
    };
  }

  async forget(em: EntityManager, subject: DataSubject): Promise<void> {
    const reads = new ScopedReads(em, SYSTEM);
    const ids = subject.pathwayIds;
    for (const pathway of await reads.find(Pathway, { id: { $in: ids } }, { populate: ['events', 'justiceJustification'] })) pathway.forgetPersonalDetails();
  }
}
