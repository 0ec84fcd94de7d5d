import type { GraphqlPersonalData } from '../audit/graphql-personal-data';

/** The outbox names no one: report ids, statuses, dates and SMTP codes. */
export const NOTIFICATIONS_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {},
  none: ['OutboxMessage', 'OutboxMessageEdge', 'OutboxMessageConnection', 'OutboxMessagePayload', 'NotificationSettingsPayload'],
};
