/**
 * The accounts GraphQL types that carry nothing about a participant. A type that does says so
 * on itself (@AboutParticipant, with @Personal() or @NotPersonal() on each field); a test fails on
 * a type that is in neither place.
 */
export const ACCOUNTS_NO_PERSONAL_DATA: readonly string[] = ['SessionTokens', 'SessionPayload', 'LogoutPayload', 'User', 'UserEdge', 'UserConnection', 'UserPayload', 'Organisation', 'OrganisationContact', 'OrganisationEdge', 'OrganisationConnection', 'OrganisationPayload', 'ReferentSummary', 'OpenWorkNode', 'AccountEvent', 'DeactivateUserPayload', 'RequestPasswordResetPayload', 'ResetPasswordPayload', 'ReminderDelay', 'ReminderDelaysPayload'];
