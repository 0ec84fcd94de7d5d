import type { User } from '@parcours/accounts';
import type { Participant } from '@parcours/participants';
import type { Territory } from '@parcours/territory';
import type { EligibilityReason, JourneyEventType, Pathway, PathwayEvent } from '@parcours/pathways';
import { PathwayEventKind, type Commune, type ParticipantNode, type PathwayEventNode, type PathwayNode, type PersonInCharge } from './pathways.types';

const LEGACY_KIND: Partial<Record<JourneyEventType, PathwayEventKind>> = {
  CounsellorAssigned: PathwayEventKind.COUNSELLOR_ASSIGNED,
  ReferentAssigned: PathwayEventKind.REFERENT_ASSIGNED,
  ParticipantUpdated: PathwayEventKind.PARTICIPANT_UPDATED,
  AppointmentRescheduled: PathwayEventKind.APPOINTMENT_RESCHEDULED,
  DiagnosticCorrected: PathwayEventKind.DIAGNOSTIC_CORRECTED,
};

/** The deprecated `details` string, written from the typed columns as earlier versions wrote it. */
function legacyDetails(typed: Pick<PathwayEventNode, 'fromUserId' | 'toUserId' | 'appointmentId' | 'diagnosticId' | 'fields'>): string | null {
  if (typed.fromUserId && typed.toUserId) return `from:${typed.fromUserId} to:${typed.toUserId}`;
  if (typed.toUserId) return `counsellor:${typed.toUserId}`;
  if (typed.appointmentId) return `appointment:${typed.appointmentId}`;
  if (typed.diagnosticId) return `diagnostic:${typed.diagnosticId}`;
  return typed.fields?.join(',') ?? null;
}

/** Entities to GraphQL objects. Pathways must come with their participant, operator, referent and counsellor loaded. */
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

  participant(participant: Participant): ParticipantNode {
    return {
      id: participant.id,
      lastName: participant.lastName,
      firstNames: participant.firstNames,
      birthDate: participant.birthDate,
      sex: participant.sex,
      anonymised: participant.anonymisedAt !== null,
      phone: participant.phone,
      email: participant.email,
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

  pathway(pathway: Pathway, waitingTooLong: boolean): PathwayNode {
    const operator = pathway.operator.getEntity();
    return {
      id: pathway.id,
      status: pathway.status,
      participant: this.participant(pathway.participant.getEntity()),
      operator: { id: operator.id, name: operator.name },
      referent: personInCharge(pathway.referent.getEntity()),
      counsellor: pathway.counsellor ? personInCharge(pathway.counsellor.getEntity(), operator.name) : null,
      referredAt: pathway.referredAt,
      referredOn: pathway.referredOn,
      situation: {
        pathwayId: pathway.id,
        participantId: pathway.participant.id,
        commune: this.commune(pathway.referralCommuneCode),
        rsaStatus: pathway.referralRsaStatus,
        barriers: pathway.referralBarriers.getItems().map((barrier) => barrier.theme).sort(),
        eligibilityReasons: pathway.eligibilityReasons.split(',').filter(Boolean) as EligibilityReason[],
      },
      declineReason: pathway.declineReason,
      declineComment: pathway.declineComment,
      closedAt: pathway.closedAt,
      waitingTooLong,
    };
  }

  event(event: PathwayEvent, participantId: string): PathwayEventNode {
    const typed = {
      fromUserId: event.fromUser?.id ?? null,
      toUserId: event.toUser?.id ?? null,
      appointmentId: event.appointment?.id ?? null,
      diagnosticId: event.diagnostic?.id ?? null,
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

function personInCharge(user: User, organisationName?: string): PersonInCharge {
  return { id: user.id, fullName: user.fullName, organisationName: organisationName ?? user.organisation.getEntity().name };
}
