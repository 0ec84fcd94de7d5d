import type { Territory } from '@parcours/territory';
import type { JourneyEventType, ParticipantView, PathwayEvent, PathwayView } from '@parcours/pathways';
import { PathwayEventKind, type Commune, type ParticipantNode, type PathwayEventNode, type PathwayNode } from './pathways.types';
import { phoneToCheck } from '@parcours/participants';

const LEGACY_KIND: Partial<Record<JourneyEventType, PathwayEventKind>> = {
  CounsellorAssigned: PathwayEventKind.COUNSELLOR_ASSIGNED,
  ReferentAssigned: PathwayEventKind.REFERENT_ASSIGNED,
  ParticipantUpdated: PathwayEventKind.PARTICIPANT_UPDATED,
  AppointmentRescheduled: PathwayEventKind.APPOINTMENT_RESCHEDULED,
  DiagnosticCorrected: PathwayEventKind.DIAGNOSTIC_CORRECTED,
  OpportunityProposed: PathwayEventKind.PROPOSAL,
  ProposalStepRecorded: PathwayEventKind.PROPOSAL,
  PlacementStarted: PathwayEventKind.PLACEMENT,
  PlacementEnded: PathwayEventKind.PLACEMENT,
  PlacementCorrected: PathwayEventKind.PLACEMENT,
  ContactRecorded: PathwayEventKind.FOLLOW_UP,
  CheckpointMissed: PathwayEventKind.FOLLOW_UP,
};

/** The deprecated `details` string, written from the typed columns as earlier versions wrote it. */
function legacyDetails(typed: Pick<PathwayEventNode, 'fromUserId' | 'toUserId' | 'appointmentId' | 'diagnosticId' | 'fields'>): string | null {
  if (typed.fromUserId && typed.toUserId) return `from:${typed.fromUserId} to:${typed.toUserId}`;
  if (typed.toUserId) return `counsellor:${typed.toUserId}`;
  if (typed.appointmentId) return `appointment:${typed.appointmentId}`;
  if (typed.diagnosticId) return `diagnostic:${typed.diagnosticId}`;
  return typed.fields?.join(',') ?? null;
}

/** Views and entities to GraphQL objects. */
export class PathwaysMapping {
  constructor(private readonly territory: Territory) {}

  commune(inseeCode: string): Commune {
    const commune = this.territory.commune(inseeCode);
    return {
      inseeCode,
      name: commune?.name ?? inseeCode,
      postalCodes: commune?.postalCodes ?? [],
      departmentCode: commune?.departmentCode ?? '',
      inTerritory: this.territory.includes(inseeCode),
    };
  }

  participant(participant: ParticipantView): ParticipantNode {
    return {
      id: participant.id,
      lastName: participant.lastName,
      firstNames: participant.firstNames,
      birthDate: participant.birthDate,
      sex: participant.sex,
      anonymised: participant.anonymisedAt !== null,
      phone: participant.phone,
      phoneToCheck: phoneToCheck(participant.phone),
      email: participant.email,
      messageConsents: participant.messageConsents,
      addressLine: participant.addressLine,
      postalCode: participant.postalCode,
      commune: this.commune(participant.communeCode),
      rsaStatus: participant.rsaStatus,
      franceTravail: {
        registered: participant.franceTravailRegistered,
        identifier: participant.franceTravailId,
        missingReason: participant.franceTravailMissingReason,
      },
      educationLevel: participant.educationLevel,
      informedOn: participant.informedOn,
    };
  }

  pathway(pathway: PathwayView, waitingTooLong: boolean): PathwayNode {
    return {
      id: pathway.id,
      status: pathway.status,
      participant: this.participant(pathway.participant),
      operator: pathway.operator,
      referent: pathway.referent,
      counsellor: pathway.counsellor ? { ...pathway.counsellor, organisationName: pathway.operator.name } : null,
      referredAt: pathway.referredAt,
      referredOn: pathway.referredOn,
      situation: {
        pathwayId: pathway.id,
        participantId: pathway.participant.id,
        commune: this.commune(pathway.referralCommuneCode),
        rsaStatus: pathway.referralRsaStatus,
        barriers: pathway.barriers,
        eligibilityReasons: pathway.eligibilityReasons,
      },
      declineReason: pathway.declineReason,
      declineComment: pathway.declineComment,
      closedAt: pathway.closedAt,
      waitingTooLong,
      lastContactOn: pathway.lastContactOn,
      nextAppointmentAt: pathway.nextAppointmentAt,
      exit: pathway.exit,
    };
  }

  event(event: PathwayEvent, participantId: string): PathwayEventNode {
    const typed = {
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
    };
    return {
      pathwayId: event.pathway.id,
      participantId,
      type: event.type,
      kind: event.toStatus ? PathwayEventKind.TRANSITION : LEGACY_KIND[event.type] ?? PathwayEventKind.TRANSITION,
      at: event.at,
      byUserId: event.by?.id ?? null,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      comment: event.comment,
      ...typed,
      details: legacyDetails(typed),
    };
  }
}
