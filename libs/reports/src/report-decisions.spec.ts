import { BarrierTheme } from '@parcours/participants';
import { ContractType, OpportunityKind } from '@parcours/opportunities';
import {
  AssessmentStatus,
  Contact,
  DeclineReason,
  ExitReason,
  FollowUpSituation,
  JOURNEY_EVENT_TYPES,
  OutcomeCategory,
  PlacementEndReason,
  ProposalReason,
  ProposalStatus,
  Readiness,
  SixMonthsRule,
  type Appointment,
  type Checkpoint,
  type Diagnostic,
  type FollowUpDifficulty,
  type JourneyEvent,
  type Outcome,
  type Placement,
  type PlacementSummary,
  type Proposal,
} from '@parcours/pathways';
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

const placement = {} as Placement;
const summary: PlacementSummary = {
  contractType: ContractType.CDD,
  partnerName: 'Propreté Forez',
  clientName: null,
  startOn: '2026-04-01',
  plannedEndOn: '2026-09-30',
  endedOn: null,
  endReason: null,
  hoursPerWeek: 35,
  qualification: null,
};
const ended: PlacementSummary = { ...summary, endedOn: '2026-05-15', endReason: PlacementEndReason.RESIGNATION };
const outcome: Outcome = { category: OutcomeCategory.DURABLE_EMPLOYMENT, basis: null, parameters: { sixMonthsRule: SixMonthsRule.AT_LEAST, tempChainGapDays: 7 } };
/** A contact as recorded, with its note and justification (which no report may carry). */
const contact = (situation: FollowUpSituation | null, difficulties: FollowUpDifficulty[]) =>
  Object.assign(Object.create(Contact.prototype) as Contact, { on: '2026-04-20', situation, difficulties, note: 'Note privée', justiceJustification: 'Audience', nextStep: null });
const contactEvent = (situation: FollowUpSituation | null, difficulties: FollowUpDifficulty[]): JourneyEvent => ({ type: 'ContactRecorded', contact: contact(situation, difficulties) });

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
    [{ type: 'ReferentAssigned', fromUserId: 'a', toUserId: 'b', reason: 'secteur' }, ReportKind.PATHWAY_HANDED_OVER, false],
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
    [{ type: 'PlacementStarted', placement, summary }, ReportKind.PLACEMENT_STARTED, false],
    [{ type: 'PlacementEnded', placement, summary: ended }, ReportKind.PLACEMENT_ENDED, false],
    [{ type: 'PlacementCorrected', placement, summary, outcome: null }, ReportKind.PLACEMENT_STARTED, true],
    [{ type: 'PlacementCorrected', placement, summary: ended, outcome }, ReportKind.PLACEMENT_ENDED, true],
    [contactEvent(FollowUpSituation.IN_POST, []), null, false],
    [contactEvent(FollowUpSituation.IN_POST, [{ theme: 'PAY', blocking: false }]), null, false],
    [contactEvent(FollowUpSituation.IN_POST, [{ theme: BarrierTheme.JUSTICE, blocking: true }]), null, false],
    [contactEvent(FollowUpSituation.IN_POST, [{ theme: 'SCHEDULE', blocking: true }]), ReportKind.FOLLOW_UP_DIFFICULTY, false],
    [contactEvent(FollowUpSituation.AT_RISK, []), ReportKind.FOLLOW_UP_DIFFICULTY, false],
    [{ type: 'CheckpointMissed', checkpoint: {} as Checkpoint }, null, false],
    [{ type: 'PathwayExited', on: '2026-07-01', reason: ExitReason.FOUND_WORK_OR_TRAINING, comment: 'texte', outcome }, ReportKind.PATHWAY_EXITED, false],
  ])('%o → %s', (event, kind, correction) => {
    const report = reportFor(event);
    expect(report && { kind: report.kind, correction: report.correction }).toEqual(kind && { kind, correction });
  });

  it('tells the referent of a follow-up difficulty the situation, themes and blocking flags only: never JUSTICE, never the note', () => {
    const report = reportFor(contactEvent(FollowUpSituation.AT_RISK, [{ theme: BarrierTheme.JUSTICE, blocking: true }, { theme: BarrierTheme.HEALTH, blocking: false }]))!;
    expect(report.summary.followUp).toEqual({ contactOn: '2026-04-20', situation: 'AT_RISK', difficulties: [{ theme: BarrierTheme.HEALTH, blocking: false }] });
    expect(JSON.stringify(report)).not.toMatch(/JUSTICE|Note privée|Audience/);
  });

  it('tells the referent of an exit its day, reason code and category, never the comment', () => {
    const report = reportFor({ type: 'PathwayExited', on: '2026-07-01', reason: ExitReason.OTHER, comment: 'Déménage à Lyon', outcome })!;
    expect(report.summary.exit).toEqual({ exitedOn: '2026-07-01', reason: 'OTHER', category: 'DURABLE_EMPLOYMENT' });
    expect(JSON.stringify(report)).not.toContain('Lyon');
  });

  it('tells the referent of a diagnostic the themes and blocking flags only: never JUSTICE, never a note', () => {
    const report = reportFor({ type: 'DiagnosticRecorded', diagnostic: diagnostic(Readiness.READY_WITH_SUPPORT) })!;
    expect(report.summary.barriers).toEqual([
      { theme: 'MOBILITY', blocking: true },
      { theme: BarrierTheme.HEALTH, blocking: false },
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
