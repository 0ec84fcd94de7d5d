import { of, type GraphqlPersonalData } from '../audit/graphql-personal-data';

/** What of placements and exits is personal, field by field: where the person works or trains, and how their pathway ended. */
export const PLACEMENTS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {
    Placement: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Placement', objectId: of(source, 'id') }),
      personal: ['contractType', 'employer', 'tempAgency', 'client', 'trainingBody', 'startOn', 'plannedEndOn', 'endedOn', 'endReason', 'endComment', 'running', 'hoursPerWeek', 'qualification', 'level', 'correctedAt'],
      other: ['id', 'proposalId'],
    },
    Outcome: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }),
      personal: ['category', 'exitedOn', 'reason', 'comment', 'basis', 'declaredSituation'],
      other: ['sixMonthsRule', 'tempChainGapDays'],
    },
  },
  none: ['PlacementPayload', 'ExitPayload', 'OutcomeBasis', 'DeclaredSituation'],
};
