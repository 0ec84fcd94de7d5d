import { Collection, Embedded, Entity, LoadStrategy, Index, ManyToOne, OneToMany, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Organisation, User, type Actor } from '@parcours/accounts';
import { parisDay, type LocalDate } from '@parcours/core';
import { Participant, type RsaStatus } from '@parcours/participants';
import { randomUUID } from 'node:crypto';
import { PathwayEvent } from './pathway-event.entity';
import { canMove, DeclineReason, isOpen, PathwayStatus } from './pathway-status';
import { pathwaysVisibleTo } from './pathway-scope';
import { PathwaysError } from './pathways-error';
import { ReferralBarrier } from './referral-barrier.entity';
import { ReferralSnapshot, type NewReferral } from './referral-records';
import type { ApplyChange, StageChange } from './stage-change';
import type { JourneyEvent } from './journey-events';
import { ContactReached } from './follow-ups/follow-up-enums';
import { Appointment } from './interviews/appointment.entity';
import { Diagnostic } from './interviews/diagnostic.entity';
import { InterviewStage } from './interviews/interview-stage';
import { Proposal } from './proposals/proposal.entity';
import { ProposalStage } from './proposals/proposal-stage';
import { Checkpoint } from './follow-ups/checkpoint.entity';
import { Contact } from './follow-ups/contact.entity';
import { FollowUpStage } from './follow-ups/follow-up-stage';
import type { Outcome, OutcomeParameters } from './placements/outcome';
import { PathwayExit, type ExitRecord } from './placements/pathway-exit';
import { PlacementStage } from './placements/placement-stage';
import { Placement } from './placements/placement.entity';

/**
 * What the lists' sort columns hold instead of NULL, which MikroORM's page cursors refuse: no
 * contact yet sorts before every day, no appointment after every instant. Views read them as null.
 */
export const NO_CONTACT_YET: LocalDate = '0001-01-01';
export const NO_APPOINTMENT = new Date('9999-12-31T00:00:00.000Z');

/** One referral of one person to one operator, from REFERRED to a closed status. */
@Entity({ tableName: 'pathway' })
@Index({ properties: ['operator', 'status'] })
@Index({ properties: ['referent', 'status'] })
// The list's order within what each role sees (a counsellor and a manager: their operator's): a page
// is read off the index instead of sorting every pathway (40 ms a page at 20 000 pathways on SQLite).
@Index({ properties: ['operator', 'referredAt', 'id'] })
@Index({ properties: ['referent', 'referredAt', 'id'] })
@Index({ properties: ['operator', 'lastContactOn', 'id'] })
@Index({ properties: ['operator', 'nextAppointmentAt', 'id'] })
export class Pathway {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Participant, { ref: true })
  participant: Ref<Participant>;

  @ManyToOne(() => Organisation, { ref: true })
  operator: Ref<Organisation>;

  /** The referent's organisation at referral (the prescriber the figures group on); the referent may change, this does not. */
  @ManyToOne(() => Organisation, { ref: true, nullable: true })
  prescriber: Ref<Organisation> | null = null;

  /** The active referent: the only referent who sees the pathway. */
  @ManyToOne(() => User, { ref: true })
  referent: Ref<User>;

  /** The counsellor in charge, set when the operator accepts the referral. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  counsellor: Ref<User> | null = null;

  @Property({ type: 'string', length: 30 })
  @Index()
  status: PathwayStatus;

  /**
   * The participant's id while the pathway is open, NULL once closed. Its unique index is the
   * database's guarantee of one open pathway per person (NULLs never collide).
   */
  @Property({ type: 'string', length: 36, nullable: true, unique: true })
  openKey: string | null;

  @Property({ type: Date })
  referredAt: Date;

  /** The Paris calendar day of the referral, for figures by day and month. */
  @Property({ length: 10 })
  @Index()
  referredOn: LocalDate;

  @Embedded(() => ReferralSnapshot, { prefix: false })
  referral: ReferralSnapshot;

  // Loaded by its own statement: joined, it would multiply the rows of a page and make it paged by subquery.
  @OneToMany(() => ReferralBarrier, (barrier) => barrier.pathway, { strategy: LoadStrategy.SELECT_IN })
  referralBarriers = new Collection<ReferralBarrier>(this);

  @Property({ type: 'text', nullable: true, lazy: true })
  justiceJustification: string | null = null;

  @Property({ type: 'string', length: 40, nullable: true })
  declineReason: DeclineReason | null = null;

  @Property({ type: 'text', nullable: true })
  declineComment: string | null = null;

  @Property({ type: Date, nullable: true })
  acceptedAt: Date | null = null;

  /** The Paris day of the acceptance (the figures count decisions on it). */
  @Property({ type: 'string', length: 10, nullable: true })
  acceptedOn: LocalDate | null = null;

  @Property({ type: Date, nullable: true })
  closedAt: Date | null = null;

  /** The Paris day the pathway closed (declined, withdrawn, returned or exited). */
  @Property({ type: 'string', length: 10, nullable: true })
  @Index()
  closedOn: LocalDate | null = null;

  /**
   * Incremented by every change: of two commands changing one pathway at once, the second to
   * write finds another version and is run again on the new state (UnitOfWork).
   */
  @Property({ version: true })
  version: number;

  /** The last recorded change (transition, handover, correction, report): retention counts from it. */
  @Property({ type: Date })
  lastChangedAt: Date;

  @OneToMany(() => PathwayEvent, (event) => event.pathway)
  events = new Collection<PathwayEvent>(this);

  @OneToMany(() => Appointment, (appointment) => appointment.pathway)
  appointments = new Collection<Appointment>(this);

  @OneToMany(() => Diagnostic, (diagnostic) => diagnostic.pathway)
  diagnostics = new Collection<Diagnostic>(this);

  /** Loaded by the commands that may close the pathway: closing cancels the open ones. */
  @OneToMany(() => Proposal, (proposal) => proposal.pathway)
  proposals = new Collection<Proposal>(this);

  @OneToMany(() => Placement, (placement) => placement.pathway)
  placements = new Collection<Placement>(this);

  /** The follow-up calendar, kept by every command that changes a placement. */
  @OneToMany(() => Checkpoint, (checkpoint) => checkpoint.pathway)
  checkpoints = new Collection<Checkpoint>(this);

  @OneToMany(() => Contact, (contact) => contact.pathway)
  contacts = new Collection<Contact>(this);

  /**
   * The Paris day of the last contact with the person (a diagnostic interview held, a contact that
   * reached them), NO_CONTACT_YET before any: the lists' order "last contact", kept by `apply`.
   */
  @Property({ length: 10, default: NO_CONTACT_YET })
  lastContactOn: LocalDate = NO_CONTACT_YET;

  /**
   * When the planned diagnostic interview starts, NO_APPOINTMENT when none is: the lists' order
   * "next appointment", kept by `apply` (always set; nullable only so that the column could be
   * added to a filled table, which its migration fills).
   */
  @Property({ type: Date, nullable: true })
  nextAppointmentAt: Date = NO_APPOINTMENT;

  /** Set at exit, with its computed outcome. */
  @Embedded(() => PathwayExit, { prefix: false, nullable: true })
  exited: PathwayExit | null = null;

  /** The exit's comment (a free text: anonymisation erases it). */
  @Property({ type: 'text', nullable: true })
  exitComment: string | null = null;

  constructor(values: NewReferral) {
    this.participant = ref(values.participant);
    this.operator = ref(values.operator);
    this.referent = ref(values.referent);
    this.prescriber = ref(values.prescriber);
    this.status = PathwayStatus.REFERRED;
    this.openKey = values.participant.id;
    this.referredAt = values.at;
    this.referredOn = values.on;
    this.referral = new ReferralSnapshot(values.participant, values.situation, values.eligibilityReasons, values.on);
    this.justiceJustification = values.situation.justiceJustification;
    for (const theme of values.situation.barriers) this.referralBarriers.add(new ReferralBarrier(this, theme));
    this.lastChangedAt = values.at;
    this.events.add(new PathwayEvent(this, { type: 'ParticipantReferred', source: values.source }, values.referent, values.at, { from: null, to: PathwayStatus.REFERRED }));
  }

  static visibleTo(actor: Actor): FilterQuery<Pathway> { return pathwaysVisibleTo(actor); }

  get isOpen(): boolean { return isOpen(this.status); }

  /** The situation at referral, as the figures and the export read it (the snapshot's own names are shorter). */
  get referralCommuneCode(): string { return this.referral.communeCode; }
  get ageAtReferral(): number { return this.referral.age; }
  get referralRsaStatus(): RsaStatus { return this.referral.rsaStatus; }

  /** The stages of the journey: each owns its rows and rules, and changes the pathway only through `apply`. */
  get interviewStage(): InterviewStage { return this.stage(InterviewStage); }
  get proposalStage(): ProposalStage { return this.stage(ProposalStage); }
  get placementStage(): PlacementStage { return this.stage(PlacementStage); }
  get followUpStage(): FollowUpStage { return this.stage(FollowUpStage); }

  accept(counsellor: User, by: User, at: Date): void {
    this.apply({ event: { type: 'ReferralAccepted', counsellorId: counsellor.id }, to: PathwayStatus.ACCEPTED }, by, at);
    this.counsellor = ref(counsellor);
    this.acceptedAt = at;
    this.acceptedOn = parisDay(at);
  }

  decline(reason: DeclineReason, comment: string | null, by: User, at: Date): void {
    if (reason === DeclineReason.OTHER && !comment?.trim()) {
      throw new PathwaysError('COMMENT_REQUIRED', 'Declining for another reason needs a comment saying which.', ['input', 'comment']);
    }
    this.apply({ event: { type: 'ReferralDeclined', reason, comment: comment?.trim() || null }, to: PathwayStatus.DECLINED }, by, at);
    this.declineReason = reason;
    this.declineComment = comment?.trim() || null;
  }

  withdraw(by: User, at: Date, reason: string | null): void {
    this.apply({ event: { type: 'ReferralWithdrawn', reason }, to: PathwayStatus.WITHDRAWN }, by, at);
  }

  assignCounsellor(counsellor: User, by: User, at: Date, reason: string | null): void {
    this.assertOpen();
    if (!this.counsellor) throw new PathwaysError('NOT_ACCEPTED_YET', 'A counsellor is put in charge when the referral is accepted.', ['input', 'pathwayId']);
    if (this.counsellor.id === counsellor.id) throw new PathwaysError('ALREADY_ASSIGNED', 'This counsellor is already in charge.', ['input', 'counsellorId']);
    this.apply({ event: { type: 'CounsellorAssigned', fromUserId: this.counsellor.id, toUserId: counsellor.id, reason } }, by, at);
    this.counsellor = ref(counsellor);
  }

  /** The reports still waiting for acknowledgement follow the pathway (the report composer moves them). */
  assignReferent(referent: User, by: User, at: Date, reason: string): void {
    this.assertOpen();
    if (this.referent.id === referent.id) throw new PathwaysError('ALREADY_ASSIGNED', 'This referent is already the referent of the pathway.', ['input', 'referentId']);
    this.apply({ event: { type: 'ReferentAssigned', fromUserId: this.referent.id, toUserId: referent.id, reason } }, by, at);
    this.referent = ref(referent);
  }

  /**
   * A member of staff leaves (their account is deactivated): what they held on this pathway (in
   * charge, referent, a scheduled interview) goes to their successor, recorded as the same events as
   * assignCounsellor and assignReferent, so history, reports and access follow as they do there.
   * Open or not: a closed pathway still has checkpoints to follow and reports to read. A staff
   * departure is not a change of the person's pathway: the retention clock does not move.
   * Appointments are loaded with the pathway.
   */
  handOverFrom(leaving: User, successor: User, by: User, at: Date, reason: string): void {
    if (this.counsellor?.id === leaving.id) {
      this.apply({ event: { type: 'CounsellorAssigned', fromUserId: leaving.id, toUserId: successor.id, reason }, quiet: true }, by, at);
      this.counsellor = ref(successor);
    }
    if (this.referent.id === leaving.id) {
      this.apply({ event: { type: 'ReferentAssigned', fromUserId: leaving.id, toUserId: successor.id, reason }, quiet: true }, by, at);
      this.referent = ref(successor);
    }
    this.interviewStage.handOver(leaving, successor);
  }

  /**
   * Any open status → EXITED, with the outcome category computed from the situation at exit
   * (outcome.ts) and stored with its rule. Open proposals are cancelled; the calendar goes on.
   */
  exit(record: ExitRecord, parameters: OutcomeParameters, by: User, at: Date): Outcome {
    const outcome = this.exitOutcome(record, parameters);
    this.apply({ event: { type: 'PathwayExited', on: record.on, reason: record.reason, comment: record.comment, outcome }, to: PathwayStatus.EXITED }, by, at);
    this.exited = new PathwayExit(record, outcome);
    this.exitComment = record.comment;
    return outcome;
  }

  /** What exit() would give for this record, checked as exit() checks it, changing nothing: staff see it before confirming. */
  exitOutcome(record: ExitRecord, parameters: OutcomeParameters): Outcome {
    if (!canMove(this.status, PathwayStatus.EXITED)) throw new PathwaysError('INVALID_TRANSITION', `A ${this.status} pathway cannot become ${PathwayStatus.EXITED}.`);
    return this.placementStage.outcome(record, parameters);
  }

  /** Forgets the free texts and the sensitive details that could identify the person (anonymisation). */
  forgetPersonalDetails(): void {
    this.justiceJustification = null;
    this.declineComment = null;
    this.exitComment = null;
    for (const event of this.events) event.forgetPersonalDetails();
  }

  /** The person's details or consents changed: by a user, or by the person through their link (by null). */
  recordParticipantUpdate(fields: string[], by: User | null, at: Date): void {
    this.apply({ event: { type: 'ParticipantUpdated', fields } }, by, at);
  }

  /**
   * The one way the pathway changes (its own commands and its stages' alike): the event goes to
   * the history; a move of status is checked against the transition table, and a close cancels
   * what the pathway leaves open; the retention clock moves unless the change is quiet.
   */
  private apply({ event, to, quiet, outcome }: StageChange, by: User | null, at: Date): void {
    if (to && !canMove(this.status, to)) throw new PathwaysError('INVALID_TRANSITION', `A ${this.status} pathway cannot become ${to}.`);
    if (to === PathwayStatus.WITHDRAWN) this.followUpStage.cancelPending();
    if (to && !isOpen(to)) this.proposalStage.cancelOpen(by, at);
    this.events.add(new PathwayEvent(this, event, by, at, to ? { from: this.status, to } : undefined));
    this.keepListOrders(event);
    if (!quiet) this.lastChangedAt = at;
    if (outcome) this.exited?.recompute(outcome);
    if (!to) return;
    this.status = to;
    if (!isOpen(to)) {
      this.openKey = null;
      this.closedAt = at;
      this.closedOn = parisDay(at);
    }
  }

  /** The columns the lists sort on follow the events that move them. */
  private keepListOrders(event: JourneyEvent): void {
    const contactOn = (day: LocalDate) => {
      if (day > this.lastContactOn) this.lastContactOn = day;
    };
    switch (event.type) {
      case 'DiagnosticScheduled':
      case 'AppointmentRescheduled':
        this.nextAppointmentAt = event.appointment.startsAt;
        break;
      case 'AppointmentCancelled':
      case 'NoShowRecorded':
      case 'AbsenceExcused':
        this.nextAppointmentAt = NO_APPOINTMENT;
        break;
      case 'DiagnosticRecorded':
        this.nextAppointmentAt = NO_APPOINTMENT;
        contactOn(event.diagnostic.appointment.getEntity().startsOn);
        break;
      case 'ContactRecorded':
        if (event.contact.reached === ContactReached.PARTICIPANT || event.contact.reached === ContactReached.BOTH) contactOn(event.contact.on);
        break;
    }
  }

  private stage<S>(Stage: new (pathway: Pathway, apply: ApplyChange) => S): S {
    return new Stage(this, (change, by, at) => this.apply(change, by, at));
  }

  private assertOpen(): void {
    if (!this.isOpen) throw new PathwaysError('PATHWAY_CLOSED', `This pathway is ${this.status}: it can no longer change hands.`, ['input', 'pathwayId']);
  }
}
