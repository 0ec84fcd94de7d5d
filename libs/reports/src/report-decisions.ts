import { BarrierTheme } from '@parcours/participants';
import { OpportunityKind, type ContractType } from '@parcours/opportunities';
import {
  DeclineReason,
  ExitReason,
  ProposalStatus,
  READY,
  type Diagnostic,
  type FollowUpDifficulty,
  type FollowUpSituation,
  type JourneyEventOf,
  type JourneyEventType,
  type OutcomeCategory,
  type PlacementSummary,
  type ProposalReason,
  type Readiness,
} from '@parcours/pathways';
import { ReportKind } from './report-kind';

/** What the referent is told of an event: never a note, never anything about JUSTICE. */
export interface ReportSummary {
  readiness?: Readiness;
  barriers?: { theme: BarrierTheme; blocking: boolean }[];
  nextStep: string;
  declineReason?: DeclineReason;
  appointmentAt?: string;
  /** A proposal's offer and how it ended: never the comment. */
  proposal?: ReportedProposal;
  /** A placement's contract, with whom, its dates and how it ended: never the comment. */
  placement?: PlacementSummary;
  /** What a follow-up found worrying: the situation, difficulties by theme and blocking flag, never JUSTICE, never the note. */
  followUp?: { contactOn: string; situation: FollowUpSituation | null; difficulties: FollowUpDifficulty[] };
  /** The exit: its day, reason code and computed category (after a correction, the category only). */
  exit?: { exitedOn: string | null; reason: ExitReason | null; category: OutcomeCategory };
}

export interface ReportedProposal {
  title: string;
  kind: OpportunityKind;
  contractType: ContractType;
  partnerName: string;
  step: ProposalStatus;
  reason: ProposalReason | null;
}

/** A report to write: its kind, what it says, and the counsellor's own words if any. */
export interface ReportDraft {
  kind: ReportKind;
  correction: boolean;
  summary: ReportSummary;
  counsellorSummary: string | null;
}

type Decision<T extends JourneyEventType> = ((event: JourneyEventOf<T>) => ReportDraft | null) | null;

/**
 * For each journey event, the report the referent gets, or null for none. Keyed on every event
 * type: a new event without a decision here does not compile. The wording is French, for the
 * people who read it.
 */
export const REPORT_DECISIONS: { [T in JourneyEventType]: Decision<T> } = {
  ParticipantReferred: null,
  ReferralAccepted: null,
  ReferralDeclined: (event) => ({
    kind: ReportKind.REFERRAL_DECLINED,
    correction: false,
    summary: { declineReason: event.reason, nextStep: "La structure n'a pas retenu l'orientation : la personne a besoin d'une autre orientation." },
    counsellorSummary: null,
  }),
  ReferralWithdrawn: null,
  CounsellorAssigned: null,
  ReferentAssigned: () => ({
    kind: ReportKind.PATHWAY_HANDED_OVER,
    correction: false,
    summary: { nextStep: "Le parcours de cette personne vous a été confié : vous en êtes désormais le référent, et les comptes rendus non lus vous suivent." },
    counsellorSummary: null,
  }),
  ParticipantUpdated: null,
  DiagnosticScheduled: null,
  AppointmentRescheduled: null,
  AppointmentCancelled: null,
  NoShowRecorded: (event) => ({
    kind: ReportKind.NO_SHOW,
    correction: false,
    summary: {
      appointmentAt: event.appointment.startsAt.toISOString(),
      nextStep: "La personne ne s'est pas présentée à l'entretien de diagnostic : la structure va lui proposer un nouveau rendez-vous.",
    },
    counsellorSummary: null,
  }),
  AbsenceExcused: null,
  AppointmentAnswered: null,
  DiagnosticRecorded: (event) => diagnosticReport(event.diagnostic, false),
  DiagnosticCorrected: (event) => diagnosticReport(event.diagnostic, true),
  OpportunityProposed: null,
  ProposalStepRecorded: (event) => proposalReport(event),
  PlacementStarted: (event) => ({
    kind: ReportKind.PLACEMENT_STARTED,
    correction: false,
    summary: { placement: event.summary, nextStep: placementStartedNextStep(event.summary) },
    counsellorSummary: null,
  }),
  PlacementEnded: (event) => ({
    kind: ReportKind.PLACEMENT_ENDED,
    correction: false,
    summary: { placement: event.summary, nextStep: PLACEMENT_ENDED_NEXT_STEP },
    counsellorSummary: null,
  }),
  PlacementCorrected: (event) => ({
    kind: event.summary.endedOn ? ReportKind.PLACEMENT_ENDED : ReportKind.PLACEMENT_STARTED,
    correction: true,
    summary: {
      placement: event.summary,
      ...(event.outcome ? { exit: { exitedOn: null, reason: null, category: event.outcome.category } } : {}),
      nextStep: 'La structure a corrigé les dates ou le type de contrat de cette mise en situation.',
    },
    counsellorSummary: null,
  }),
  ContactRecorded: (event) => {
    const difficulty = event.contact.reportedDifficulty();
    if (!difficulty) return null;
    return {
      kind: ReportKind.FOLLOW_UP_DIFFICULTY,
      correction: false,
      summary: { followUp: { contactOn: event.contact.on, ...difficulty }, nextStep: "Le suivi dans l'emploi signale une difficulté : la structure accompagne la personne et peut vous solliciter." },
      counsellorSummary: null,
    };
  },
  CheckpointMissed: null,
  PathwayExited: (event) => ({
    kind: ReportKind.PATHWAY_EXITED,
    correction: false,
    summary: { exit: { exitedOn: event.on, reason: event.reason, category: event.outcome.category }, nextStep: "La personne est sortie de l'accompagnement L.O.I.R.E." },
    counsellorSummary: null,
  }),
};

const PLACEMENT_ENDED_NEXT_STEP = 'La mise en situation a pris fin : la structure continue le suivi et propose de nouvelles offres si la personne est toujours accompagnée.';

function placementStartedNextStep(placement: PlacementSummary): string {
  return placement.contractType === 'TRAINING'
    ? "La personne entre en formation : la structure assure le suivi pendant la formation."
    : "La personne a commencé un contrat : la structure assure le suivi dans l'emploi.";
}

/** The report an event calls for, if any. */
export function reportFor<T extends JourneyEventType>(event: JourneyEventOf<T>): ReportDraft | null {
  const decision = REPORT_DECISIONS[event.type as T] as Decision<T>;
  return decision ? decision(event) : null;
}

/** The diagnostic as the referent reads it: themes and blocking flags only, never JUSTICE, never notes. */
function diagnosticReport(diagnostic: Diagnostic, correction: boolean): ReportDraft {
  const ready = READY.includes(diagnostic.readiness);
  return {
    kind: ReportKind.DIAGNOSTIC_RECORDED,
    correction,
    summary: {
      readiness: diagnostic.readiness,
      barriers: diagnostic.assessments
        .filter((assessment) => assessment.theme !== BarrierTheme.JUSTICE && assessment.status !== 'NOT_DISCUSSED')
        .map(({ theme, blocking }) => ({ theme, blocking })),
      nextStep: ready
        ? "La personne peut avancer vers l'emploi : la structure va lui proposer des offres d'emploi ou de formation."
        : "Le parcours vous revient : la personne a d'abord besoin d'un autre accompagnement.",
    },
    counsellorSummary: diagnostic.summary,
  };
}

/** What each step the referent hears of says next (a training's "employer" is its training body). */
const PROPOSAL_NEXT_STEPS: Partial<Record<ProposalStatus, (training: boolean) => string>> = {
  [ProposalStatus.ACCEPTED_BY_PARTICIPANT]: (training) =>
    `La personne a accepté la proposition : la structure transmet sa candidature ${training ? "à l'organisme de formation" : "à l'employeur"}.`,
  [ProposalStatus.DECLINED_BY_PARTICIPANT]: () => "La personne n'a pas donné suite à la proposition : la structure continue de lui proposer des offres.",
  [ProposalStatus.REJECTED_BY_EMPLOYER]: (training) =>
    `${training ? "L'organisme de formation" : "L'employeur"} n'a pas retenu la candidature : la structure continue de proposer des offres à la personne.`,
};

/** PROPOSAL_ACCEPTED on acceptance, PROPOSAL_DECLINED on a decline or a rejection; other steps are not reported. */
function proposalReport(event: JourneyEventOf<'ProposalStepRecorded'>): ReportDraft | null {
  const nextStep = PROPOSAL_NEXT_STEPS[event.step];
  if (!nextStep) return null;
  return {
    kind: event.step === ProposalStatus.ACCEPTED_BY_PARTICIPANT ? ReportKind.PROPOSAL_ACCEPTED : ReportKind.PROPOSAL_DECLINED,
    correction: false,
    summary: {
      proposal: { ...event.offer, step: event.step, reason: event.reason },
      nextStep: nextStep(event.offer.kind === OpportunityKind.TRAINING),
    },
    counsellorSummary: null,
  };
}
