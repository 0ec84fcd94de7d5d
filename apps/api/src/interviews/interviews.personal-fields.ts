import { of, type GraphqlPersonalData } from '../audit/graphql-personal-data';

/** What of appointments and diagnostics is personal, field by field. */
export const INTERVIEWS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {
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
  },
  none: ['AppointmentPayload', 'DiagnosticPayload', 'BarrierAssessment', 'TargetJob'],
};
