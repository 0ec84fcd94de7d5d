import type { Appointment } from './interviews/appointment.entity';
import type { ReferralSource } from './referral-judgement';
import type { Diagnostic } from './interviews/diagnostic.entity';
import type { DeclineReason } from './pathway-status';
import type { OfferSummary, Proposal } from './proposals/proposal.entity';
import type { ProposalReason, ProposalStatus } from './proposals/proposal-status';
import type { Checkpoint } from './follow-ups/checkpoint.entity';
import type { Contact } from './follow-ups/contact.entity';
import type { Outcome } from './placements/outcome';
import type { ExitReason } from './placements/placement-enums';
import type { Placement, PlacementSummary } from './placements/placement.entity';

/**
 * Everything that happens on a pathway, as the entity methods record it: one typed event each,
 * persisted as one line of the pathway's history (PathwayEvent) with typed columns. The reports to
 * the referent are decided on these types, exhaustively (libs/reports/src/report-decisions.ts).
 * A new stage adds its events here, and the compiler then asks for its report decision.
 */
export type JourneyEvent =
  | { type: 'ParticipantReferred'; source?: ReferralSource }
  | { type: 'ReferralAccepted'; counsellorId: string }
  | { type: 'ReferralDeclined'; reason: DeclineReason; comment: string | null }
  | { type: 'ReferralWithdrawn'; reason: string | null }
  | { type: 'CounsellorAssigned'; fromUserId: string; toUserId: string; reason: string | null }
  | { type: 'ReferentAssigned'; fromUserId: string; toUserId: string; reason: string }
  | { type: 'ParticipantUpdated'; fields: string[] }
  | { type: 'DiagnosticScheduled'; appointment: Appointment }
  | { type: 'AppointmentRescheduled'; appointment: Appointment }
  | { type: 'AppointmentCancelled'; appointment: Appointment }
  | { type: 'NoShowRecorded'; appointment: Appointment }
  | { type: 'AbsenceExcused'; appointment: Appointment }
  /** The person answered through their link (appointment.answer): by nobody on the staff. */
  | { type: 'AppointmentAnswered'; appointment: Appointment }
  | { type: 'DiagnosticRecorded'; diagnostic: Diagnostic }
  | { type: 'DiagnosticCorrected'; diagnostic: Diagnostic }
  | { type: 'OpportunityProposed'; proposal: Proposal; offer: OfferSummary }
  | { type: 'ProposalStepRecorded'; proposal: Proposal; step: ProposalStatus; reason: ProposalReason | null; offer: OfferSummary }
  | { type: 'PlacementStarted'; placement: Placement; summary: PlacementSummary }
  | { type: 'PlacementEnded'; placement: Placement; summary: PlacementSummary }
  | { type: 'PlacementCorrected'; placement: Placement; summary: PlacementSummary; outcome: Outcome | null }
  | { type: 'ContactRecorded'; contact: Contact }
  | { type: 'CheckpointMissed'; checkpoint: Checkpoint }
  | { type: 'PathwayExited'; on: string; reason: ExitReason; comment: string | null; outcome: Outcome };

export type JourneyEventType = JourneyEvent['type'];

/** One event of a type, as a function keyed on the type receives it. */
export type JourneyEventOf<T extends JourneyEventType> = Extract<JourneyEvent, { type: T }>;

/** Every event type, listed once (a record over the union, so a new type cannot be left out). */
const TYPES: Record<JourneyEventType, true> = {
  ParticipantReferred: true,
  ReferralAccepted: true,
  ReferralDeclined: true,
  ReferralWithdrawn: true,
  CounsellorAssigned: true,
  ReferentAssigned: true,
  ParticipantUpdated: true,
  DiagnosticScheduled: true,
  AppointmentRescheduled: true,
  AppointmentCancelled: true,
  NoShowRecorded: true,
  AbsenceExcused: true,
  AppointmentAnswered: true,
  DiagnosticRecorded: true,
  DiagnosticCorrected: true,
  OpportunityProposed: true,
  ProposalStepRecorded: true,
  PlacementStarted: true,
  PlacementEnded: true,
  PlacementCorrected: true,
  ContactRecorded: true,
  CheckpointMissed: true,
  PathwayExited: true,
};

export const JOURNEY_EVENT_TYPES = Object.keys(TYPES) as JourneyEventType[];
