import type { GraphqlPersonalData } from '../audit/graphql-personal-data';

/** A funding convention, and the outcome figures, are about no person: aggregates only. */
export const CONVENTIONS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {},
  none: ['Convention', 'ConventionPayload', 'OrganisationName', 'OutcomeReport', 'OutcomeRow', 'OutcomeFigures', 'Figure', 'ExportLink', 'ExportLinkPayload', 'Caseload', 'StatusCount', 'CategoryCount'],
};
