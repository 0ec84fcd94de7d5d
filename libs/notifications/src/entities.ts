import { OutboxMessage } from './outbox-message.entity';

/** The entities of libs/notifications (the outbox of e-mails): libs/db gives the ORM every lib's list. A new entity goes here, then `npm run migration:create -- NAME`. */
export const NOTIFICATIONS_ENTITIES = [OutboxMessage] as const;
