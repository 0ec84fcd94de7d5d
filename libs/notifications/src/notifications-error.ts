import { DomainError } from '@parcours/core';

/** Every expected failure of the e-mails and notifications, by its stable code. */
export const NotificationsErrorCode = {
  NOT_DEAD_LETTER: 'NOT_DEAD_LETTER',
  /** A kind of notice the user's role is not told of, OFF for a kind that always reaches the console, or a kind named twice. */
  INVALID_NOTIFICATION_SETTING: 'INVALID_NOTIFICATION_SETTING',
} as const;
export type NotificationsErrorCode = (typeof NotificationsErrorCode)[keyof typeof NotificationsErrorCode];

declare module '@parcours/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the module's codes join ErrorCode (libs/core/src/domain-error.ts)
  interface ErrorCodes extends Record<NotificationsErrorCode, true> {}
}

export class NotDeadLetterError extends DomainError {
  constructor() {
    super(NotificationsErrorCode.NOT_DEAD_LETTER, 'Only a dead message can be retried; this one is waiting, sent or skipped.', ['input', 'messageId']);
  }
}
