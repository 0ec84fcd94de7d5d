import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type Ref, type FilterQuery } from '@mikro-orm/core';
import { pathwaysVisibleTo } from '../pathway-scope';
import { User, type Actor } from '@parcours/accounts';
import { parisDay, type LocalDate } from '@parcours/core';
import { randomUUID } from 'node:crypto';
import type { Pathway } from '../pathway.entity';
import { PathwaysError } from '../pathways-error';
import { AppointmentAnswer, AppointmentChannel, AppointmentStatus } from './interview-enums';

/** A diagnostic interview booked with the person: PLANNED until it is held, missed or cancelled. */
@Entity({ tableName: 'appointment' })
@Index({ properties: ['pathway', 'status'] })
export class Appointment {
  static visibleTo(actor: Actor): FilterQuery<Appointment> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  /** The counsellor who will run the interview. */
  @ManyToOne(() => User, { ref: true })
  counsellor: Ref<User>;

  @Property({ type: Date })
  startsAt: Date;

  /** The Paris day of the appointment, for figures by day and month (always set; nullable only so that the column could be added to a filled table). */
  @Property({ type: 'string', length: 10, nullable: true })
  @Index()
  startsOn: LocalDate;

  @Property({ type: 'string', length: 10 })
  channel: AppointmentChannel;

  @Property({ type: 'string', length: 300, nullable: true })
  place: string | null;

  @Property({ type: 'string', length: 10 })
  @Index()
  status: AppointmentStatus = AppointmentStatus.PLANNED;

  @Property({ type: Date, nullable: true })
  outcomeAt: Date | null = null;

  /** Raised by each change the person is told of (a new time, a cancellation): the SEQUENCE of its calendar invitation. */
  @Property({ default: 0 })
  sequence: number = 0;

  /** The person's answer through their link, until the appointment; cleared when it moves (the new time is asked again). */
  @Property({ type: 'string', length: 12, nullable: true })
  answer: AppointmentAnswer | null = null;

  /** Why they cannot come, in their words (optional; erased with the person). */
  @Property({ type: 'string', length: 300, nullable: true })
  answerReason: string | null = null;

  /** They asked to be called back (with "cannot come"). */
  @Property({ default: false })
  answerCallBack: boolean = false;

  @Property({ type: Date, nullable: true })
  answeredAt: Date | null = null;

  /** When a reminder of it first reached the person (the SMS provider or the SMTP server accepted it): the outcome figures split attendance by it. */
  @Property({ type: Date, nullable: true })
  remindedAt: Date | null = null;

  @Property({ type: Date })
  createdAt: Date;

  constructor(pathway: Pathway, counsellor: User, startsAt: Date, channel: AppointmentChannel, place: string | null, at: Date) {
    this.pathway = ref(pathway);
    this.counsellor = ref(counsellor);
    this.startsAt = startsAt;
    // MikroORM builds one without arguments to read the columns' defaults (status PLANNED).
    this.startsOn = startsAt && parisDay(startsAt);
    this.channel = channel;
    this.place = place;
    this.createdAt = at;
  }

  /** A planned interview whose time has passed without an outcome. */
  needsUpdate(now: Date): boolean {
    return this.status === AppointmentStatus.PLANNED && this.startsAt < now;
  }

  reschedule(startsAt: Date, channel: AppointmentChannel, place: string | null): void {
    this.assertPlanned();
    Object.assign(this, { startsAt, startsOn: parisDay(startsAt), channel, place, sequence: this.sequence + 1 });
    Object.assign(this, { answer: null, answerReason: null, answerCallBack: false, answeredAt: null });
  }

  /** A reminder reached the person (the first one counts). */
  markReminded(at: Date): void {
    this.remindedAt ??= at;
  }

  /** The person may answer (and change their answer) while it is planned and to come. */
  answerable(now: Date): boolean {
    return this.status === AppointmentStatus.PLANNED && this.startsAt > now;
  }

  /** The person's answer: coming, or not (with an optional reason, and whether to call them back). */
  recordAnswer(answer: AppointmentAnswer, reason: string | null, callBack: boolean, at: Date): void {
    const cannot = answer === AppointmentAnswer.CANNOT_COME;
    Object.assign(this, { answer, answerReason: cannot ? reason?.trim() || null : null, answerCallBack: cannot && callBack, answeredAt: at });
  }

  close(outcome: AppointmentStatus, at: Date): void {
    this.assertPlanned();
    this.status = outcome;
    this.outcomeAt = at;
    if (outcome === AppointmentStatus.CANCELLED) this.sequence += 1;
  }

  private assertPlanned(): void {
    if (this.status !== AppointmentStatus.PLANNED) {
      throw new PathwaysError('APPOINTMENT_NOT_PLANNED', `This appointment is ${this.status}: it can no longer change.`, ['input', 'appointmentId']);
    }
  }
}
