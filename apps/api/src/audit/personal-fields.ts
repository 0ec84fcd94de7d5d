/**
 * WHERE A NEW GRAPHQL FIELD ABOUT A PERSON IS DECLARED. Every object type of the schema is either
 * listed in PERSONAL_FIELDS, with each of its fields said to be personal or not, or named in
 * NO_PERSONAL_DATA. Reading a personal field writes an audit entry (audit-reads.middleware.ts).
 * A test walks the generated schema and fails on any type or field left out.
 */
export interface PersonalType {
  /** How the audit names what was read: the person, and the object. */
  locate(source: Record<string, unknown>): { participantId: string; objectType: string; objectId: string };
  personal: readonly string[];
  other: readonly string[];
}

const of = (source: Record<string, unknown>, key: string) => String(source[key] ?? '');

export const PERSONAL_FIELDS: Record<string, PersonalType> = {
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
      'closedAt', 'waitingTooLong', 'history', 'appointments', 'diagnostic',
    ],
  },
  PathwayEvent: {
    locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }),
    personal: ['comment', 'reason'],
    other: ['type', 'kind', 'at', 'byUserId', 'fromStatus', 'toStatus', 'fromUserId', 'toUserId', 'appointmentId', 'diagnosticId', 'fields', 'details'],
  },
  Appointment: {
    locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }),
    personal: ['startsAt', 'place'],
    other: ['id', 'channel', 'status', 'counsellor', 'needsUpdate'],
  },
  Diagnostic: {
    locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Diagnostic', objectId: of(source, 'id') }),
    personal: ['readiness', 'assessments', 'targetJobs', 'contractTypes', 'workingTime', 'mobilityRadiusKm', 'availableFrom', 'strengths', 'summary'],
    other: ['id', 'recordedAt', 'correctedAt'],
  },
  ReferentReport: {
    locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'ReferentReport', objectId: of(source, 'id') }),
    personal: ['participantName', 'readiness', 'barriers', 'declineReason', 'nextStep', 'counsellorSummary'],
    other: ['id', 'kind', 'correction', 'pathwayId', 'participantId', 'eventAt', 'dueOn', 'state', 'acknowledgedAt', 'referentId'],
  },
};

/** Types that carry nothing about a participant (staff accounts are not participants' data). */
export const NO_PERSONAL_DATA: readonly string[] = [
  'Query', 'Mutation', 'ServerInfo', 'PageInfo', 'UserError', 'SessionTokens', 'SessionPayload', 'LogoutPayload',
  'User', 'UserEdge', 'UserConnection', 'UserPayload', 'Organisation', 'OrganisationEdge', 'OrganisationConnection',
  'OrganisationPayload', 'Operator', 'ReferentSummary', 'Commune', 'PersonInCharge', 'PathwayEdge', 'PathwayConnection',
  'PathwayPayload', 'ParticipantPayload', 'ParticipantRecord', 'FranceTravailRegistration', 'AuditEntry', 'AuditEntryEdge',
  'AuditEntryConnection', 'ErasePayload', 'Subscription', 'AppointmentPayload', 'DiagnosticPayload', 'ReportPayload',
  'ReferentReportEdge', 'ReferentReportConnection', 'BarrierAssessment', 'TargetJob', 'ReportedBarrier',
];
