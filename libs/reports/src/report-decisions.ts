import { BarrierTheme } from '@parcours/participants';
import { DeclineReason, READY, type Diagnostic, type JourneyEventOf, type JourneyEventType, type Readiness } from '@parcours/pathways';
import { ReportKind } from './report-kind';

/** What the referent is told of an event: never a note, never anything about JUSTICE. */
export interface ReportSummary {
  readiness?: Readiness;
  barriers?: { theme: BarrierTheme; blocking: boolean }[];
  nextStep: string;
  declineReason?: DeclineReason;
  appointmentAt?: string;
}

/** A report to write: its kind, what it says, and the counsellor's own words if any. */
export interface ReportDraft {
  kind: ReportKind;
  correction: boolean;
  summary: ReportSummary;
  counsellorSummary: string | null;
}

type Decision<T extends JourneyEventType> = ((event: JourneyEventOf<T>) => ReportDraft) | null;

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
