import type { User } from '@parcours/accounts';
import type { Participant } from '@parcours/participants';
import type { EligibilityReason, Pathway, PathwayEvent } from '@parcours/pathways';
import type { Territory } from '@parcours/territory';
import type { Commune, ParticipantNode, PathwayEventNode, PathwayNode, PersonInCharge } from './pathways.types';

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
    return {
      pathwayId: event.pathway.id,
      participantId,
      kind: event.kind,
      at: event.at,
      byUserId: event.by?.id ?? null,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      comment: event.comment,
      details: event.details,
    };
  }
}

function personInCharge(user: User, organisationName?: string): PersonInCharge {
  return { id: user.id, fullName: user.fullName, organisationName: organisationName ?? user.organisation.getEntity().name };
}
