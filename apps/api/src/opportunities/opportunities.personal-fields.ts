import type { GraphqlPersonalData } from '../audit/graphql-personal-data';

/**
 * Partners and offers are about no participant. A partner's contact is personal data of the
 * contact person, not of a participant: its retention is the module's (opportunities-personal-data.ts).
 */
export const OPPORTUNITIES_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {},
  none: [
    'Partner', 'PartnerContact', 'PartnerChange', 'PartnerSummary', 'PartnerPayload', 'PartnerEdge', 'PartnerConnection',
    'Opportunity', 'OpportunityPayload', 'OpportunityEdge', 'OpportunityConnection',
  ],
};
