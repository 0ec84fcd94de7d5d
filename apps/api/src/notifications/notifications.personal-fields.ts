/**
 * The notifications GraphQL types that carry nothing about a participant. A type that does says so
 * on itself (@AboutParticipant, with @Personal() or @NotPersonal() on each field); a test fails on
 * a type that is in neither place.
 */
export const NOTIFICATIONS_NO_PERSONAL_DATA: readonly string[] = ['OutboxMessage', 'OutboxMessageEdge', 'OutboxMessageConnection', 'OutboxMessagePayload', 'NotificationSettingsPayload', 'PersonMessage', 'StaffNotificationEdge', 'StaffNotificationConnection', 'NotificationsReadPayload', 'NotificationEmailSetting'];
