import { of, type GraphqlPersonalData } from '../audit/graphql-personal-data';

/** What of a report to the referent is personal, field by field. */
export const REPORTS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {
    ReferentReport: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'ReferentReport', objectId: of(source, 'id') }),
      personal: ['participantName', 'readiness', 'barriers', 'declineReason', 'proposal', 'placement', 'followUp', 'exit', 'nextStep', 'counsellorSummary'],
      other: ['id', 'kind', 'correction', 'pathwayId', 'participantId', 'eventAt', 'dueOn', 'state', 'acknowledgedAt', 'referentId'],
    },
  },
  none: ['ReportPayload', 'ReferentReportEdge', 'ReferentReportConnection', 'ReportedBarrier', 'ReportedProposal', 'ReportedPlacement', 'ReportedDifficulty', 'ReportedFollowUp', 'ReportedExit'],
};
