import { Collection, Entity, LoadStrategy, Index, ManyToOne, OneToMany, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { Organisation, User, type Actor } from '@parcours/accounts';
import { parisDay, type LocalDate } from '@parcours/core';
import { OpportunitiesError, OpportunityStatus, type Opportunity } from '@parcours/opportunities';
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

/** The statuses in which offers are proposed and steps recorded (DOMAIN.md). */
export const PROPOSING: readonly PathwayStatus[] = [PathwayStatus.DIAGNOSED, PathwayStatus.IN_PLACEMENT];

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
export class Pathway {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Participant, { ref: true })
  participant: Ref<Participant>;

  @ManyToOne(() => Organisation, { ref: true })
  operator: Ref<Organisation>;

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

  @Property({ type: Date, nullable: true })
  closedAt: Date | null = null;

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

  constructor(values: {
    participant: Participant;
    operator: Organisation;
    referent: User;
    situation: ReferralSituation;
    eligibilityReasons: EligibilityReason[];
    at: Date;
    on: LocalDate;
  }) {
    this.participant = ref(values.participant);
    this.operator = ref(values.operator);
    this.referent = ref(values.referent);
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

  /** Forgets the free texts and the sensitive details that could identify the person (anonymisation). */
  forgetPersonalDetails(): void {
    this.justiceJustification = null;
    this.declineComment = null;
    for (const event of this.events) event.forgetPersonalDetails();
  }

  recordParticipantUpdate(fields: string[], by: User, at: Date): void {
    this.record({ type: 'ParticipantUpdated', fields }, by, at);
  }

  private moveTo(next: PathwayStatus, event: JourneyEvent, by: User, at: Date): void {
    if (!canMove(this.status, next)) {
      throw new PathwaysError('INVALID_TRANSITION', `A ${this.status} pathway cannot become ${next}.`);
    }
    if (!isOpen(next) && PROPOSING.includes(this.status)) {
      // getItems() refuses a collection not loaded: a closing command must load the proposals.
      for (const proposal of this.proposals.getItems().filter((item) => item.isOpen)) this.endProposal(proposal, ProposalStatus.CANCELLED, ProposalReason.PATHWAY_CLOSED, by, at);
    }
    this.record(event, by, at, { from: this.status, to: next });
    this.status = next;
    if (!isOpen(next)) {
      this.openKey = null;
      this.closedAt = at;
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
