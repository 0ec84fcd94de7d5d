import { BarrierTheme } from '@parcours/participants';
import { OpportunityKind, type ContractType } from '@parcours/opportunities';
import { DeclineReason, ProposalStatus, READY, type Diagnostic, type JourneyEventOf, type JourneyEventType, type ProposalReason, type Readiness } from '@parcours/pathways';
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
  ReferentAssigned: null,
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
  DiagnosticRecorded: (event) => diagnosticReport(event.diagnostic, false),
  DiagnosticCorrected: (event) => diagnosticReport(event.diagnostic, true),
  OpportunityProposed: null,
  ProposalStepRecorded: (event) => proposalReport(event),
};

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
