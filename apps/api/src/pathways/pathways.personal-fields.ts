/**
 * The pathways GraphQL types that carry nothing about a participant. A type that does says so
 * on itself (@AboutParticipant, with @Personal() or @NotPersonal() on each field); a test fails on
 * a type that is in neither place.
 */
export const PATHWAYS_NO_PERSONAL_DATA: readonly string[] = ['Commune', 'PersonInCharge', 'Operator', 'PathwayEdge', 'PathwayConnection', 'PathwayPayload', 'PathwaysPayload', 'ParticipantPayload', 'ParticipantRecord', 'FranceTravailRegistration', 'MessageConsent', 'MessageAuthor', 'MessageReader', 'PathwayMessagePayload', 'ConversationReadPayload'];
