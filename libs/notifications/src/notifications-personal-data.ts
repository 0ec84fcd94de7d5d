import { Injectable } from '@nestjs/common';
import { PersonalData, type PersonalDataPolicy } from '@parcours/audit';

/**
 * The outbox holds nothing personal: a report id, a status, dates and SMTP codes. The address is
 * read from the referent's account when sending and is stored nowhere; the text names no one.
 */
@PersonalData()
@Injectable()
export class NotificationsPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly notAboutParticipants = {
    OutboxMessage: ['id', 'report', 'channel', 'idempotencyKey', 'status', 'attempts', 'nextAttemptAt', 'leasedBy', 'leaseExpiresAt', 'smtpCode', 'lastError', 'skipReason', 'createdAt', 'finishedAt'],
  };
}
