import { Entity, Index, ManyToOne, PrimaryKey, Property, ref, type FilterQuery, type Ref } from '@mikro-orm/core';
import { User, type Actor } from '@parcours/accounts';
import { assertNever } from '@parcours/core';
import { Appointment } from './interviews/appointment.entity';
import { Diagnostic } from './interviews/diagnostic.entity';
import type { JourneyEvent, JourneyEventType } from './journey-events';
import { AppointmentStatus } from './interviews/interview-enums';
import type { Pathway } from './pathway.entity';
import { pathwaysVisibleTo } from './pathway-scope';
import { Proposal } from './proposals/proposal.entity';
import type { ProposalStatus } from './proposals/proposal-status';
import type { PathwayStatus } from './pathway-status';
import { Checkpoint } from './follow-ups/checkpoint.entity';
import { Contact } from './follow-ups/contact.entity';
import { Placement } from './placements/placement.entity';

/** Events whose `reason` is a code, which survives anonymisation; any other reason is free text. */
const REASON_IS_A_CODE: readonly JourneyEventType[] = ['ReferralDeclined', 'AppointmentCancelled', 'NoShowRecorded', 'AbsenceExcused', 'AppointmentAnswered', 'ProposalStepRecorded', 'PlacementEnded', 'PathwayExited'];

/**
 * One line of a pathway's history: a typed journey event (who, when, from → to, why) with typed
 * columns for what it is about (users handed over, the appointment, the diagnostic, the names of
 * fields corrected). Never the data itself.
 */
@Entity({ tableName: 'pathway_event' })
@Index({ properties: ['pathway', 'at'] })
export class PathwayEvent {
  /** Increasing: orders the history even when two events share an instant. */
  @PrimaryKey({ autoincrement: true })
  id: number;

  @ManyToOne('Pathway', { ref: true })
  pathway: Ref<Pathway>;

  @Property({ type: 'string', length: 40 })
  type: JourneyEventType;

  @Property({ type: Date })
  at: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  by: Ref<User> | null;

  @Property({ type: 'string', length: 30, nullable: true })
  fromStatus: PathwayStatus | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  toStatus: PathwayStatus | null = null;

  /** A reason code (a decline's, an appointment's outcome) or a short reason given with a handover. */
  @Property({ type: 'string', length: 500, nullable: true })
  reason: string | null = null;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  /** The user handed over from (a handover). */
  @ManyToOne(() => User, { ref: true, nullable: true, fieldName: 'from_user_id' })
  fromUser: Ref<User> | null = null;

  /** The user handed over to, or the counsellor put in charge. */
  @ManyToOne(() => User, { ref: true, nullable: true, fieldName: 'to_user_id' })
  toUser: Ref<User> | null = null;

  @ManyToOne(() => Appointment, { ref: true, nullable: true })
  appointment: Ref<Appointment> | null = null;

  @ManyToOne(() => Diagnostic, { ref: true, nullable: true })
  diagnostic: Ref<Diagnostic> | null = null;

  @ManyToOne(() => Proposal, { ref: true, nullable: true })
  proposal: Ref<Proposal> | null = null;

  /** The step a proposal reached. */
  @Property({ type: 'string', length: 30, nullable: true })
  proposalStep: ProposalStatus | null = null;

  @ManyToOne(() => Placement, { ref: true, nullable: true })
  placement: Ref<Placement> | null = null;

  @ManyToOne(() => Contact, { ref: true, nullable: true })
  contact: Ref<Contact> | null = null;

  @ManyToOne(() => Checkpoint, { ref: true, nullable: true })
  checkpoint: Ref<Checkpoint> | null = null;

  /** The outcome category an exit (or a correction after it) computed. */
  @Property({ type: 'string', length: 30, nullable: true })
  outcomeCategory: string | null = null;

  /** The names of the person's fields corrected, comma-separated. */
  @Property({ type: 'string', length: 1000, nullable: true })
  fields: string | null = null;

  /** Not stored: the event as recorded, for the composers of the same flush. */
  @Property({ persist: false })
  recorded?: JourneyEvent;

  static visibleTo(actor: Actor): FilterQuery<PathwayEvent> {
    return { pathway: pathwaysVisibleTo(actor) };
  }

  constructor(pathway: Pathway, event: JourneyEvent, by: User | null, at: Date, transition?: { from: PathwayStatus | null; to: PathwayStatus }) {
    this.pathway = ref(pathway);
    this.type = event.type;
    this.by = by ? ref(by) : null;
    this.at = at;
    this.fromStatus = transition?.from ?? null;
    this.toStatus = transition?.to ?? null;
    this.recorded = event;
    switch (event.type) {
      case 'ParticipantReferred':
        // A referral from a file names it: reason IMPORT, the file's name as the comment.
        if (event.source) {
          this.reason = 'IMPORT';
          this.comment = event.source.fileName;
        }
        break;
      case 'ReferralAccepted':
        this.toUser = ref(User, event.counsellorId);
        break;
      case 'ReferralDeclined':
        this.reason = event.reason;
        this.comment = event.comment;
        break;
      case 'ReferralWithdrawn':
        this.reason = event.reason;
        break;
      case 'CounsellorAssigned':
      case 'ReferentAssigned':
        this.fromUser = ref(User, event.fromUserId);
        this.toUser = ref(User, event.toUserId);
        this.reason = event.reason;
        break;
      case 'ParticipantUpdated':
        this.fields = event.fields.join(',');
        break;
      case 'DiagnosticScheduled':
      case 'AppointmentRescheduled':
        this.appointment = ref(event.appointment);
        break;
      case 'AppointmentCancelled':
      case 'NoShowRecorded':
      case 'AbsenceExcused':
        this.appointment = ref(event.appointment);
        this.reason = APPOINTMENT_OUTCOMES[event.type];
        break;
      case 'AppointmentAnswered':
        this.appointment = ref(event.appointment);
        this.reason = event.appointment.answerCallBack ? `${event.appointment.answer}_CALL_BACK` : event.appointment.answer;
        break;
      case 'DiagnosticRecorded':
      case 'DiagnosticCorrected':
        this.diagnostic = ref(event.diagnostic);
        break;
      case 'OpportunityProposed':
        this.proposal = ref(event.proposal);
        break;
      case 'ProposalStepRecorded':
        this.proposal = ref(event.proposal);
        this.proposalStep = event.step;
        this.reason = event.reason;
        break;
      case 'PlacementStarted':
        this.placement = ref(event.placement);
        break;
      case 'PlacementEnded':
        this.placement = ref(event.placement);
        this.reason = event.summary.endReason;
        break;
      case 'PlacementCorrected':
        this.placement = ref(event.placement);
        this.outcomeCategory = event.outcome?.category ?? null;
        break;
      case 'ContactRecorded':
        this.contact = ref(event.contact);
        this.checkpoint = event.contact.checkpoint;
        break;
      case 'CheckpointMissed':
        this.checkpoint = ref(event.checkpoint);
        break;
      case 'PathwayExited':
        this.reason = event.reason;
        this.comment = event.comment;
        this.outcomeCategory = event.outcome.category;
        break;
      default:
        return assertNever(event);
    }
  }

  /** Free texts may name people: only reason codes survive anonymisation. */
  forgetPersonalDetails(): void {
    this.comment = null;
    if (!REASON_IS_A_CODE.includes(this.type)) this.reason = null;
  }
}

/** The outcome an appointment event records, as the history has always shown it. */
const APPOINTMENT_OUTCOMES = {
  AppointmentCancelled: AppointmentStatus.CANCELLED,
  NoShowRecorded: AppointmentStatus.NO_SHOW,
  AbsenceExcused: AppointmentStatus.EXCUSED,
} as const;
