import { Collection, Entity, LoadStrategy, Index, ManyToOne, OneToMany, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Organisation, User, type Actor } from '@parcours/accounts';
import { addCalendarDays, parisDay, type LocalDate } from '@parcours/core';
import { ContractType, OpportunitiesError, OpportunityStatus, type Opportunity } from '@parcours/opportunities';
import { BarrierTheme, Participant, RsaStatus } from '@parcours/participants';
import { differenceInYears } from 'date-fns';
import { randomUUID } from 'node:crypto';
import type { EligibilityReason } from './eligibility';
import type { JourneyEvent } from './journey-events';
import { PathwayEvent } from './pathway-event.entity';
import { canMove, DeclineReason, isOpen, PathwayStatus } from './pathway-status';
import { pathwaysVisibleTo } from './pathway-scope';
import { PathwaysError } from './pathways-error';
import { ReferralBarrier } from './referral-barrier.entity';
import { Appointment } from './interviews/appointment.entity';
import { Diagnostic, type DiagnosticFindings } from './interviews/diagnostic.entity';
import { AppointmentChannel, AppointmentStatus, READY } from './interviews/interview-enums';
import { Proposal, type StepRecord } from './proposals/proposal.entity';
import { ProposalReason, ProposalStatus } from './proposals/proposal-status';
import { Checkpoint } from './follow-ups/checkpoint.entity';
import { Contact, type ContactRecord } from './follow-ups/contact.entity';
import { followUpCalendar, reconcileCalendar } from './follow-ups/follow-up-calendar';
import { isFixedTerm } from './placements/contract-rules';
import { computeOutcome, OutcomeCategory, type Contract, type Outcome, type OutcomeBasis, type OutcomeParameters } from './placements/outcome';
import { ExitReason, PlacementEndReason } from './placements/placement-enums';
import { Placement, type PlacementCorrection, type PlacementEnd, type PlacementTerms } from './placements/placement.entity';

/** The statuses in which offers are proposed and steps recorded (DOMAIN.md). */
export const PROPOSING: readonly PathwayStatus[] = [PathwayStatus.DIAGNOSED, PathwayStatus.IN_PLACEMENT];

/** Contacts are recorded from the acceptance of the referral to the exit, and after it. */
export const FOLLOWED: readonly PathwayStatus[] = [PathwayStatus.ACCEPTED, PathwayStatus.DIAGNOSTIC_SCHEDULED, PathwayStatus.DIAGNOSED, PathwayStatus.IN_PLACEMENT, PathwayStatus.EXITED];

/** How the follow-up calendar and the outcome are computed (configuration). */
export interface FollowUpRules {
  offsets: readonly string[];
  outcome: OutcomeParameters;
}

/** An exit as staff record it; the category is computed, never given. */
export interface ExitRecord {
  on: LocalDate;
  reason: ExitReason;
  comment: string | null;
  /** A situation found outside Parcours, declared at exit. */
  declared: Contract | null;
}

/** The situation the eligibility was decided on, kept as it was at referral. */
export interface ReferralSituation {
  communeCode: string;
  rsaStatus: RsaStatus;
  barriers: BarrierTheme[];
  /** Required when JUSTICE is declared; only the operator's staff may read it. */
  justiceJustification: string | null;
}

/** One referral of one person to one operator, from REFERRED to a closed status. */
@Entity({ tableName: 'pathway' })
@Index({ properties: ['operator', 'status'] })
@Index({ properties: ['referent', 'status'] })
// The list's order within what each role sees (a counsellor and a manager: their operator's): a page
// is read off the index instead of sorting every pathway (40 ms a page at 20 000 pathways on SQLite).
@Index({ properties: ['operator', 'referredAt', 'id'] })
@Index({ properties: ['referent', 'referredAt', 'id'] })
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

  @Property({ length: 5 })
  referralCommuneCode: string;

  /** Whole years at referral: what the figures keep of the birth date once the person is anonymised. */
  @Property({ type: 'integer' })
  ageAtReferral: number;

  @Property({ type: 'string', length: 20 })
  referralRsaStatus: RsaStatus;

  // Loaded by its own statement: joined, it would multiply the rows of a page and make it paged by subquery.
  @OneToMany(() => ReferralBarrier, (barrier) => barrier.pathway, { strategy: LoadStrategy.SELECT_IN })
  referralBarriers = new Collection<ReferralBarrier>(this);

  @Property({ type: 'text', nullable: true, lazy: true })
  justiceJustification: string | null = null;

  /** Why the person was eligible, comma-separated EligibilityReason values. */
  @Property({ length: 200 })
  eligibilityReasons: string;

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

  /** The Paris day of the exit (the figures count exits on it). */
  @Property({ type: 'string', length: 10, nullable: true })
  @Index()
  exitedOn: LocalDate | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  exitReason: ExitReason | null = null;

  @Property({ type: 'text', nullable: true })
  exitComment: string | null = null;

  /** Computed at exit (outcome.ts), never typed in; changed only by a placement's correction. */
  @Property({ type: 'string', length: 30, nullable: true })
  outcomeCategory: OutcomeCategory | null = null;

  /** What the category was decided on. */
  @Property({ type: 'json', nullable: true })
  outcomeBasis: OutcomeBasis | null = null;

  /** The basis's contract type, as a column the figures group on. */
  @Property({ type: 'string', length: 30, nullable: true })
  outcomeContractType: ContractType | null = null;

  /** The rule and parameters that produced the category. */
  @Property({ type: 'json', nullable: true })
  outcomeParameters: OutcomeParameters | null = null;

  /** The situation declared at exit, if any. */
  @Property({ type: 'json', nullable: true })
  declaredSituation: Contract | null = null;

  constructor(values: {
    participant: Participant;
    operator: Organisation;
    referent: User;
    /** The referent's organisation. */
    prescriber: Organisation;
    situation: ReferralSituation;
    eligibilityReasons: EligibilityReason[];
    at: Date;
    on: LocalDate;
  }) {
    this.participant = ref(values.participant);
    this.operator = ref(values.operator);
    this.referent = ref(values.referent);
    this.prescriber = ref(values.prescriber);
    this.status = PathwayStatus.REFERRED;
    this.openKey = values.participant.id;
    this.referredAt = values.at;
    this.referredOn = values.on;
    this.referralCommuneCode = values.situation.communeCode;
    this.ageAtReferral = differenceInYears(values.on, values.participant.birthDate as LocalDate);
    this.referralRsaStatus = values.situation.rsaStatus;
    this.justiceJustification = values.situation.justiceJustification;
    for (const theme of values.situation.barriers) this.referralBarriers.add(new ReferralBarrier(this, theme));
    this.eligibilityReasons = values.eligibilityReasons.join(',');
    this.lastChangedAt = values.at;
    this.events.add(new PathwayEvent(this, { type: 'ParticipantReferred' }, values.referent, values.at, { from: null, to: PathwayStatus.REFERRED }));
  }

  static visibleTo(actor: Actor): FilterQuery<Pathway> {
    return pathwaysVisibleTo(actor);
  }

  get isOpen(): boolean {
    return isOpen(this.status);
  }

  accept(counsellor: User, by: User, at: Date): void {
    this.moveTo(PathwayStatus.ACCEPTED, { type: 'ReferralAccepted', counsellorId: counsellor.id }, by, at);
    this.counsellor = ref(counsellor);
    this.acceptedAt = at;
    this.acceptedOn = parisDay(at);
  }

  decline(reason: DeclineReason, comment: string | null, by: User, at: Date): void {
    if (reason === DeclineReason.OTHER && !comment?.trim()) {
      throw new PathwaysError('COMMENT_REQUIRED', 'Declining for another reason needs a comment saying which.', ['input', 'comment']);
    }
    this.moveTo(PathwayStatus.DECLINED, { type: 'ReferralDeclined', reason, comment: comment?.trim() || null }, by, at);
    this.declineReason = reason;
    this.declineComment = comment?.trim() || null;
  }

  withdraw(by: User, at: Date, reason: string | null): void {
    this.moveTo(PathwayStatus.WITHDRAWN, { type: 'ReferralWithdrawn', reason }, by, at);
  }

  assignCounsellor(counsellor: User, by: User, at: Date, reason: string | null): void {
    this.assertOpen();
    if (!this.counsellor) {
      throw new PathwaysError('NOT_ACCEPTED_YET', 'A counsellor is put in charge when the referral is accepted.', ['input', 'pathwayId']);
    }
    if (this.counsellor.id === counsellor.id) {
      throw new PathwaysError('ALREADY_ASSIGNED', 'This counsellor is already in charge.', ['input', 'counsellorId']);
    }
    this.record({ type: 'CounsellorAssigned', fromUserId: this.counsellor.id, toUserId: counsellor.id, reason }, by, at);
    this.counsellor = ref(counsellor);
  }

  /** The reports still waiting for acknowledgement follow the pathway (the report composer moves them). */
  assignReferent(referent: User, by: User, at: Date, reason: string): void {
    this.assertOpen();
    if (this.referent.id === referent.id) {
      throw new PathwaysError('ALREADY_ASSIGNED', 'This referent is already the referent of the pathway.', ['input', 'referentId']);
    }
    this.record({ type: 'ReferentAssigned', fromUserId: this.referent.id, toUserId: referent.id, reason }, by, at);
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
      this.events.add(new PathwayEvent(this, { type: 'CounsellorAssigned', fromUserId: leaving.id, toUserId: successor.id, reason }, by, at));
      this.counsellor = ref(successor);
    }
    if (this.referent.id === leaving.id) {
      this.events.add(new PathwayEvent(this, { type: 'ReferentAssigned', fromUserId: leaving.id, toUserId: successor.id, reason }, by, at));
      this.referent = ref(successor);
    }
    for (const appointment of this.appointments) {
      if (appointment.status === AppointmentStatus.PLANNED && appointment.counsellor.id === leaving.id) appointment.counsellor = ref(successor);
    }
  }

  /** ACCEPTED → DIAGNOSTIC_SCHEDULED: books the diagnostic interview. */
  scheduleDiagnostic(counsellor: User, startsAt: Date, channel: AppointmentChannel, place: string | null, by: User, at: Date): Appointment {
    const appointment = new Appointment(this, counsellor, startsAt, channel, place, at);
    this.moveTo(PathwayStatus.DIAGNOSTIC_SCHEDULED, { type: 'DiagnosticScheduled', appointment }, by, at);
    this.appointments.add(appointment);
    return appointment;
  }

  rescheduleAppointment(appointment: Appointment, startsAt: Date, channel: AppointmentChannel, place: string | null, by: User, at: Date): void {
    appointment.reschedule(startsAt, channel, place);
    this.record({ type: 'AppointmentRescheduled', appointment }, by, at);
  }

  /** DIAGNOSTIC_SCHEDULED → ACCEPTED: the interview did not take place (a no-show is reported). */
  closeAppointment(appointment: Appointment, outcome: AppointmentStatus.NO_SHOW | AppointmentStatus.EXCUSED | AppointmentStatus.CANCELLED, by: User, at: Date): void {
    appointment.close(outcome, at);
    const type = ({ NO_SHOW: 'NoShowRecorded', EXCUSED: 'AbsenceExcused', CANCELLED: 'AppointmentCancelled' } as const)[outcome];
    this.moveTo(PathwayStatus.ACCEPTED, { type, appointment }, by, at);
  }

  /** DIAGNOSTIC_SCHEDULED → DIAGNOSED (ready) or RETURNED_TO_REFERENT; the referent is told. */
  recordDiagnostic(appointment: Appointment, findings: DiagnosticFindings, by: User, at: Date, on: LocalDate): Diagnostic {
    if (appointment.startsAt > at) {
      throw new PathwaysError('APPOINTMENT_NOT_DUE', 'A diagnostic is recorded once its appointment has begun.', ['input', 'appointmentId']);
    }
    appointment.close(AppointmentStatus.HELD, at);
    const diagnostic = new Diagnostic(this, appointment, by, findings, at, on);
    this.diagnostics.add(diagnostic);
    const ready = READY.includes(findings.readiness);
    this.moveTo(ready ? PathwayStatus.DIAGNOSED : PathwayStatus.RETURNED_TO_REFERENT, { type: 'DiagnosticRecorded', diagnostic }, by, at);
    return diagnostic;
  }

  /** Corrects a recorded diagnostic; the referent gets a new report, marked as a correction. */
  correctDiagnostic(diagnostic: Diagnostic, findings: DiagnosticFindings, by: User, at: Date): void {
    if (READY.includes(diagnostic.readiness) !== READY.includes(findings.readiness)) {
      throw new PathwaysError('INVALID_TRANSITION', `A ${this.status} pathway cannot change its readiness to ${findings.readiness}: that would change its status.`, ['input', 'readiness']);
    }
    diagnostic.correct(findings, at);
    this.record({ type: 'DiagnosticCorrected', diagnostic }, by, at);
  }

  /** Proposes an open opportunity of the pathway's operator to a DIAGNOSED or IN_PLACEMENT person. */
  propose(opportunity: Opportunity, by: User, at: Date, today: LocalDate): Proposal {
    if (!PROPOSING.includes(this.status)) {
      throw new PathwaysError('NOT_PROPOSABLE', `Offers are proposed once the person is diagnosed ready (DIAGNOSED or IN_PLACEMENT); this pathway is ${this.status}.`, ['input', 'pathwayId']);
    }
    if (!opportunity.isOpen) throw new OpportunitiesError('OPPORTUNITY_CLOSED', `This offer is ${opportunity.status}: it can no longer be proposed.`, ['input', 'opportunityId']);
    const proposal = new Proposal(this, opportunity, today, by, at);
    this.proposals.add(proposal);
    this.record({ type: 'OpportunityProposed', proposal, offer: proposal.offer() }, by, at);
    return proposal;
  }

  /**
   * Staff record a step of one of the pathway's proposals (proposal-status.ts). HIRED takes a
   * position of the opportunity: true when that filled it.
   */
  recordProposalStep(proposal: Proposal, record: StepRecord, by: User, at: Date, today: LocalDate): boolean {
    if (!PROPOSING.includes(this.status)) {
      throw new PathwaysError('NOT_PROPOSABLE', `This pathway is ${this.status}: its proposals no longer move.`, ['input', 'proposalId']);
    }
    const opportunity = proposal.opportunity.getEntity();
    // Said before the table: a proposal the filling cancelled would otherwise only be "CANCELLED".
    if (record.step === ProposalStatus.HIRED && opportunity.status === OpportunityStatus.FILLED) opportunity.assertHiring();
    proposal.step(record, by, at, today);
    const filled = record.step === ProposalStatus.HIRED && opportunity.hire(at);
    this.record({ type: 'ProposalStepRecorded', proposal, step: record.step, reason: record.reason, offer: proposal.offer() }, by, at);
    return filled;
  }

  /**
   * The system ends one of the pathway's open proposals (its opportunity closed or filled, or the
   * stale sweep): in the history, without moving the retention clock (nothing was done about the
   * person).
   */
  endProposal(proposal: Proposal, step: ProposalStatus.CANCELLED | ProposalStatus.STALE, reason: ProposalReason | null, by: User | null, at: Date): void {
    proposal.end(step, reason, by, at, parisDay(at));
    this.events.add(new PathwayEvent(this, { type: 'ProposalStepRecorded', proposal, step, reason, offer: proposal.offer() }, by, at));
  }

  /**
   * DIAGNOSED or IN_PLACEMENT: a placement starts, optionally from a HIRED proposal of this
   * pathway; the first running one makes the pathway IN_PLACEMENT. The calendar follows.
   */
  startPlacement(terms: PlacementTerms, proposal: Proposal | null, rules: FollowUpRules, by: User, at: Date): Placement {
    if (!PROPOSING.includes(this.status)) {
      throw new PathwaysError('NOT_PLACEABLE', `A placement starts once the person is diagnosed ready (DIAGNOSED or IN_PLACEMENT); this pathway is ${this.status}.`, ['input', 'pathwayId']);
    }
    if (proposal && proposal.pathway.id !== this.id) throw new PathwaysError('PROPOSAL_OF_ANOTHER_PATHWAY', "This proposal is another pathway's: a placement comes from one of its own pathway's.", ['input', 'proposalId']);
    if (proposal && proposal.status !== ProposalStatus.HIRED) throw new PathwaysError('PROPOSAL_NOT_HIRED', `A placement comes from a HIRED proposal; this one is ${proposal.status}.`, ['input', 'proposalId']);
    const placement = this.addPlacement(terms, proposal, by, at);
    this.followCalendar(rules);
    return placement;
  }

  /**
   * Ends a running placement (IN_PLACEMENT, or EXITED: the calendar goes on after the exit).
   * CONVERTED_TO_CDI starts the CDI with the same employer the next day. When none is left
   * running, an open pathway returns to DIAGNOSED.
   */
  endPlacement(placement: Placement, end: PlacementEnd, rules: FollowUpRules, by: User, at: Date): Placement | null {
    placement.assertRunning();
    if (this.status !== PathwayStatus.IN_PLACEMENT && this.status !== PathwayStatus.EXITED) {
      throw new PathwaysError('PATHWAY_CLOSED', `This pathway is ${this.status}: its placements no longer change.`, ['input', 'placementId']);
    }
    if (end.reason === PlacementEndReason.OTHER && !end.comment) throw new PathwaysError('COMMENT_REQUIRED', 'Another reason needs a comment saying which.', ['input', 'comment']);
    const employer = placement.employer;
    if (end.reason === PlacementEndReason.CONVERTED_TO_CDI && (!employer || !isFixedTerm(placement.contractType) || placement.contractType === ContractType.TRAINING)) {
      throw new PathwaysError('INVALID_REASON', 'A conversion to CDI ends a fixed-term contract with an employer (or a temp agency\'s client).', ['input', 'reason']);
    }
    placement.end(end, at);
    const stillRunning = this.placements.getItems().some((item) => item.isRunning);
    const event = { type: 'PlacementEnded', placement, summary: placement.summary() } as const;
    if (stillRunning || this.status === PathwayStatus.EXITED || end.reason === PlacementEndReason.CONVERTED_TO_CDI) this.record(event, by, at);
    else this.moveTo(PathwayStatus.DIAGNOSED, event, by, at);
    let cdi: Placement | null = null;
    if (end.reason === PlacementEndReason.CONVERTED_TO_CDI) {
      const terms = { contractType: ContractType.CDI, partner: employer, client: null, startOn: addCalendarDays(end.on, 1), plannedEndOn: null, hoursPerWeek: placement.hoursPerWeek, qualification: null, level: null };
      cdi = this.addPlacement(terms, null, by, at);
    }
    this.followCalendar(rules);
    return cdi;
  }

  /**
   * Corrects a placement's dates and type (who it is with stays); the calendar, and the outcome of
   * an exited pathway, are computed again, and the referent gets a report marked as a correction.
   * Refused when it would change the pathway's status: a running placement stays running, an
   * ended one ended.
   */
  correctPlacement(placement: Placement, correction: PlacementCorrection, rules: FollowUpRules, by: User, at: Date): void {
    if (!this.isOpen && this.status !== PathwayStatus.EXITED) {
      throw new PathwaysError('PATHWAY_CLOSED', `This pathway is ${this.status}: its placements no longer change.`, ['input', 'placementId']);
    }
    if (placement.isRunning !== (correction.endedOn === null)) {
      throw new PathwaysError(
        'INVALID_TRANSITION',
        placement.isRunning ? 'A correction does not end a running placement (that would change the pathway\'s status): end it with endPlacement.' : 'An ended placement keeps an end: a correction cannot make it run again (that would change the pathway\'s status).',
        ['input', 'endedOn'],
      );
    }
    placement.correct(correction, at);
    this.followCalendar(rules);
    let outcome: Outcome | null = null;
    if (this.status === PathwayStatus.EXITED && this.exitedOn && this.outcomeParameters) {
      outcome = computeOutcome(this.exitedOn, this.placements.getItems().map((item) => item.asContract()), this.declaredSituation, this.outcomeParameters);
      this.setOutcome(outcome);
    }
    this.record({ type: 'PlacementCorrected', placement, summary: placement.summary(), outcome }, by, at);
  }

  /** A contact from the acceptance of the referral to the exit and after, answering a checkpoint or not. */
  recordContact(record: ContactRecord, checkpoint: Checkpoint | null, by: User, at: Date): Contact {
    if (!FOLLOWED.includes(this.status)) {
      throw new PathwaysError('CONTACT_NOT_ALLOWED', `Contacts are recorded from the acceptance of the referral to the exit and after; this pathway is ${this.status}.`, ['input', 'pathwayId']);
    }
    if (checkpoint && checkpoint.pathway.id !== this.id) throw new PathwaysError('CHECKPOINT_CLOSED', "This checkpoint is another pathway's.", ['input', 'checkpointId']);
    checkpoint?.record(at);
    const contact = new Contact(this, record, checkpoint, by, at);
    this.contacts.add(contact);
    this.record({ type: 'ContactRecorded', contact }, by, at);
    return contact;
  }

  /** The sweep marks a checkpoint MISSED: in the history, without moving the retention clock. */
  missCheckpoint(checkpoint: Checkpoint, at: Date): void {
    checkpoint.miss(at);
    this.events.add(new PathwayEvent(this, { type: 'CheckpointMissed', checkpoint }, null, at));
  }

  /**
   * Any open status → EXITED, with the outcome category computed from the situation at exit
   * (outcome.ts) and stored with its rule. Open proposals are cancelled; the calendar goes on.
   */
  exit(record: ExitRecord, parameters: OutcomeParameters, by: User, at: Date): Outcome {
    const outcome = this.exitOutcome(record, parameters);
    this.moveTo(PathwayStatus.EXITED, { type: 'PathwayExited', on: record.on, reason: record.reason, comment: record.comment, outcome }, by, at);
    this.exitedOn = record.on;
    this.exitReason = record.reason;
    this.exitComment = record.comment;
    this.declaredSituation = record.declared;
    this.setOutcome(outcome);
    return outcome;
  }

  /** What exit() would give for this record, checked as exit() checks it, changing nothing: staff see it before confirming. */
  exitOutcome(record: ExitRecord, parameters: OutcomeParameters): Outcome {
    if (!canMove(this.status, PathwayStatus.EXITED)) throw new PathwaysError('INVALID_TRANSITION', `A ${this.status} pathway cannot become ${PathwayStatus.EXITED}.`);
    if (record.reason === ExitReason.OTHER && !record.comment) throw new PathwaysError('COMMENT_REQUIRED', 'Another reason needs a comment saying which.', ['input', 'comment']);
    return computeOutcome(record.on, this.placements.getItems().map((placement) => placement.asContract()), record.declared, parameters);
  }

  /** Forgets the free texts and the sensitive details that could identify the person (anonymisation). */
  forgetPersonalDetails(): void {
    this.justiceJustification = null;
    this.declineComment = null;
    this.exitComment = null;
    for (const event of this.events) event.forgetPersonalDetails();
  }

  recordParticipantUpdate(fields: string[], by: User, at: Date): void {
    this.record({ type: 'ParticipantUpdated', fields }, by, at);
  }

  /** Cancels the checkpoints still waiting (withdrawal, erasure); recorded ones stay. */
  cancelPendingCheckpoints(): void {
    for (const checkpoint of this.checkpoints.getItems()) checkpoint.cancel();
  }

  private addPlacement(terms: PlacementTerms, proposal: Proposal | null, by: User, at: Date): Placement {
    const placement = new Placement(this, terms, proposal, by, at);
    this.placements.add(placement);
    const event = { type: 'PlacementStarted', placement, summary: placement.summary() } as const;
    if (this.status === PathwayStatus.DIAGNOSED) this.moveTo(PathwayStatus.IN_PLACEMENT, event, by, at);
    else this.record(event, by, at);
    return placement;
  }

  /** Brings the stored checkpoints to the calendar the placements call for (follow-up-calendar.ts). */
  private followCalendar(rules: FollowUpRules): void {
    const checkpoints = this.checkpoints.getItems();
    const calendar = followUpCalendar(this.placements.getItems().map((placement) => placement.asContract()), rules.offsets, rules.outcome.tempChainGapDays);
    const changes = reconcileCalendar(checkpoints, calendar);
    const byKey = new Map(checkpoints.map((checkpoint) => [checkpoint.key, checkpoint]));
    for (const planned of changes.create) this.checkpoints.add(new Checkpoint(this, planned));
    for (const { key, dueOn } of changes.move) byKey.get(key)!.moveTo(dueOn);
    for (const key of changes.cancel) byKey.get(key)!.cancel();
  }

  private setOutcome(outcome: Outcome): void {
    this.outcomeCategory = outcome.category;
    this.outcomeBasis = outcome.basis;
    this.outcomeContractType = outcome.basis?.contractType ?? null;
    this.outcomeParameters = outcome.parameters;
  }

  private moveTo(next: PathwayStatus, event: JourneyEvent, by: User, at: Date): void {
    if (!canMove(this.status, next)) {
      throw new PathwaysError('INVALID_TRANSITION', `A ${this.status} pathway cannot become ${next}.`);
    }
    if (next === PathwayStatus.WITHDRAWN) this.cancelPendingCheckpoints();
    if (!isOpen(next) && PROPOSING.includes(this.status)) {
      // getItems() refuses a collection not loaded: a closing command must load the proposals.
      for (const proposal of this.proposals.getItems().filter((item) => item.isOpen)) this.endProposal(proposal, ProposalStatus.CANCELLED, ProposalReason.PATHWAY_CLOSED, by, at);
    }
    this.record(event, by, at, { from: this.status, to: next });
    this.status = next;
    if (!isOpen(next)) {
      this.openKey = null;
      this.closedAt = at;
      this.closedOn = parisDay(at);
    }
  }

  private record(event: JourneyEvent, by: User, at: Date, transition?: { from: PathwayStatus; to: PathwayStatus }): void {
    this.events.add(new PathwayEvent(this, event, by, at, transition));
    this.lastChangedAt = at;
  }

  private assertOpen(): void {
    if (!this.isOpen) throw new PathwaysError('PATHWAY_CLOSED', `This pathway is ${this.status}: it can no longer change hands.`, ['input', 'pathwayId']);
  }
}
