import { of, type GraphqlPersonalData } from '../audit/graphql-personal-data';

/** What of the in-job follow-up is personal, field by field: how the person is doing at work. */
export const FOLLOW_UPS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {
    Contact: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Contact', objectId: of(source, 'id') }),
      personal: ['kind', 'on', 'reached', 'situation', 'difficulties', 'justiceJustification', 'note', 'nextStep', 'recordedAt'],
      other: ['id', 'checkpointId'],
    },
    Checkpoint: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }),
      personal: ['dueOn', 'status', 'recordedAt', 'missedAt'],
      other: ['id', 'kind', 'offset', 'placementId', 'pathwayId'],
    },
  },
  none: ['ContactPayload', 'FollowUpDifficulty', 'FollowUpDue', 'FollowUpDueEdge', 'FollowUpDueConnection'],
};
