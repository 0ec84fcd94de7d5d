import { of, type GraphqlPersonalData } from '../audit/graphql-personal-data';

/** What of proposals and candidates is personal, field by field: what was proposed to whom, and how it went. */
export const PROPOSALS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {
    Proposal: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Proposal', objectId: of(source, 'id') }),
      personal: ['status', 'offer', 'proposedOn', 'lastStepOn', 'reason', 'steps', 'placementDraft'],
      other: ['id'],
    },
    Candidate: {
      locate: (source) => ({ participantId: of(source, 'participantId'), objectType: 'Pathway', objectId: of(source, 'pathwayId') }),
      personal: ['score', 'reasons'],
      other: ['pathway'],
    },
  },
  none: ['ProposalPayload', 'ProposedOffer', 'ProposalStep', 'PlacementDraft', 'CandidateEdge', 'CandidateConnection'],
};
