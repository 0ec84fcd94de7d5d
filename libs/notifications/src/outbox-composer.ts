import { ChangeSetType, type EntityManager, type FlushEventArgs } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AccountToken } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Clock } from '@parcours/core';
import { PathwayEvent, type Appointment, type JourneyEventType } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { PersonMessageKind } from './convocation-messages';
import { Composer, COMPOSER_ORDER, type FlushComposer } from '@parcours/unit-of-work';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxSignal } from './outbox-signal';

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
 * e-mail in the outbox, in the same transaction (one never exists without the other); so does
 * every interview booked, moved or cancelled, for the person, by e-mail and (with SMS settings) by
 * SMS, each sent only with the person's consent to that channel, which the relay checks when sending. Runs after the report composer, which wrote the
 * reports; the relay is nudged once the transaction commits.
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
    for (const changeSet of uow.getChangeSets()) {
      if (changeSet.type !== ChangeSetType.CREATE) continue;
      const entity = changeSet.entity;
      if ((entity instanceof ReferentReport || entity instanceof AccountToken) && email) write(new OutboxMessage(entity, this.clock.now()));
      const told = personMessage(entity);
      if (told && email) write(new OutboxMessage({ ...told, channel: 'EMAIL' }, this.clock.now()));
      if (told && sms) write(new OutboxMessage({ ...told, channel: 'SMS' }, this.clock.now()));
    }
  }

  afterCommit(em: EntityManager): void {
    if (this.wrote.delete(em)) this.signal.nudge();
  }

  afterRollback(em: EntityManager): void {
    this.wrote.delete(em);
  }
}
