import { Injectable } from '@nestjs/common';
import { PersonalData, type PersonalDataPolicy } from '@parcours/audit';

/**
 * The outbox holds nothing personal: a report or link id, a status, dates and SMTP codes. The
 * address is read from the account when sending and is stored nowhere; the text names no one.
 */
@PersonalData()
@Injectable()
export class NotificationsPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly notAboutParticipants = {
    OutboxMessage: ['id', 'report', 'accountToken', 'channel', 'idempotencyKey', 'status', 'attempts', 'nextAttemptAt', 'leasedBy', 'leaseExpiresAt', 'smtpCode', 'lastError', 'skipReason', 'createdAt', 'finishedAt'],
  };
}
