import { LockMode } from '@mikro-orm/core';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AccountLinks, parseReminderDelayKey, type Organisation } from '@parcours/accounts';
import { readPhone } from '@parcours/participants';
import { AppointmentAnswer, AppointmentLinks, AppointmentStatus, type Appointment } from '@parcours/pathways';
import type { Participant } from '@parcours/participants';
import { AppConfig } from '@parcours/config';
import { GroupCommit } from '@parcours/core';
import { UnitOfWork, type ScopedReads } from '@parcours/unit-of-work';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { accountEmail } from './account-email';
import { convocationEmail, convocationSms, PersonMessageKind, type ConvocationFacts } from './convocation-messages';
import { SmsTransport, type Sms } from './sms-transport';
import { MailTransport, RELAY_CONCURRENCY, type Email } from './mail-transport';
import { OutboxMessage, OutboxStatus, SkipReason, type Attempt } from './outbox-message.entity';
import { OutboxSignal } from './outbox-signal';
import { RelayLock } from './relay-lock';
import { reportEmail } from './report-email';
import { outsideQuietHours, plannedReminders } from './reminders';
import { retryDelaySeconds } from './retry-schedule';
import { digestCounts } from './staff/digest';
import { deliveryOf, NotificationDelivery, REPORT_SETTING } from './staff/notification-settings';
import { digestEmail, noticeEmail } from './staff/staff-emails';
import { StaffNotification } from './staff/staff-notification.entity';

/** Messages claimed per pass. */
const BATCH = 50;

/** A claimed message, ready to send by its channel. */
type Outgoing = { id: string; channel: 'EMAIL'; email: Email } | { id: string; channel: 'SMS'; sms: Sms };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/**
 * Sends the outbox. Each pass claims a batch of due messages as leases (this relay's id, an expiry)
 * in one short transaction (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so relays share the work;
 * SQLite: one relay per file, see RelayLock), and in it resolves each recipient: the report's
 * referent now, or none if deactivated or opted out; the person of an appointment, by e-mail or SMS,
 * only with their consent (SKIPPED, with the reason). It sends the others (SmsTransport for SMS),
 * a few at a time, each with its idempotency key as Message-ID, and marks each one as soon as the
 * SMTP server answered: SENT, a retry later, or DEAD. Marks made while another is being written
 * share the next transaction (a group commit). A relay killed between the SMTP server's acceptance
 * and the mark leaves the message leased: it is sent again once the lease is taken back, with the
 * same Message-ID (the one duplicate window). On stop, it claims nothing more, finishes the
 * messages in hand and hands back those it had not started.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('Relay');
  private loop?: Promise<void>;
  private stopping = false;
  private lock: RelayLock | null = null;
  private readonly marks = new GroupCommit<{ id: string; attempt: Attempt }>((marks) => this.record(marks));

  constructor(
    private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly transport: MailTransport,
    private readonly smsTransport: SmsTransport,
    private readonly signal: OutboxSignal,
    private readonly links: AccountLinks,
    private readonly appointmentLinks: AppointmentLinks,
  ) {}

  /** Starts the loop (nothing without SMTP_URL or SMS settings). On SQLite, refused while another relay runs. */
  async start(): Promise<void> {
    if ((!this.config.mail.smtpUrl && !this.smsTransport.on) || this.loop) return;
    this.lock = await RelayLock.acquire(this.config.database);
    // Holding the SQLite lock means no other relay is alive: every lease is a dead relay's.
    if (this.lock) await this.takeBackLeases();
    this.stopping = false;
    this.loop = this.run();
    this.logger.log(`Relay ${this.id} started`);
  }

  /** Stops before the database closes, whichever process runs it. */
  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.signal.nudge();
    await this.loop;
    this.loop = undefined;
    this.transport.close();
    await this.lock?.release();
    this.lock = null;
    this.logger.log(`Relay ${this.id} stopped`);
  }

  /** One pass: claims up to a batch of due messages and sends them, a few at a time; how many it claimed. */
  private async pass(): Promise<number> {
    const { claimed, outgoing } = await this.claim();
    const queue = [...outgoing];
    const worker = async () => {
      for (let message = queue.shift(); message && !this.stopping; message = queue.shift()) await this.deliver(message);
    };
    await Promise.all(Array.from({ length: RELAY_CONCURRENCY }, worker));
    if (queue.length > 0) await this.handBack(queue.map((message) => message.id));
    return claimed;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.pass();
      } catch (error) {
        this.logger.error(`A relay pass failed: ${(error as Error).name}`);
      }
      if (claimed === 0 && !this.stopping) await this.signal.wait(this.config.mail.pollMs);
    }
  }

  private claim(): Promise<{ claimed: number; outgoing: Outgoing[] }> {
    const postgres = this.config.database.driver === 'postgresql';
    return this.uow.run(null, async ({ em, reads, now }) => {
      const due = await reads.find(
        OutboxMessage,
        { status: OutboxStatus.PENDING, nextAttemptAt: { $lte: now }, $or: [{ leaseExpiresAt: null }, { leaseExpiresAt: { $lte: now } }] },
        { orderBy: { nextAttemptAt: 'asc', id: 'asc' }, limit: BATCH, ...(postgres ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {}) },
      );
      // Only the messages are locked: their reports, links and recipients are read without a lock.
      await em.populate(due, ['report.referent', 'accountToken.user', 'appointment.counsellor', 'appointment.pathway.participant', 'appointment.pathway.operator', 'recipient']);
      const staff = await this.staffFacts(reads, due);
      const until = new Date(now.getTime() + this.config.mail.leaseSeconds * 1000);
      const outgoing: Outgoing[] = [];
      const stale = staleReminders(due);
      for (const message of due) {
        const composed = stale.has(message) ? { skip: SkipReason.SUPERSEDED } : this.compose(message, now, staff);
        if ('hold' in composed) {
          message.hold(composed.hold);
          this.logger.log(`Outbox message ${message.id}: held until ${composed.hold.toISOString()} (no reminder at night)`);
          continue;
        }
        if ('skip' in composed) {
          message.skip(composed.skip, now);
          this.logger.log(`Outbox message ${message.id}: SKIPPED (${composed.skip})`);
          continue;
        }
        message.lease(this.id, until);
        outgoing.push({ id: message.id, ...composed });
      }
      return { claimed: due.length, outgoing };
    });
  }

  /** What the staff's e-mails of a batch say as of now: each notice still unread, each digest's counts. */
  private async staffFacts(reads: ScopedReads, due: OutboxMessage[]): Promise<StaffFacts> {
    const noticeIds = due.flatMap((message) => (message.staffNotificationId ? [message.staffNotificationId] : []));
    const notices = noticeIds.length === 0 ? [] : await reads.find(StaffNotification, { id: { $in: noticeIds }, readAt: null });
    const digests = new Map<string, Awaited<ReturnType<typeof digestCounts>>>();
    for (const message of due) if (message.digestOn && message.recipient) digests.set(message.id, await digestCounts(reads, message.recipient.getEntity(), message.digestOn));
    return { notices: new Map(notices.map((notice) => [notice.id, notice])), digests };
  }

  /** The message as of now, by its channel: its recipient and text, or why it is not sent. */
  private compose(message: OutboxMessage, now: Date, staff: StaffFacts): Resolved<DistributiveOmit<Outgoing, 'id'>> {
    const answerUrl = (appointment: Appointment) => this.appointmentLinks.link(this.config.mail.publicUrl!, appointment.id);
    if (message.channel === 'SMS') {
      const sms = appointmentSms(message, now, answerUrl);
      return 'skip' in sms || 'hold' in sms ? sms : { channel: 'SMS', sms };
    }
    const email = this.composeEmail(message, now, answerUrl, staff);
    return 'skip' in email || 'hold' in email ? email : { channel: 'EMAIL', email: { messageId: message.idempotencyKey, ...email } };
  }

  /** The e-mail as of now: its recipient and text, or why it is not sent (or not yet). */
  private composeEmail(message: OutboxMessage, now: Date, answerUrl: AnswerUrl, staff: StaffFacts): Resolved<Pick<Email, 'to' | 'subject' | 'text' | 'calendar'>> {
    const publicUrl = this.config.mail.publicUrl!;
    if (message.appointment) return appointmentEmail(message, now, answerUrl);
    if (message.recipient) {
      const reader = message.recipient.getEntity();
      if (!reader.active) return { skip: SkipReason.ACCOUNT_DEACTIVATED };
      if (message.digestOn) {
        const counts = staff.digests.get(message.id) ?? [];
        return counts.length === 0 ? { skip: SkipReason.NOTHING_NEW } : { to: reader.email, ...digestEmail(publicUrl, counts) };
      }
      const notice = staff.notices.get(message.staffNotificationId!);
      if (!notice) return { skip: SkipReason.NOTIFICATION_READ };
      if (deliveryOf(reader, notice.kind) !== NotificationDelivery.AT_ONCE) return { skip: SkipReason.NOTIFICATION_EMAILS_OFF };
      return { to: reader.email, ...noticeEmail(publicUrl, notice.kind) };
    }
    if (message.report) {
      const referent = message.report.getEntity().referent.getEntity();
      if (!referent.active) return { skip: SkipReason.REFERENT_DEACTIVATED };
      // In the digest, or only in the inbox: no e-mail of its own.
      if (deliveryOf(referent, REPORT_SETTING) !== NotificationDelivery.AT_ONCE) return { skip: SkipReason.REPORT_EMAILS_OFF };
      return { to: referent.email, ...reportEmail(publicUrl, message.report.id) };
    }
    const token = message.accountToken!.getEntity();
    const user = token.user.getEntity();
    if (!token.isUsable(now) || !user.active) return { skip: SkipReason.LINK_NO_LONGER_VALID };
    const { passwordResetMinutes: minutes, invitationDays: days } = this.config.auth;
    return { to: user.email, ...accountEmail(token.purpose, this.links.link(publicUrl, token.purpose, token.id), { minutes, days }) };
  }

  private async deliver(message: Outgoing): Promise<void> {
    const { id } = message;
    const attempt = message.channel === 'SMS' ? await this.smsTransport.send(message.sms) : await this.transport.send(message.email);
    const pause = this.config.mail.testPauseAfterSendMs;
    if (attempt.accepted && pause > 0) {
      this.logger.warn(`Test hook: outbox message ${id} accepted by the SMTP server or SMS provider; waiting ${pause} ms before marking it SENT`);
      await sleep(pause);
    }
    await this.marks.add([{ id, attempt }]);
  }

  /** The answers of the SMTP server, for messages this relay still holds (another may have taken back an expired lease). */
  private record(marks: { id: string; attempt: Attempt }[]): Promise<void> {
    const { retryBaseSeconds: baseSeconds, maxAttempts } = this.config.mail;
    return this.uow.run(null, async ({ reads, now }) => {
      const held = new Map((await reads.find(OutboxMessage, { id: { $in: marks.map((mark) => mark.id) }, leasedBy: this.id }, { populate: ['appointment'] })).map((message) => [message.id, message]));
      for (const { id, attempt } of marks) {
        const message = held.get(id);
        if (!message) continue;
        message.record(attempt, now, (failures) => {
          const seconds = retryDelaySeconds(failures, { baseSeconds, maxAttempts }, Math.random());
          return seconds === null ? null : new Date(now.getTime() + seconds * 1000);
        });
        // A reminder that reached the person: the outcome figures split attendance by it.
        if (message.status === OutboxStatus.SENT && message.personMessage === PersonMessageKind.REMINDER) message.appointment!.getEntity().markReminded(now);
        const code = attempt.smtpCode ?? (attempt.accepted ? '' : attempt.error);
        const next = message.status === OutboxStatus.PENDING ? `, attempt ${message.attempts + 1} at ${message.nextAttemptAt.toISOString()}` : '';
        this.logger.log(`Outbox message ${id}: ${message.status} (${code})${next}`);
      }
    });
  }

  private handBack(ids: string[]): Promise<void> {
    return this.uow.run(null, async ({ reads }) => {
      for (const message of await reads.find(OutboxMessage, { id: { $in: ids }, leasedBy: this.id })) message.release();
    });
  }

  private takeBackLeases(): Promise<void> {
    return this.uow.run(null, async ({ reads }) => {
      const held = await reads.find(OutboxMessage, { status: OutboxStatus.PENDING, leasedBy: { $ne: null } });
      for (const message of held) message.release();
      if (held.length > 0) this.logger.log(`Took back ${held.length} message(s) leased by a relay that is gone`);
    });
  }
}

type Resolved<T> = T | { skip: SkipReason } | { hold: Date };

/** The staff's e-mails of a batch, as of now (OutboxRelay.staffFacts). */
interface StaffFacts {
  notices: Map<string, StaffNotification>;
  digests: Map<string, Awaited<ReturnType<typeof digestCounts>>>;
}

/**
 * Reminders overtaken by a later one of the same appointment and channel, due at the same time (a
 * reminder held through the night, or a relay that was down, meets the morning's): only the one
 * closest to the appointment leaves, the others are SUPERSEDED.
 */
function staleReminders(due: OutboxMessage[]): Set<OutboxMessage> {
  const latest = new Map<string, { message: OutboxMessage; at: number }>();
  const stale = new Set<OutboxMessage>();
  for (const message of due) {
    const delay = message.reminderDelay ? parseReminderDelayKey(message.reminderDelay) : null;
    if (!delay) continue;
    const appointment = message.appointment!.getEntity();
    const at = plannedReminders(appointment.startsAt, [delay], new Date(0))[0]?.at.getTime() ?? 0;
    const key = `${appointment.id}:${message.channel}:${message.appointmentSequence}`;
    const other = latest.get(key);
    if (!other) latest.set(key, { message, at });
    else if (other.at >= at) stale.add(message);
    else {
      stale.add(other.message);
      latest.set(key, { message, at });
    }
  }
  return stale;
}
/** The person's page for an appointment (AppointmentLinks). */
type AnswerUrl = (appointment: Appointment) => string;

/**
 * A message to the person about their interview, as the appointment stands now, or why it is not
 * sent: only with their consent to the channel (NO_CONSENT), only if no later change supersedes it
 * (SUPERSEDED: that change's own message tells them); an invitation, a new time or a reminder only
 * before the interview (APPOINTMENT_PAST) and while it is planned (APPOINTMENT_CLOSED); a reminder
 * never to a person who said they cannot come (PERSON_CANNOT_COME), and never at night (held until
 * 08:00, Paris).
 */
function appointmentMessage<T>(message: OutboxMessage, now: Date, answerUrl: AnswerUrl, address: (person: Participant) => string | null, compose: (to: string, facts: ConvocationFacts) => T): Resolved<T> {
  const appointment = message.appointment!.getEntity();
  const pathway = appointment.pathway.getEntity();
  const person = pathway.participant.getEntity();
  const to = person.anonymisedAt ? null : address(person);
  if (!to) return { skip: SkipReason.NO_CONSENT };
  if (appointment.sequence !== message.appointmentSequence) return { skip: SkipReason.SUPERSEDED };
  const kind = message.personMessage!;
  if (kind !== PersonMessageKind.CANCELLATION) {
    if (appointment.startsAt <= now) return { skip: SkipReason.APPOINTMENT_PAST };
    if (appointment.status !== AppointmentStatus.PLANNED) return { skip: SkipReason.APPOINTMENT_CLOSED };
  }
  if (kind === PersonMessageKind.REMINDER) {
    if (appointment.answer === AppointmentAnswer.CANNOT_COME) return { skip: SkipReason.PERSON_CANNOT_COME };
    const morning = outsideQuietHours(now);
    if (morning > now) return morning < appointment.startsAt ? { hold: morning } : { skip: SkipReason.APPOINTMENT_PAST };
  }
  // A cancellation leaves nothing to answer: its link would only say "lien expiré".
  return compose(to, { ...convocationFacts(appointment, pathway.operator.getEntity()), answerUrl: kind === PersonMessageKind.CANCELLATION ? null : answerUrl(appointment) });
}

/** The person's e-mail about their interview (appointmentMessage), to their address if they agreed to e-mails. */
function appointmentEmail(message: OutboxMessage, now: Date, answerUrl: AnswerUrl): Resolved<Pick<Email, 'to' | 'subject' | 'text' | 'calendar'>> {
  const address = (person: Participant) => (person.emailConsentAt ? person.email : null);
  return appointmentMessage(message, now, answerUrl, address, (to, facts) => ({ to, ...convocationEmail(message.personMessage!, facts) }));
}

/** The person's SMS about their interview (appointmentMessage), only to a checked mobile with their consent to SMS. */
function appointmentSms(message: OutboxMessage, now: Date, answerUrl: AnswerUrl): Resolved<Sms> {
  const address = (person: Participant) => {
    const phone = person.smsConsentAt && person.phone ? readPhone(person.phone) : null;
    return phone?.mobile ? phone.e164 : null;
  };
  return appointmentMessage(message, now, answerUrl, address, (to, facts) => ({ to, text: convocationSms(message.personMessage!, facts) }));
}

function convocationFacts(appointment: Appointment, operator: Organisation): Omit<ConvocationFacts, 'answerUrl'> {
  return {
    appointmentId: appointment.id,
    sequence: appointment.sequence,
    startsAt: appointment.startsAt,
    channel: appointment.channel,
    place: appointment.place,
    counsellorName: appointment.counsellor.getEntity().fullName,
    operatorName: operator.name,
    operatorAddress: operator.contactAddress,
    operatorPhone: operator.contactPhone,
  };
}
