import { ChangeSetType, type EntityManager, type FlushEventArgs } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AccountToken, Organisation, User } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Clock } from '@parcours/core';
import { AppointmentStatus, PathwayEvent, type Appointment, type JourneyEventType } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { PersonMessageKind } from './convocation-messages';
import { Composer, COMPOSER_ORDER, ScopedReads, SYSTEM, type FlushComposer } from '@parcours/unit-of-work';
import { OutboxMessage, OutboxStatus, SkipReason } from './outbox-message.entity';
import { plannedReminders } from './reminders';
import { OutboxSignal } from './outbox-signal';
import { deliveryOf, NotificationDelivery } from './staff/notification-settings';
import { StaffNotification } from './staff/staff-notification.entity';

/** The history lines that tell the person something about their interview, and what. */
const TOLD: Partial<Record<JourneyEventType, PersonMessageKind>> = {
  DiagnosticScheduled: PersonMessageKind.CONVOCATION,
  AppointmentRescheduled: PersonMessageKind.NEW_TIME,
  AppointmentCancelled: PersonMessageKind.CANCELLATION,
};

function personMessage(entity: object): { appointment: Appointment; kind: PersonMessageKind } | null {
  const kind = entity instanceof PathwayEvent ? TOLD[entity.type] : undefined;
  return kind && entity instanceof PathwayEvent && entity.appointment ? { appointment: entity.appointment.getEntity(), kind } : null;
}

/**
 * With SMTP_URL set, every report and every password or invitation link written in a flush gets its
 * e-mail in the outbox, in the same transaction (one never exists without the other); so does each
 * staff notification its reader takes at once (noticeEmails); so does
 * every interview booked, moved or cancelled, for the person, by e-mail and (with SMS settings) by
 * SMS, each sent only with the person's consent to that channel, which the relay checks when sending;
 * with its reminders, due at their instants (planReminders). Runs after the report composer, which
 * wrote the reports; the relay is nudged once the transaction commits.
 */
@Composer()
@Injectable()
export class OutboxComposer implements FlushComposer {
  readonly order = COMPOSER_ORDER.OUTBOX;
  private readonly wrote = new WeakSet<EntityManager>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly signal: OutboxSignal,
  ) {}

  async compose({ em, uow }: FlushEventArgs): Promise<void> {
    const email = Boolean(this.config.mail.smtpUrl);
    const sms = this.config.sms.provider !== undefined;
    if (!email && !sms) return;
    const write = (message: OutboxMessage) => {
      uow.computeChangeSet(message);
      this.wrote.add(em);
    };
    const channels = [...(email ? (['EMAIL'] as const) : []), ...(sms ? (['SMS'] as const) : [])];
    const now = this.clock.now();
    if (email) await this.noticeEmails(em, uow.getChangeSets(), write, now);
    for (const changeSet of uow.getChangeSets()) {
      if (changeSet.type !== ChangeSetType.CREATE) continue;
      const entity = changeSet.entity;
      if ((entity instanceof ReferentReport || entity instanceof AccountToken) && email) write(new OutboxMessage(entity, now));
      const told = personMessage(entity);
      if (!told) continue;
      for (const channel of channels) write(new OutboxMessage({ ...told, channel }, now));
      // A convocation is of an appointment just booked: it has no earlier reminders to look for.
      await this.planReminders(em, told.appointment, channels, now, write, told.kind !== PersonMessageKind.CONVOCATION);
    }
  }

  /**
   * An e-mail at once for each staff notification written (or come back unread) whose reader takes
   * its kind AT_ONCE (notification-settings.ts); the others wait for the digest, or the console.
   */
  private async noticeEmails(em: EntityManager, changeSets: ReturnType<FlushEventArgs['uow']['getChangeSets']>, write: (message: OutboxMessage) => void, now: Date): Promise<void> {
    const notices = changeSets
      .filter((changeSet) => changeSet.entity instanceof StaffNotification && (changeSet.type === ChangeSetType.CREATE || (changeSet.type === ChangeSetType.UPDATE && 'createdAt' in changeSet.payload)))
      .map((changeSet) => changeSet.entity as StaffNotification);
    if (notices.length === 0) return;
    const readers = new Map((await new ScopedReads(em, SYSTEM).find(User, { id: { $in: [...new Set(notices.map((notice) => notice.recipient.id))] } }, { fields: ['id', 'role', 'notificationEmails'] })).map((user) => [user.id, user]));
    for (const notice of notices) {
      const reader = readers.get(notice.recipient.id);
      if (reader && deliveryOf(reader, notice.kind) === NotificationDelivery.AT_ONCE) write(new OutboxMessage({ notification: { id: notice.id, recipientId: reader.id, createdAt: notice.createdAt } }, now));
    }
  }

  /**
   * The reminders of an appointment booked, moved or cancelled, as it now stands: one per delay of
   * its operator and channel, due at its instant (plannedReminders). A reminder of the appointment
   * at this time that exists already (it was moved away and back) is planned again, unless it was
   * sent: each reminder leaves once, ever. The pending ones of an earlier time are skipped
   * (SUPERSEDED) now, so that the pathway shows only what will leave.
   */
  private async planReminders(em: EntityManager, appointment: Appointment, channels: readonly ('EMAIL' | 'SMS')[], now: Date, write: (message: OutboxMessage) => void, hadEarlier: boolean): Promise<void> {
    const reads = new ScopedReads(em, SYSTEM);
    const earlier = hadEarlier ? await reads.find(OutboxMessage, { appointment: appointment.id, personMessage: PersonMessageKind.REMINDER }) : [];
    const byKey = new Map(earlier.map((message) => [message.idempotencyKey, message]));
    const planned = new Set<OutboxMessage>();
    if (appointment.status === AppointmentStatus.PLANNED) {
      const operator = await reads.findOneOrFail(Organisation, { id: appointment.pathway.getEntity().operator.id });
      for (const reminder of plannedReminders(appointment.startsAt, operator.reminders, now)) {
        for (const channel of channels) {
          const message = new OutboxMessage({ appointment, kind: PersonMessageKind.REMINDER, channel, reminder }, now);
          const existing = byKey.get(message.idempotencyKey);
          if (!existing) write(message);
          else if (existing.status !== OutboxStatus.SENT) {
            existing.rearm(appointment, reminder.at);
            write(existing);
          }
          if (existing) planned.add(existing);
        }
      }
    }
    for (const message of earlier) {
      if (message.status !== OutboxStatus.PENDING || planned.has(message)) continue;
      message.skip(SkipReason.SUPERSEDED, now);
      write(message);
    }
  }

  afterCommit(em: EntityManager): void {
    if (this.wrote.delete(em)) this.signal.nudge();
  }

  afterRollback(em: EntityManager): void {
    this.wrote.delete(em);
  }
}
