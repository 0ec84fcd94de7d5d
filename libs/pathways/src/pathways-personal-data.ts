import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { entityPolicy, PersonalData, type DataSubject, type DataSubjectFinder, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { Participant } from '@parcours/participants';
import { ScopedReads, SYSTEM } from '@parcours/unit-of-work';
import { Appointment } from './interviews/appointment.entity';
import { diagnosticSeenBy } from './interviews/diagnostic-view';
import { Diagnostic } from './interviews/diagnostic.entity';
import { PathwayEvent } from './pathway-event.entity';
import { seesSensitiveDetails } from './pathway-scope';
import { Pathway } from './pathway.entity';
import { ReferralBarrier } from './referral-barrier.entity';
import type { PathwaysErrorCode } from './pathways-error';
import { Proposal, ProposalStep } from './proposals/proposal.entity';
import { Placement } from './placements/placement.entity';
import { Checkpoint } from './follow-ups/checkpoint.entity';
import { Contact } from './follow-ups/contact.entity';
import { BarrierTheme } from '@parcours/participants';

const participantOf = (row: { pathway: { getEntity(): Pathway } }) => row.pathway.getEntity().participant.id;

/** How the data subjects are found: a person, and their pathways. */
class PathwaySubjects implements DataSubjectFinder {
  async find(em: EntityManager, viewer: Actor, participantId: string): Promise<DataSubject | null> {
    const pathways = await new ScopedReads(em, viewer).find(Pathway, { participant: participantId }, { fields: ['id'], orderBy: { referredAt: 'asc' } });
    return pathways.length > 0 ? { participantId, pathwayIds: pathways.map((pathway) => pathway.id) } : null;
  }

  async whole(em: EntityManager, participantId: string): Promise<DataSubject | null> {
    const participant = await em.findOne(Participant, participantId, { fields: ['id', 'anonymisedAt'] });
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

/** Pathways, their history, barriers at referral, appointments and diagnostics. */
@PersonalData()
@Injectable()
export class PathwaysPersonalData implements PersonalDataPolicy {
  readonly subjects = new PathwaySubjects();

  readonly entities = [
    entityPolicy<Pathway>({
      entity: Pathway,
      subject: (pathway) => pathway.participant.id,
      object: (pathway) => pathway.id,
      erase: ['justiceJustification', 'declineComment', 'exitComment'],
      keep: [
        'id', 'participant', 'operator', 'prescriber', 'referent', 'counsellor', 'status', 'openKey', 'acceptedOn', 'closedOn', 'referredAt', 'referredOn', 'referralCommuneCode',
        'ageAtReferral', 'referralRsaStatus', 'referralBarriers', 'eligibilityReasons', 'declineReason', 'acceptedAt', 'closedAt',
        'version', 'lastChangedAt', 'events', 'appointments', 'diagnostics', 'proposals', 'placements', 'checkpoints', 'contacts',
        'exitedOn', 'exitReason', 'outcomeCategory', 'outcomeBasis', 'outcomeContractType', 'outcomeParameters', 'declaredSituation',
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
    entityPolicy<Diagnostic>({
      entity: Diagnostic,
      subject: participantOf,
      object: (diagnostic) => diagnostic.id,
      erase: ['notes', 'strengths', 'summary'],
      keep: [
        'id', 'pathway', 'appointment', 'recordedBy', 'assessments', 'targetJobs', 'contractTypes', 'workingTime', 'mobilityRadiusKm',
        'availableFrom', 'readiness', 'recordedAt', 'recordedOn', 'correctedAt',
      ],
    }),
    entityPolicy<Appointment>({
      entity: Appointment,
      subject: participantOf,
      object: (appointment) => appointment.id,
      erase: [],
      keep: ['id', 'pathway', 'counsellor', 'startsAt', 'startsOn', 'channel', 'place', 'status', 'outcomeAt', 'createdAt'],
    }),
    entityPolicy<Proposal>({
      entity: Proposal,
      subject: participantOf,
      object: (proposal) => proposal.id,
      erase: [],
      keep: ['id', 'pathway', 'opportunity', 'status', 'openKey', 'proposedAt', 'proposedOn', 'lastStepOn', 'lastStepAt', 'reason', 'steps'],
    }),
    entityPolicy<ProposalStep>({
      entity: ProposalStep,
      subject: (step) => participantOf(step.proposal.getEntity()),
      object: (step) => step.proposal.id,
      erase: ['comment'],
      keep: ['id', 'proposal', 'step', 'on', 'reason', 'by', 'at'],
    }),
    entityPolicy<Placement>({
      entity: Placement,
      subject: participantOf,
      object: (placement) => placement.id,
      erase: ['endComment'],
      keep: [
        'id', 'pathway', 'contractType', 'partner', 'client', 'startOn', 'plannedEndOn', 'endedOn', 'endReason', 'hoursPerWeek', 'qualification', 'level',
        'proposal', 'startedBy', 'createdAt', 'endedAt', 'correctedAt',
      ],
    }),
    entityPolicy<Checkpoint>({
      entity: Checkpoint,
      subject: participantOf,
      object: (checkpoint) => checkpoint.id,
      erase: [],
      keep: ['id', 'pathway', 'key', 'kind', 'offset', 'placement', 'dueOn', 'status', 'missedAt', 'recordedAt'],
    }),
    entityPolicy<Contact>({
      entity: Contact,
      subject: participantOf,
      object: (contact) => contact.id,
      erase: ['justiceJustification', 'note', 'nextStep'],
      keep: ['id', 'pathway', 'kind', 'on', 'reached', 'situation', 'difficulties', 'checkpoint', 'recordedBy', 'recordedAt'],
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
    RefusedReferral: ['id', 'referent', 'prescriber', 'operator', 'communeCode', 'refusedOn', 'unmetCodes', 'at'],
  };

  async exportOf(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart> {
    const reads = new ScopedReads(em, viewer);
    const ids = subject.pathwayIds;
    const [pathways, appointments, diagnostics, events, proposals, placements, contacts, checkpoints] = await Promise.all([
      reads.find(Pathway, { id: { $in: ids } }, { populate: ['operator', 'referent', 'counsellor', 'referralBarriers', 'justiceJustification'], orderBy: { referredAt: 'asc' } }),
      reads.byParent(Appointment, 'pathway', ids, { orderBy: { startsAt: 'asc' } }),
      reads.byParent(Diagnostic, 'pathway', ids, { orderBy: { recordedAt: 'asc' } }),
      reads.byParent(PathwayEvent, 'pathway', ids, { orderBy: { id: 'asc' } }),
      reads.byParent(Proposal, 'pathway', ids, { orderBy: { proposedAt: 'asc', id: 'asc' }, populate: ['steps', 'opportunity.partner.organisation'] }),
      reads.byParent(Placement, 'pathway', ids, { orderBy: { startOn: 'asc', createdAt: 'asc' }, populate: ['partner.organisation', 'client.organisation'] }),
      reads.byParent(Contact, 'pathway', ids, { orderBy: { on: 'asc', recordedAt: 'asc' }, populate: ['justiceJustification'] }),
      reads.byParent(Checkpoint, 'pathway', ids, { orderBy: { dueOn: 'asc', key: 'asc' } }),
    ]);
    const sensitive = seesSensitiveDetails(viewer);
    const byId = <T>(rows: T[][]) => Object.fromEntries(ids.map((id, index) => [id, rows[index]]));
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
            communeCode: pathway.referralCommuneCode,
            ageAtReferral: pathway.ageAtReferral,
            rsaStatus: pathway.referralRsaStatus,
            barriers: pathway.referralBarriers.getItems().map((barrier) => barrier.theme),
            justiceJustification: sensitive ? pathway.justiceJustification : null,
            eligibilityReasons: pathway.eligibilityReasons.split(','),
          },
          declineReason: pathway.declineReason,
          declineComment: pathway.declineComment,
          acceptedAt: pathway.acceptedAt,
          closedAt: pathway.closedAt,
          exit: pathway.exitedOn
            ? { exitedOn: pathway.exitedOn, reason: pathway.exitReason, comment: pathway.exitComment, outcomeCategory: pathway.outcomeCategory, outcomeBasis: pathway.outcomeBasis, declaredSituation: pathway.declaredSituation }
            : null,
        })),
      },
      perPathway: {
        appointments: byId(appointments.map((rows) => rows.map(({ startsAt, channel, place, status, outcomeAt }) => ({ startsAt, channel, place, status, outcomeAt })))),
        diagnostics: byId(
          diagnostics.map((rows) =>
            rows.map((diagnostic) => {
              const { recordedAt, correctedAt, readiness, assessments, targetJobs, contractTypes, workingTime, mobilityRadiusKm, availableFrom, strengths, summary } = diagnosticSeenBy(diagnostic, viewer);
              return { recordedAt, correctedAt, readiness, assessments, targetJobs, contractTypes, workingTime, mobilityRadiusKm, availableFrom, strengths, summary };
            }),
          ),
        ),
        proposals: byId(
          proposals.map((rows) =>
            rows.map((proposal) => ({
              offer: proposal.offer(),
              status: proposal.status,
              proposedOn: proposal.proposedOn,
              steps: proposal.steps.getItems().map(({ step, on, reason, comment }) => ({ step, on, reason, comment: sensitive ? comment : null })),
            })),
          ),
        ),
        placements: byId(placements.map((rows) => rows.map((placement) => ({ ...placement.summary(), endComment: sensitive ? placement.endComment : null })))),
        contacts: byId(
          contacts.map((rows) =>
            rows.map((contact) => ({
              kind: contact.kind,
              on: contact.on,
              reached: contact.reached,
              situation: contact.situation,
              difficulties: sensitive ? contact.difficulties : contact.difficulties.filter((difficulty) => difficulty.theme !== BarrierTheme.JUSTICE),
              justiceJustification: sensitive ? contact.justiceJustification : null,
              note: sensitive ? contact.note : null,
              nextStep: contact.nextStep,
            })),
          ),
        ),
        checkpoints: byId(checkpoints.map((rows) => rows.map(({ kind, offset, dueOn, status }) => ({ kind, offset, dueOn, status })))),
        history: byId(
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
    for (const diagnostic of await reads.find(Diagnostic, { pathway: { $in: ids } })) diagnostic.forgetPersonalDetails();
    for (const proposal of await reads.find(Proposal, { pathway: { $in: ids } }, { populate: ['steps'] })) proposal.forgetPersonalDetails();
    for (const placement of await reads.find(Placement, { pathway: { $in: ids } })) placement.forgetPersonalDetails();
    for (const contact of await reads.find(Contact, { pathway: { $in: ids } }, { populate: ['justiceJustification'] })) contact.forgetPersonalDetails();
    // The calendar of an exited pathway goes on until the person is erased.
    for (const checkpoint of await reads.find(Checkpoint, { pathway: { $in: ids } })) checkpoint.cancel();
  }
}
