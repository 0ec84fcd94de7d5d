import { Checkpoint, Contact, FollowUpsService, Pathway, Placement, Proposal } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import type { AccountsFixture, TestUser } from '../support/accounts';
import { aPerson, type JourneyFixture, type PathwayView, RECORD_DIAGNOSTIC, SCHEDULE, someFindings, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import type { TestApp } from '../support/test-app';

const FIGURES = `referralAttempts refusedReferrals refusedOutsideTerritory refusedNoRsaNorBarrier referrals accepted declined declined_UNREACHABLE
  diagnosed diagnosedMature diagnosedWithin30Days diagnosedWithin30DaysShare daysToDiagnosticMedian appointmentsWithOutcome noShows noShowRate
  firstAppointments firstAppointmentsReminded firstAppointmentsRemindedHeld firstAppointmentsNotReminded firstAppointmentsNotRemindedHeld attendanceReminded attendanceNotReminded
  diagnostics readyForEmployment readyShare proposalsEnded proposals_DECLINED_BY_PARTICIPANT placements placements_CDD placements_TEMP_MISSION placements_CDI
  exits exits_DURABLE_EMPLOYMENT exits_OTHER dynamicExitRate firstPlacements daysToFirstPlacementMedian
  sixMonthCheckpoints sixMonthRecorded stillInWork sixMonthUnknown sixMonthMissed stillInWorkShare reportsDue reportsLate participantsOpen targetParticipants`;
const NAMES = FIGURES.split(/\s+/).filter(Boolean);
const REPORT = `query ($input: OutcomeReportInput!) { outcomeReport(input: $input) { from to suppressionApplied groupBy
  rows { month prescriber { id name } communeCode contractType figures { ${NAMES.map((name) => `${name} { value suppressed }`).join(' ')} } }
  total { figures { ${NAMES.map((name) => `${name} { value suppressed }`).join(' ')} } } } }`;

type Figures = Record<string, { value: number | null; suppressed: boolean }>;
interface ReportView {
  from: string;
  to: string;
  suppressionApplied: boolean;
  rows: { month: string | null; prescriber: { id: string; name: string } | null; figures: Figures }[];
  total: { figures: Figures };
}

/**
 * A small known journey over 2026, built through the API with the clock moved day by day, and every
 * figure of the report checked against a count made by hand (the literal numbers below, each
 * explained) — the same on SQLite and PostgreSQL.
 */
describe('the outcome report', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let offers: OffersFixture;
  let placements: PlacementsFixture;
  let referentA: TestUser;
  let referentB: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  let funderUser: TestUser;
  let otherFunder: TestUser;
  let employer: string;
  let agency: string;
  let conventionId: string;
  let prescriberA: string;
  const pathways: Record<string, PathwayView> = {};

  const moveTo = async (instant: string) => {
    t.clock.set(instant);
    await accounts.signInAgain(referentA, referentB, counsellor, manager, funderUser, otherFunder);
  };
  const report = async (user: TestUser, input: Record<string, unknown>) => (await t.api.data<{ outcomeReport: ReportView }>(REPORT, { input }, { token: user.token })).outcomeReport;
  const values = (figures: Figures) => Object.fromEntries(Object.entries(figures).map(([name, figure]) => [name, figure.value]));

  /** Schedules the diagnostic an hour ago (so that it can be recorded now) and records it. */
  const diagnose = async (pathwayId: string, readiness = 'READY_FOR_EMPLOYMENT', noShowFirst = false) => {
    const schedule = async () =>
      (await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId, startsAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(), channel: 'ON_SITE' } }, { token: counsellor.token }))
        .scheduleDiagnostic.appointment.id;
    if (noShowFirst) {
      await t.api.data('mutation ($id: ID!) { recordNoShow(input: { appointmentId: $id }) { userErrors { code } } }', { id: await schedule() }, { token: counsellor.token });
      // Booked again a minute later: the missed one is the pathway's first appointment.
      t.clock.set(new Date(t.clock.now().getTime() + 60_000).toISOString());
    }
    const data = await t.api.data<{ recordDiagnostic: { userErrors: unknown[] } }>(RECORD_DIAGNOSTIC, { input: { appointmentId: await schedule(), ...someFindings({ readiness }) } }, { token: counsellor.token });
    expect(data.recordDiagnostic.userErrors).toEqual([]);
  };

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    offers = new OffersFixture(t.api, accounts);
    placements = new PlacementsFixture(t.api);
    referentA = await accounts.user('REFERENT');
    referentB = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    const metropole = await accounts.organisation('FUNDER', 'Saint-Étienne Métropole');
    funderUser = await accounts.user('FUNDER', { organisationId: metropole });
    otherFunder = await accounts.user('FUNDER');
    employer = await offers.partner('EMPLOYER', {}, manager);
    agency = await offers.partner('TEMP_AGENCY', {}, manager);
    const convention = await t.api.data<{ createConvention: { convention: { id: string } } }>(
      'mutation ($input: CreateConventionInput!) { createConvention(input: $input) { convention { id } } }',
      { input: { operatorId: accounts.operatorId, funderId: metropole, title: 'L.O.I.R.E 2026', budgetLine: 'SERV / chap 65 / SUECO', startOn: '2026-01-01', endOn: '2026-12-31', targetParticipants: 20, amountCents: 18_500_000 } },
      { token: manager.token },
    );
    conventionId = convention.createConvention.convention.id;

    // 2 March: six referrals by A, three by B (one declined), two attempts refused.
    await moveTo('2026-03-02T09:00:00Z');
    for (const name of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) pathways[name] = await journey.refer(referentA, aPerson({ lastName: `Figure${name}` }));
    for (const name of ['Q1', 'Q2', 'Q3']) pathways[name] = await journey.refer(referentB, aPerson({ lastName: `Figure${name}` }));
    prescriberA = (await t.orm.em.fork().findOneOrFail(Pathway, pathways.P1.id)).prescriber!.id;
    expect((await journey.referRaw(referentA, aPerson({ communeCode: '42187', postalCode: '42300' }))).userErrors.map((error) => error.code)).toEqual(['OUTSIDE_TERRITORY']);
    expect((await journey.referRaw(referentA, aPerson({ rsaStatus: 'NONE' }))).userErrors.map((error) => error.code)).toEqual(['NO_RSA_NOR_BARRIER']);
    for (const name of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'Q1', 'Q2']) await journey.accept(counsellor, pathways[name].id);
    await journey.decline(counsellor, pathways.Q3.id, 'UNREACHABLE');
    // Diagnosed 0 days after referral: P1, P2, P3; P6 misses its first appointment.
    for (const name of ['P1', 'P2', 'P3']) await diagnose(pathways[name].id);
    await moveTo('2026-03-05T10:00:00Z');
    await diagnose(pathways.Q2.id, 'NOT_READY'); // 3 days
    await diagnose(pathways.P6.id, 'READY_WITH_SUPPORT', true); // 3 days, after a no-show
    await moveTo('2026-03-12T10:00:00Z');
    for (const name of ['P4', 'P5']) await diagnose(pathways[name].id); // 10 days
    await moveTo('2026-04-10T10:00:00Z');
    await diagnose(pathways.Q1.id); // 39 days

    // 20 March: a proposal declined; 23 March: a CDD and a temp mission; 1 April: a CDI.
    await moveTo('2026-03-23T10:00:00Z');
    const proposal = await offers.propose(counsellor, pathways.P1.id, (await offers.job(counsellor, employer)).id);
    await offers.step(counsellor, proposal.id, 'DECLINED_BY_PARTICIPANT', '2026-03-23', { reason: 'SCHEDULE' });
    await placements.start(counsellor, { pathwayId: pathways.P1.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-23', plannedEndOn: '2026-09-30', hoursPerWeek: 35 });
    const mission = await placements.start(counsellor, { pathwayId: pathways.P2.id, contractType: 'TEMP_MISSION', tempAgencyPartnerId: agency, startOn: '2026-03-23', plannedEndOn: '2026-04-10', hoursPerWeek: 35 });
    await moveTo('2026-04-01T10:00:00Z');
    await placements.start(counsellor, { pathwayId: pathways.P3.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-04-01', hoursPerWeek: 35 });
    await moveTo('2026-04-13T10:00:00Z');
    await placements.end(counsellor, mission.id, '2026-04-10');
    await placements.start(counsellor, { pathwayId: pathways.P2.id, contractType: 'TEMP_MISSION', tempAgencyPartnerId: agency, startOn: '2026-04-13', plannedEndOn: '2026-10-30', hoursPerWeek: 35 });
    // 15 April: P3 exits in its CDI (durable), P4 with nothing (other).
    await moveTo('2026-04-15T10:00:00Z');
    await placements.exitRaw(counsellor, { pathwayId: pathways.P3.id, exitedOn: '2026-04-15', reason: 'FOUND_WORK_OR_TRAINING' });
    await placements.exitRaw(counsellor, { pathwayId: pathways.P4.id, exitedOn: '2026-04-15', reason: 'NO_SOLUTION' });
    // +6 months: P1's (23 September) in post, P2's unknown, P3's (1 October) missed.
    await moveTo('2026-09-24T10:00:00Z');
    const sixMonths = async (name: string) => (await placements.followUp(counsellor, pathways[name].id)).checkpoints.find((checkpoint) => checkpoint.offset === '6m')!;
    await placements.contact(counsellor, { pathwayId: pathways.P1.id, on: '2026-09-24', situation: 'IN_POST', checkpointId: (await sixMonths('P1')).id });
    await placements.contact(counsellor, { pathwayId: pathways.P2.id, on: '2026-09-24', reached: 'NONE', situation: 'UNKNOWN', checkpointId: (await sixMonths('P2')).id });
    await moveTo('2026-10-09T10:00:00Z');
    await t.app.get(FollowUpsService).sweepMissedCheckpoints();
    // Reports: A acknowledges all but the last two of its reports on time; B acknowledges none.
    const inbox = await t.orm.em.fork().find(ReferentReport, { referent: referentA.id }, { orderBy: { eventAt: 'asc', id: 'asc' } });
    for (const report of inbox.slice(0, -2)) await t.api.data('mutation ($id: ID!) { acknowledgeReport(input: { reportId: $id }) { userErrors { code } } }', { id: report.id }, { token: referentA.token });
    await moveTo('2026-12-31T10:00:00Z');
  });
  afterAll(() => t.close());

  it('answers every figure of the year as counted by hand, for a manager, unsuppressed', async () => {
    const year = await report(manager, { from: '2026-01-01', to: '2026-12-31' });
    expect(year.suppressionApplied).toBe(false);
    const em = t.orm.em.fork();
    // The reports' figures are counted here from the rows, as the definition says.
    const reports = await em.find(ReferentReport, {});
    const late = reports.filter((report) => (report.acknowledgedOn ? report.acknowledgedOn > report.dueOn : report.dueOn < '2026-12-31')).length;
    expect(values(year.total.figures)).toEqual({
      referralAttempts: 11, // 9 referrals + 2 refused
      refusedReferrals: 2,
      refusedOutsideTerritory: 1,
      refusedNoRsaNorBarrier: 1,
      referrals: 9,
      accepted: 8,
      declined: 1,
      declined_UNREACHABLE: 1,
      diagnosed: 8,
      diagnosedMature: 8, // every referral is more than 30 days before 31 December
      diagnosedWithin30Days: 7, // all but Q1 (39 days)
      diagnosedWithin30DaysShare: 0.875,
      daysToDiagnosticMedian: 3, // 0 0 0 3 3 10 10 39: the 4th
      appointmentsWithOutcome: 9, // 8 held + 1 no-show
      noShows: 1,
      noShowRate: 0.1111,
      // The first appointment of each of the 8 pathways diagnosed (the no-show is one: its pathway's second was held); no reminder here (no outbox), see test/notifications/reminders.
      firstAppointments: 8,
      firstAppointmentsReminded: 0,
      firstAppointmentsRemindedHeld: 0,
      firstAppointmentsNotReminded: 8,
      firstAppointmentsNotRemindedHeld: 7,
      attendanceReminded: null,
      attendanceNotReminded: 0.875,
      diagnostics: 8,
      readyForEmployment: 7, // Q2 is NOT_READY
      readyShare: 0.875,
      proposalsEnded: 1,
      proposals_DECLINED_BY_PARTICIPANT: 1,
      placements: 4, // the CDD, two temp missions, the CDI
      placements_CDD: 1,
      placements_TEMP_MISSION: 2,
      placements_CDI: 1,
      exits: 2,
      exits_DURABLE_EMPLOYMENT: 1,
      exits_OTHER: 1,
      dynamicExitRate: 0.5,
      firstPlacements: 3,
      daysToFirstPlacementMedian: 21, // 21 21 30
      sixMonthCheckpoints: 3,
      sixMonthRecorded: 2,
      stillInWork: 1,
      sixMonthUnknown: 1,
      sixMonthMissed: 1,
      stillInWorkShare: 0.5,
      reportsDue: reports.length,
      reportsLate: late,
      participantsOpen: 9,
      targetParticipants: null, // a convention's
    });
    expect(late).toBeGreaterThanOrEqual(2);
    // The rows add up to the total, month by month.
    const byMonth = await report(manager, { from: '2026-01-01', to: '2026-12-31', groupBy: ['MONTH'] });
    const months = byMonth.rows.filter((row) => row.month);
    expect(months.map((row) => row.month)).toEqual(expect.arrayContaining(['2026-03', '2026-04', '2026-09', '2026-10']));
    for (const name of ['referrals', 'diagnosed', 'placements', 'exits', 'sixMonthCheckpoints', 'reportsDue', 'appointmentsWithOutcome']) {
      expect({ name, sum: months.reduce((sum, row) => sum + (row.figures[name].value ?? 0), 0) }).toEqual({ name, sum: year.total.figures[name].value });
    }
    expect(byMonth.rows.find((row) => row.month === '2026-03')!.figures.referrals.value).toBe(9);
    expect(byMonth.rows.find((row) => row.month === '2026-04')!.figures.exits.value).toBe(2);
    expect(await em.count(Placement, {})).toBe(4);
    expect(await em.count(Proposal, {})).toBe(1);
    expect(await em.count(Contact, {})).toBe(2);
    expect(await em.count(Checkpoint, { offset: '6m' })).toBe(3);
  });

  it('groups by prescriber: A and B as referred, whoever the referent is now', async () => {
    const byPrescriber = await report(manager, { from: '2026-01-01', to: '2026-12-31', groupBy: ['PRESCRIBER'] });
    const a = byPrescriber.rows.find((row) => row.prescriber?.id === prescriberA)!;
    const b = byPrescriber.rows.find((row) => row.prescriber && row.prescriber.id !== prescriberA)!;
    expect([a.figures.referrals.value, b.figures.referrals.value]).toEqual([6, 3]);
    expect([a.figures.refusedReferrals.value, b.figures.refusedReferrals.value]).toEqual([2, 0]);
    expect(a.prescriber!.name).toMatch(/^PRESCRIBER /);
  });

  it('answers a convention with its target and its period, and the same figures', async () => {
    const byConvention = await report(manager, { conventionId });
    expect([byConvention.from, byConvention.to]).toEqual(['2026-01-01', '2026-12-31']);
    expect(byConvention.total.figures.targetParticipants.value).toBe(20);
    expect(byConvention.total.figures.participantsOpen.value).toBe(9);
  });

  it("gives a funder its convention with every cell under 5 people hidden, and its complements: nothing can be rebuilt", async () => {
    const seen = await report(funderUser, { conventionId, groupBy: ['PRESCRIBER'] });
    expect(seen.suppressionApplied).toBe(true);
    const [a, b] = [seen.rows.find((row) => row.prescriber?.id === prescriberA)!, seen.rows.find((row) => row.prescriber && row.prescriber.id !== prescriberA)!];
    // B has 3 people: hidden; A's 6 would give B's away through the total: hidden too.
    expect(b.figures.referrals).toEqual({ value: null, suppressed: true });
    expect(a.figures.referrals).toEqual({ value: null, suppressed: true });
    expect(seen.total.figures.referrals).toEqual({ value: 9, suppressed: false });
    // Small totals are hidden, and their rates with them.
    expect(seen.total.figures.exits).toEqual({ value: null, suppressed: true });
    expect(seen.total.figures.dynamicExitRate).toEqual({ value: null, suppressed: true });
    expect(seen.total.figures.diagnosed).toEqual({ value: 8, suppressed: false });
    // No line of the table has exactly one hidden cell.
    for (const name of NAMES.filter((figure) => !/Rate|Share|Median|target/.test(figure))) {
      const cells = [...seen.rows.map((row) => row.figures[name]), seen.total.figures[name]];
      expect({ name, hidden: cells.filter((cell) => cell.suppressed).length }).not.toEqual({ name, hidden: 1 });
    }
    expect(JSON.stringify(seen)).not.toContain('JUSTICE');
  });

  it.each<[string, () => TestUser, Record<string, unknown>, string]>([
    ['an end before the start', () => manager, { from: '2026-12-31', to: '2026-01-01' }, 'INVALID_PERIOD'],
    ['no period', () => manager, {}, 'PERIOD_REQUIRED'],
    ['three dimensions', () => manager, { from: '2026-01-01', to: '2026-12-31', groupBy: ['MONTH', 'PRESCRIBER', 'COMMUNE'] }, 'TOO_MANY_DIMENSIONS'],
    ['a funder without convention', () => funderUser, { from: '2026-01-01', to: '2026-01-31' }, 'CONVENTION_REQUIRED'],
    ['a funder asking for part of a month', () => funderUser, { conventionIdSet: true, from: '2026-03-01', to: '2026-03-15' }, 'WHOLE_MONTHS_ONLY'],
    ['a funder grouping by counsellor', () => funderUser, { conventionIdSet: true, groupBy: ['COUNSELLOR'] }, 'GROUPING_NOT_ALLOWED'],
  ])('refuses %s', async (_case, who, input, code) => {
    const { conventionIdSet, ...rest } = input;
    const response = await t.api.request(REPORT, { input: { ...rest, ...(conventionIdSet ? { conventionId } : {}) } }, { token: who().token });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  });

  it('counts, in a month a convention only partly covers, the days within it; a month outside it is PERIOD_OUTSIDE_CONVENTION', async () => {
    const metropole = (await t.api.data<{ me: { organisation: { id: string } } }>('{ me { organisation { id } } }', {}, { token: funderUser.token })).me.organisation.id;
    const later = await t.api.data<{ createConvention: { convention: { id: string } } }>(
      'mutation ($input: CreateConventionInput!) { createConvention(input: $input) { convention { id } } }',
      { input: { operatorId: accounts.operatorId, funderId: metropole, title: 'L.O.I.R.E printemps', budgetLine: 'SERV / chap 65 / SUECO', startOn: '2026-03-03', endOn: '2026-06-30', targetParticipants: 5, amountCents: 100 } },
      { token: manager.token },
    );
    const id = later.createConvention.convention.id;
    // The nine referrals of 2 March are before it: its March starts on the 3rd.
    const march = await report(funderUser, { conventionId: id, from: '2026-03-01', to: '2026-03-31' });
    expect([march.from, march.to]).toEqual(['2026-03-03', '2026-03-31']);
    expect(march.total.figures.referrals).toEqual({ value: 0, suppressed: false });
    expect((await report(manager, { from: '2026-03-01', to: '2026-03-31' })).total.figures.referrals.value).toBe(9);
    const february = await t.api.request(REPORT, { input: { conventionId: id, from: '2026-02-01', to: '2026-02-28' } }, { token: funderUser.token });
    expect(february.errors?.map((error) => error.extensions?.code)).toEqual(['PERIOD_OUTSIDE_CONVENTION']);
  });

  it("answers another funder's convention as not found, and whole months of its own", async () => {
    const response = await t.api.request(REPORT, { input: { conventionId } }, { token: otherFunder.token });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    const march = await report(funderUser, { conventionId, from: '2026-03-01', to: '2026-03-31' });
    expect(march.total.figures.referrals).toEqual({ value: 9, suppressed: false });
  });
});
