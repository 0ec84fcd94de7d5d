import { BarrierTheme } from '@parcours/participants';
import { ContractType, OpportunityKind } from '@parcours/opportunities';
import { AssessmentStatus, DeclineReason, JOURNEY_EVENT_TYPES, ProposalReason, ProposalStatus, Readiness, type Appointment, type Diagnostic, type JourneyEvent, type Proposal } from '@parcours/pathways';
import { REPORT_DECISIONS, reportFor } from './report-decisions';
import { ReportKind } from './report-kind';

const appointment = { startsAt: new Date('2026-03-16T08:00:00Z') } as Appointment;
const diagnostic = (readiness: Readiness) =>
  ({
    readiness,
    summary: 'Motivée ; la mobilité reste à travailler.',
    notes: { HEALTH: 'Ne peut pas porter de charges' },
    assessments: [
      { theme: BarrierTheme.MOBILITY, status: AssessmentStatus.PRESENT, blocking: true },
      { theme: BarrierTheme.HEALTH, status: AssessmentStatus.LIFTED, blocking: false },
      { theme: BarrierTheme.JUSTICE, status: AssessmentStatus.PRESENT, blocking: true },
      { theme: BarrierTheme.DIGITAL, status: AssessmentStatus.NOT_DISCUSSED, blocking: false },
    ],
  }) as Diagnostic;

const proposal = {} as Proposal;
const offer = { title: 'Agent de propreté', kind: OpportunityKind.JOB, contractType: ContractType.CDD, partnerName: 'Propreté Forez' };
const step = (to: ProposalStatus, reason: ProposalReason | null = null): JourneyEvent => ({ type: 'ProposalStepRecorded', proposal, step: to, reason, offer });

describe('the report each journey event calls for', () => {
  it('decides for every event type', () => {
    expect(Object.keys(REPORT_DECISIONS).sort()).toEqual([...JOURNEY_EVENT_TYPES].sort());
  });

  it.each<[JourneyEvent, ReportKind | null, boolean]>([
    [{ type: 'ParticipantReferred' }, null, false],
    [{ type: 'ReferralAccepted', counsellorId: 'c' }, null, false],
    [{ type: 'ReferralDeclined', reason: DeclineReason.UNREACHABLE, comment: 'injoignable' }, ReportKind.REFERRAL_DECLINED, false],
    [{ type: 'ReferralWithdrawn', reason: null }, null, false],
    [{ type: 'CounsellorAssigned', fromUserId: 'a', toUserId: 'b', reason: null }, null, false],
    [{ type: 'ReferentAssigned', fromUserId: 'a', toUserId: 'b', reason: 'secteur' }, null, false],
    [{ type: 'ParticipantUpdated', fields: ['phone'] }, null, false],
    [{ type: 'DiagnosticScheduled', appointment }, null, false],
    [{ type: 'AppointmentRescheduled', appointment }, null, false],
    [{ type: 'AppointmentCancelled', appointment }, null, false],
    [{ type: 'NoShowRecorded', appointment }, ReportKind.NO_SHOW, false],
    [{ type: 'AbsenceExcused', appointment }, null, false],
    [{ type: 'DiagnosticRecorded', diagnostic: diagnostic(Readiness.READY_FOR_EMPLOYMENT) }, ReportKind.DIAGNOSTIC_RECORDED, false],
    [{ type: 'DiagnosticCorrected', diagnostic: diagnostic(Readiness.READY_FOR_EMPLOYMENT) }, ReportKind.DIAGNOSTIC_RECORDED, true],
    [{ type: 'OpportunityProposed', proposal, offer }, null, false],
    [step(ProposalStatus.ACCEPTED_BY_PARTICIPANT), ReportKind.PROPOSAL_ACCEPTED, false],
    [step(ProposalStatus.DECLINED_BY_PARTICIPANT, ProposalReason.SCHEDULE), ReportKind.PROPOSAL_DECLINED, false],
    [step(ProposalStatus.REJECTED_BY_EMPLOYER, ProposalReason.SKILLS), ReportKind.PROPOSAL_DECLINED, false],
    [step(ProposalStatus.SENT_TO_EMPLOYER), null, false],
    [step(ProposalStatus.INTERVIEW), null, false],
    [step(ProposalStatus.HIRED), null, false],
    [step(ProposalStatus.CANCELLED, ProposalReason.NO_POSITION), null, false],
    [step(ProposalStatus.STALE), null, false],
  ])('%o → %s', (event, kind, correction) => {
    const report = reportFor(event);
    expect(report && { kind: report.kind, correction: report.correction }).toEqual(kind && { kind, correction });
  });

  it('tells the referent of a diagnostic the themes and blocking flags only: never JUSTICE, never a note', () => {
    const report = reportFor({ type: 'DiagnosticRecorded', diagnostic: diagnostic(Readiness.READY_WITH_SUPPORT) })!;
    expect(report.summary.barriers).toEqual([
      { theme: 'MOBILITY', blocking: true },
      { theme: 'HEALTH', blocking: false },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/JUSTICE|charges/);
    expect(report.counsellorSummary).toBe('Motivée ; la mobilité reste à travailler.');
  });

  it.each([
    [Readiness.READY_FOR_EMPLOYMENT, /peut avancer vers l'emploi/],
    [Readiness.READY_WITH_SUPPORT, /peut avancer vers l'emploi/],
    [Readiness.NOT_READY, /Le parcours vous revient/],
    [Readiness.REORIENTATION_SUGGESTED, /Le parcours vous revient/],
  ])('says in French what comes next after a diagnostic %s', (readiness, nextStep) => {
    expect(reportFor({ type: 'DiagnosticRecorded', diagnostic: diagnostic(readiness) })!.summary.nextStep).toMatch(nextStep);
  });

  it('dates a no-show report with its appointment', () => {
    expect(reportFor({ type: 'NoShowRecorded', appointment })!.summary).toMatchObject({ appointmentAt: '2026-03-16T08:00:00.000Z', nextStep: expect.stringMatching(/nouveau rendez-vous/) });
  });

  it('tells the referent of a declined proposal the offer and the reason code', () => {
    const report = reportFor(step(ProposalStatus.DECLINED_BY_PARTICIPANT, ProposalReason.SCHEDULE))!;
    expect(report.summary.proposal).toEqual({ ...offer, step: 'DECLINED_BY_PARTICIPANT', reason: 'SCHEDULE' });
    expect(report.counsellorSummary).toBeNull();
  });

  it("names a training body, not an employer, for a training", () => {
    const training = { ...offer, kind: OpportunityKind.TRAINING, contractType: ContractType.TRAINING };
    const report = reportFor({ type: 'ProposalStepRecorded', proposal, step: ProposalStatus.REJECTED_BY_EMPLOYER, reason: ProposalReason.SKILLS, offer: training })!;
    expect(report.summary.nextStep).toMatch(/organisme de formation/);
  });
});
