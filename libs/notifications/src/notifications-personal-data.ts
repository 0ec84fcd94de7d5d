import type { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@parcours/accounts';
import { PersonalData, type DataSubject, type ExportPart, type PersonalDataPolicy } from '@parcours/audit';
import { byPathway } from '@parcours/pathways';
import { ScopedReads } from '@parcours/unit-of-work';
import { OutboxMessage } from './outbox-message.entity';

/**
 * The outbox holds nothing personal: a report, link or appointment id, what a message to a person
 * is (a convocation, a new time, a cancellation, a reminder and its delay), a status, dates and SMTP codes. The address is
 * read from the account (the person's record) when sending and is stored nowhere, nor is the text.
 * The messages to a person are in their export (what, how, whether they left), and go with the
 * outbox's own purge (OUTBOX_RETENTION_DAYS once sent or skipped).
 */
@PersonalData()
@Injectable()
export class NotificationsPersonalData implements PersonalDataPolicy {
  readonly entities = [];
  readonly notAboutParticipants = {
    OutboxMessage: [
      'id', 'report', 'accountToken', 'appointment', 'personMessage', 'recipient', 'staffNotificationId', 'digestOn', 'appointmentSequence', 'reminderDelay', 'channel', 'idempotencyKey', 'status', 'attempts', 'nextAttemptAt', 'leasedBy',
      'leaseExpiresAt', 'smtpCode', 'lastError', 'skipReason', 'createdAt', 'finishedAt',
    ],
  };

  async exportOf(em: EntityManager, subject: DataSubject, viewer: Actor): Promise<ExportPart> {
    const ids = subject.pathwayIds;
    const messages = await new ScopedReads(em, viewer).find(OutboxMessage, { appointment: { pathway: { $in: ids } } }, { populate: ['appointment'], orderBy: { createdAt: 'asc', id: 'asc' } });
    const rows = ids.map((id) => messages.filter((message) => message.appointment!.getEntity().pathway.id === id).map(({ personMessage, reminderDelay, channel, status, skipReason, createdAt, finishedAt }) => ({ kind: personMessage, reminderDelay, channel, status, skipReason, createdAt, finishedAt })));
    return { perPathway: { messages: byPathway(ids, rows) } };
  }
}
