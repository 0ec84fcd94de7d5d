import { of, type GraphqlPersonalData } from '../audit/graphql-personal-data';

/** What of a pathway and its person is personal, field by field. */
export const PATHWAYS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {
    Participant: {
      locate: (source) => ({ participantId: of(source, 'id'), objectType: 'Participant', objectId: of(source, 'id') }),
      personal: [
        'lastName', 'firstNames', 'birthDate', 'sex', 'phone', 'email', 'addressLine', 'postalCode', 'commune', 'rsaStatus',
        'franceTravail', 'educationLevel', 'informedOn', 'anonymised',
      ],
      other: ['id'],
    },
    ReferralSituation: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }),
      personal: ['commune', 'rsaStatus', 'barriers', 'eligibilityReasons', 'justiceJustification'],
      other: [],
    },
    Pathway: {
      locate: (source) => ({ participantId: of(source.participant as Record<string, unknown>, 'id'), objectType: 'Pathway', objectId: of(source, 'id') }),
      personal: ['declineComment'],
      other: [
        'id', 'status', 'participant', 'operator', 'referent', 'counsellor', 'referredAt', 'referredOn', 'situation', 'declineReason',
        'closedAt', 'waitingTooLong', 'history', 'appointments', 'diagnostic', 'proposals', 'placements', 'outcome', 'contacts', 'checkpoints',
      ],
    },
    PathwayEvent: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }),
      personal: ['comment', 'reason', 'outcomeCategory'],
      other: [
        'type', 'kind', 'at', 'byUserId', 'fromStatus', 'toStatus', 'fromUserId', 'toUserId', 'appointmentId', 'diagnosticId', 'proposalId', 'proposalStep',
        'placementId', 'contactId', 'checkpointId', 'fields', 'details',
      ],
    },
  },
  none: ['Commune', 'PersonInCharge', 'Operator', 'PathwayEdge', 'PathwayConnection', 'PathwayPayload', 'ParticipantPayload', 'ParticipantRecord', 'FranceTravailRegistration'],
};
