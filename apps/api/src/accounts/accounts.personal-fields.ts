import type { GraphqlPersonalData } from '../audit/graphql-personal-data';

/** Staff accounts and organisations are not participants' data. */
export const ACCOUNTS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {},
  none: ['SessionTokens', 'SessionPayload', 'LogoutPayload', 'User', 'UserEdge', 'UserConnection', 'UserPayload', 'Organisation', 'OrganisationEdge', 'OrganisationConnection', 'OrganisationPayload', 'ReferentSummary', 'OpenWorkNode', 'AccountEvent', 'DeactivateUserPayload', 'RequestPasswordResetPayload', 'ResetPasswordPayload'],
};
