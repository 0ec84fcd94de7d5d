import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { AccountToken, Role, User, type Actor } from '@parcours/accounts';
import type { LocalDate } from '@parcours/core';
import { Appointment, pathwaysVisibleTo } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { PersonMessageKind } from './convocation-messages';
import { randomUUID } from 'node:crypto';
import { NotDeadLetterError } from './notifications-error';

/** A message to the person about an appointment; a reminder also says which delay and when it leaves. */
export interface PersonMessage {
  appointment: Appointment;
  kind: PersonMessageKind;
  channel: 'EMAIL' | 'SMS';
  reminder?: { delay: string; at: Date };
}

/** A member of staff's e-mail: one notification at once, or the morning's digest of a day. */
export type StaffEmail = { notification: { id: string; recipientId: string; createdAt: Date } } | { digest: { recipientId: string; day: LocalDate } };

/** The one key of a reminder: its appointment, the instant the appointment is at, its delay and channel (within the 100 characters of a Message-ID). */
export function reminderKey(appointment: Appointment, delay: string, channel: 'EMAIL' | 'SMS'): string {
  return `<reminder-${appointment.id}-${Math.floor(appointment.startsAt.getTime() / 1000)}-${delay}-${channel.toLowerCase()}@parcours>`;
}

export enum OutboxStatus {
  /** Waiting for its next attempt (or held by a relay until its lease expires). */
  PENDING = 'PENDING',
  /** Accepted by the SMTP server. */
  SENT = 'SENT',
  /** Not sent, on purpose: the reason says why. */
  SKIPPED = 'SKIPPED',
  /** Refused for good (an SMTP 5xx) or failed at its last attempt: an administrator may retry it. */
  DEAD = 'DEAD',
}

export enum SkipReason {
  REFERENT_DEACTIVATED = 'REFERENT_DEACTIVATED',
  REPORT_EMAILS_OFF = 'REPORT_EMAILS_OFF',
  /** A password or invitation link that no longer works by the time of sending (used, replaced, expired, revoked). */
  LINK_NO_LONGER_VALID = 'LINK_NO_LONGER_VALID',
  /** A message to the person, who has not agreed to receive them by this channel (or has no address). */
  NO_CONSENT = 'NO_CONSENT',
  /** A message about an appointment changed again since: the later message tells the person. */
  SUPERSEDED = 'SUPERSEDED',
  /** An invitation, a new time or a reminder for an appointment whose time has come by the time of sending. */
  APPOINTMENT_PAST = 'APPOINTMENT_PAST',
  /** An invitation, a new time or a reminder for an appointment already closed (held, missed, excused). */
  APPOINTMENT_CLOSED = 'APPOINTMENT_CLOSED',
  /** A reminder for an appointment the person said they cannot come to. */
  PERSON_CANNOT_COME = 'PERSON_CANNOT_COME',
  /** A member of staff's notice or digest, and their account deactivated since. */
  ACCOUNT_DEACTIVATED = 'ACCOUNT_DEACTIVATED',
  /** A notice's e-mail, and its reader no longer wants it at once (their settings changed since). */
  NOTIFICATION_EMAILS_OFF = 'NOTIFICATION_EMAILS_OFF',
  /** A notice's e-mail, and the notice was read (or went: a handover, the person erased) before it left. */
  NOTIFICATION_READ = 'NOTIFICATION_READ',
  /** A digest with nothing left to count when it was to leave (everything read since). */
  NOTHING_NEW = 'NOTHING_NEW',
}

/** What an e-mail is about. */
export enum OutboxTopic {
  REPORT = 'REPORT',
  PASSWORD_RESET = 'PASSWORD_RESET',
  INVITATION = 'INVITATION',
  /** To the person: their interview, a new time, its cancellation. */
  APPOINTMENT = 'APPOINTMENT',
  /** To a member of staff: one notification, at once. */
  STAFF_NOTIFICATION = 'STAFF_NOTIFICATION',
  /** To a member of staff: the morning's digest. */
  DIGEST = 'DIGEST',
}

/** What an attempt to send came to: the SMTP server's code, or the kind of network failure. */
export type Attempt =
  | { accepted: true; smtpCode: number | null }
  | { accepted: false; smtpCode: number | null; error: string; permanent: boolean };

/**
 * One e-mail to send about one report, one password or invitation link, or one appointment of a
 * person (their convocation, a new time, a cancellation), written in the transaction that writes
 * the report, the link or the change. It holds no address, no text and no link: the recipient is
 * the report's referent (the link's user, the person if they agreed to messages) at the time of
 * sending, the content says only that a report is waiting (gives the link, rebuilt from its id, or
 * the appointment as it stands when sending). The idempotency key travels as the Message-ID, so a
 * copy sent twice (a relay killed between SMTP acceptance and marking SENT) is recognisable.
 */
@Entity({ tableName: 'outbox_message' })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class OutboxMessage {
  /** ADMIN: all (the dead letters and their retry); anyone else the messages to the people of the pathways they see. */
  static visibleTo(actor: Actor): FilterQuery<OutboxMessage> {
    return actor.role === Role.ADMIN ? {} : { appointment: { pathway: pathwaysVisibleTo(actor) } };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The report it announces; null for a link. */
  @ManyToOne(() => ReferentReport, { ref: true, nullable: true })
  report: Ref<ReferentReport> | null = null;

  /** The password or invitation link it carries; null for a report. */
  @ManyToOne(() => AccountToken, { ref: true, nullable: true })
  accountToken: Ref<AccountToken> | null = null;

  /** A message to the person about this appointment (PersonMessageKind), as it stands when sent. */
  @ManyToOne(() => Appointment, { ref: true, nullable: true, index: true })
  appointment: Ref<Appointment> | null = null;

  @Property({ type: 'string', length: 20, nullable: true })
  personMessage: PersonMessageKind | null = null;

  /** The member of staff a notice or a digest goes to (their address read when sending). */
  @ManyToOne(() => User, { ref: true, nullable: true })
  recipient: Ref<User> | null = null;

  /** The staff notification it announces at once (an id: the notice may be read or gone by then, and the e-mail is skipped). */
  @Property({ type: 'string', length: 36, nullable: true })
  staffNotificationId: string | null = null;

  /** A digest's day: it counts what came since 07:30 of the working day before. */
  @Property({ type: 'string', length: 10, nullable: true })
  digestOn: LocalDate | null = null;

  /** The appointment's sequence the message announces: a later change supersedes it. */
  @Property({ type: 'integer', nullable: true })
  appointmentSequence: number | null = null;

  /** A REMINDER's delay ("2d": two days before at the appointment's time; "0d08h00": 08:00 the day itself); it leaves at nextAttemptAt. */
  @Property({ type: 'string', length: 12, nullable: true })
  reminderDelay: string | null = null;

  /** EMAIL, or SMS for a message to a person who agreed to SMS. */
  @Property({ length: 20 })
  channel: 'EMAIL' | 'SMS' = 'EMAIL';

  /** Also the e-mail's Message-ID, angle brackets included. */
  @Property({ length: 100, unique: true })
  idempotencyKey: string;

  @Property({ type: 'string', length: 10 })
  status: OutboxStatus = OutboxStatus.PENDING;

  /** Attempts that failed so far. */
  @Property()
  attempts = 0;

  @Property({ type: Date })
  nextAttemptAt: Date;

  /** The relay holding it, until leaseExpiresAt. */
  @Property({ type: 'string', length: 100, nullable: true })
  leasedBy: string | null = null;

  @Property({ type: Date, nullable: true })
  leaseExpiresAt: Date | null = null;

  /** The last SMTP reply code (250 once SENT). */
  @Property({ type: 'integer', nullable: true })
  smtpCode: number | null = null;

  /** The last failure: an SMTP code or a network error's kind, never a server's words (they may quote an address). */
  @Property({ type: 'string', length: 100, nullable: true })
  lastError: string | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  skipReason: SkipReason | null = null;

  @Property({ type: Date })
  createdAt: Date;

  /** When it became SENT, SKIPPED or DEAD. */
  @Property({ type: Date, nullable: true })
  finishedAt: Date | null = null;

  /**
   * `at` is when it is written and due; a reminder is due at its own instant, and its key is made of
   * the appointment, the time it is at, its delay and its channel: one reminder of each, ever
   * (reminderKey).
   */
  constructor(about: ReferentReport | AccountToken | PersonMessage | StaffEmail, at: Date) {
    this.idempotencyKey = `<${this.id}@parcours>`;
    this.nextAttemptAt = at;
    this.createdAt = at;
    if (about instanceof ReferentReport) this.report = ref(about);
    else if (about instanceof AccountToken) this.accountToken = ref(about);
    // One e-mail per notice as announced (a notice come back unread is a new one), one digest per user and day, whichever process writes it.
    else if (about && 'notification' in about) {
      const { id, recipientId, createdAt } = about.notification;
      Object.assign(this, { recipient: ref(User, recipientId), staffNotificationId: id, idempotencyKey: `<notice-${id}-${Math.floor(createdAt.getTime() / 1000)}@parcours>` });
    } else if (about && 'digest' in about) {
      const { recipientId, day } = about.digest;
      Object.assign(this, { recipient: ref(User, recipientId), digestOn: day, idempotencyKey: `<digest-${recipientId}-${day}@parcours>` });
    }
    // MikroORM builds one without arguments to read the columns' defaults.
    else if (about) {
      Object.assign(this, { appointment: ref(about.appointment), personMessage: about.kind, appointmentSequence: about.appointment.sequence, channel: about.channel });
      if (about.reminder) {
        Object.assign(this, { reminderDelay: about.reminder.delay, nextAttemptAt: about.reminder.at, idempotencyKey: reminderKey(about.appointment, about.reminder.delay, about.channel) });
      }
    }
  }

  /** A reminder planned again for the appointment as it stands (moved back to a time it was already reminded of, unless sent). */
  rearm(appointment: Appointment, at: Date): void {
    Object.assign(this, { status: OutboxStatus.PENDING, appointmentSequence: appointment.sequence, nextAttemptAt: at, attempts: 0, skipReason: null, finishedAt: null, lastError: null, smtpCode: null });
    this.release();
  }

  /** Not sent before its instant; tried again at `at` (the morning, for a reminder claimed at night), not counted as an attempt. */
  hold(at: Date): void {
    this.nextAttemptAt = at;
    this.release();
  }

  get topic(): OutboxTopic {
    if (this.report) return OutboxTopic.REPORT;
    if (this.appointment) return OutboxTopic.APPOINTMENT;
    if (this.staffNotificationId) return OutboxTopic.STAFF_NOTIFICATION;
    if (this.digestOn) return OutboxTopic.DIGEST;
    return this.accountToken!.getEntity().purpose === 'INVITATION' ? OutboxTopic.INVITATION : OutboxTopic.PASSWORD_RESET;
  }

  lease(relayId: string, until: Date): void {
    this.leasedBy = relayId;
    this.leaseExpiresAt = until;
  }

  skip(reason: SkipReason, at: Date): void {
    this.finish(OutboxStatus.SKIPPED, at);
    this.skipReason = reason;
  }

  /** Records an attempt: SENT, a retry at `retryAt`, or DEAD (a permanent refusal, or no retry left). */
  record(attempt: Attempt, at: Date, retryAt: (failures: number) => Date | null): void {
    this.smtpCode = attempt.smtpCode;
    if (attempt.accepted) return this.finish(OutboxStatus.SENT, at);
    this.attempts += 1;
    this.lastError = attempt.error;
    const next = attempt.permanent ? null : retryAt(this.attempts);
    if (!next) return this.finish(OutboxStatus.DEAD, at);
    this.nextAttemptAt = next;
    this.release();
  }

  /** A dead letter, sent again from scratch at the next pass of the relay. */
  retry(at: Date): void {
    if (this.status !== OutboxStatus.DEAD) throw new NotDeadLetterError();
    Object.assign(this, { status: OutboxStatus.PENDING, attempts: 0, nextAttemptAt: at, finishedAt: null, lastError: null, smtpCode: null });
  }

  private finish(status: OutboxStatus, at: Date): void {
    this.status = status;
    this.finishedAt = at;
    this.release();
  }

  /** No relay holds it any more. */
  release(): void {
    this.leasedBy = null;
    this.leaseExpiresAt = null;
  }
}
