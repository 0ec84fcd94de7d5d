import { OutboxMessage } from './outbox-message.entity';
import { StaffNotification } from './staff/staff-notification.entity';

/** The entities of libs/notifications (the outbox, the staff's notifications): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const NOTIFICATIONS_ENTITIES = [OutboxMessage, StaffNotification] as const;
