import type { EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { ChangeSetType } from '@mikro-orm/core';
import { Appointment, Diagnostic, Pathway } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { JourneyFixture, RECORD_DIAGNOSTIC, SCHEDULE, someFindings, type PathwayView, startJourneyApp } from '../support/journey';
import type { TestApp } from '../support/test-app';
import { SubscriptionProbe } from '../support/ws-client';

const ISSUED = `subscription { referentReportIssued { id kind correction pathwayId participantName readiness barriers { theme blocking } nextStep counsellorSummary dueOn state } }`;
const INBOX = `query ($filter: ReferentReportsFilter) { referentReports(first: 50, filter: $filter) { totalCount edges { node { id kind pathwayId state dueOn referentId acknowledgedAt correction } } } }`;

type Report = { id: string; kind: string; pathwayId: string; state: string; dueOn: string; correction: boolean; barriers: { theme: string; blocking: boolean }[]; counsellorSummary: string; readiness: string };

describe('diagnostic interviews and reports to the referent', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  const probes: SubscriptionProbe[] = [];

  const subscribe = async (user: TestUser) => {
    const probe = new SubscriptionProbe<{ referentReportIssued: Report }>(t.url, user.token);
    probes.push(probe);
    await probe.subscribe(ISSUED);
    return probe;
  };
  const inbox = async (user: TestUser, filter: Record<string, unknown> = {}) =>
    (await t.api.data<{ referentReports: { totalCount: number; edges: { node: Report & { referentId: string } }[] } }>(INBOX, { filter }, { token: user.token })).referentReports;
  const schedule = async (pathwayId: string, startsAt = '2026-03-16T08:00:00Z') => {
    const data = await t.api.data<{ scheduleDiagnostic: { appointment: { id: string } | null; pathway: { status: string } | null; userErrors: { code: string }[] } }>(
      SCHEDULE,
      { input: { pathwayId, startsAt, channel: 'ON_SITE', place: 'Forez Entreprendre, Saint-Étienne' } },
      { token: counsellor.token },
    );
    return data.scheduleDiagnostic;
  };
  const record = (appointmentId: string, findings = someFindings()) =>
    t.api.data<{ recordDiagnostic: { diagnostic: { id: string; readiness: string } | null; pathway: { status: string } | null; userErrors: { code: string }[] } }>(
      RECORD_DIAGNOSTIC,
      { input: { appointmentId, ...findings } },
      { token: counsellor.token },
    ).then((data) => data.recordDiagnostic);
  const acceptedPathway = async (owner = referent): Promise<PathwayView> => {
    const pathway = await journey.refer(owner);
    await journey.accept(counsellor, pathway.id);
    return pathway;
  };
  const outcome = (name: string, appointmentId: string) =>
    t.api.data<Record<string, { pathway: { status: string } | null; userErrors: { code: string }[] }>>(
      `mutation ($input: AppointmentOutcomeInput!) { ${name}(input: $input) { pathway { status } userErrors { code } } }`,
      { input: { appointmentId } },
      { token: counsellor.token },
    ).then((data) => data[name]);

  beforeAll(async () => {
    ({ t, accounts, journey } = await startJourneyApp());
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
  });
  afterAll(async () => {
    await Promise.all(probes.map((probe) => probe.close()));
    await t.close();
  });

  it('schedules and records a diagnostic: the referent is pushed the report, finds it in the inbox, acknowledges it; another referent sees nothing', async () => {
    const other = await accounts.user('REFERENT');
    const live = await subscribe(referent);
    const otherLive = await subscribe(other);
    const pathway = await acceptedPathway();
    const scheduled = await schedule(pathway.id);
    expect(scheduled.pathway?.status).toBe('DIAGNOSTIC_SCHEDULED');
    const recorded = await record(scheduled.appointment!.id);
    expect(recorded).toMatchObject({ userErrors: [], pathway: { status: 'DIAGNOSED' }, diagnostic: { readiness: 'READY_FOR_EMPLOYMENT' } });

    const pushed = (await live.next(1)).referentReportIssued;
    expect(pushed).toMatchObject({
      kind: 'DIAGNOSTIC_RECORDED',
      correction: false,
      pathwayId: pathway.id,
      readiness: 'READY_FOR_EMPLOYMENT',
      barriers: [{ theme: 'MOBILITY', blocking: true }, { theme: 'HEALTH', blocking: false }],
      counsellorSummary: 'Motivated; mobility to work on.',
      dueOn: '2026-03-23',
      state: 'UNACKNOWLEDGED',
    });
    expect(JSON.stringify(pushed)).not.toMatch(/JUSTICE|Sentence|heavy loads|licence/);

    // The other referent's first message is their own report: they never got the first one.
    const theirs = await acceptedPathway(other);
    const theirAppointment = await schedule(theirs.id);
    await record(theirAppointment.appointment!.id);
    expect((await otherLive.next(1)).referentReportIssued.pathwayId).toBe(theirs.id);
    expect(otherLive.received).toHaveLength(1);

    const listed = await inbox(referent, { state: 'UNACKNOWLEDGED' });
    expect(listed.edges.map((edge) => edge.node)).toEqual([expect.objectContaining({ id: pushed.id, state: 'UNACKNOWLEDGED', dueOn: '2026-03-23' })]);
    expect((await inbox(other)).edges.map((edge) => edge.node.pathwayId)).toEqual([theirs.id]);

    const ack = 'mutation ($input: AcknowledgeReportInput!) { acknowledgeReport(input: $input) { report { state acknowledgedAt } userErrors { code } } }';
    const byOther = await t.api.data<{ acknowledgeReport: { userErrors: { code: string }[] } }>(ack, { input: { reportId: pushed.id } }, { token: other.token });
    expect(byOther.acknowledgeReport.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const done = await t.api.data<{ acknowledgeReport: { report: { state: string } } }>(ack, { input: { reportId: pushed.id } }, { token: referent.token });
    expect(done.acknowledgeReport.report.state).toBe('ACKNOWLEDGED');
    expect((await inbox(referent, { state: 'ACKNOWLEDGED' })).edges.map((edge) => edge.node.id)).toEqual([pushed.id]);
    expect((await inbox(referent, { state: 'UNACKNOWLEDGED' })).totalCount).toBe(0);
  });

  it('a no-show sends the pathway back to ACCEPTED with its own report; excused and cancelled send none', async () => {
    const pathway = await acceptedPathway();
    const before = await t.orm.em.fork().count(ReferentReport, { pathway: pathway.id });
    const first = await schedule(pathway.id);
    expect(await outcome('recordNoShow', first.appointment!.id)).toEqual({ pathway: { status: 'ACCEPTED' }, userErrors: [] });
    const reports = await t.orm.em.fork().find(ReferentReport, { pathway: pathway.id });
    expect(reports.map((report) => report.kind)).toEqual(['NO_SHOW']);
    expect(reports.length).toBe(before + 1);
    const second = await schedule(pathway.id);
    expect(await outcome('recordExcused', second.appointment!.id)).toEqual({ pathway: { status: 'ACCEPTED' }, userErrors: [] });
    const third = await schedule(pathway.id);
    expect(await outcome('cancelAppointment', third.appointment!.id)).toEqual({ pathway: { status: 'ACCEPTED' }, userErrors: [] });
    expect(await t.orm.em.fork().count(ReferentReport, { pathway: pathway.id })).toBe(1);
    expect((await outcome('recordNoShow', third.appointment!.id)).userErrors).toEqual([{ code: 'APPOINTMENT_NOT_PLANNED' }]);
  });

  it('refuses what the transition table does not allow, and a diagnostic before its time', async () => {
    const referred = await journey.refer(referent);
    expect((await schedule(referred.id)).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    const pathway = await acceptedPathway();
    const later = await schedule(pathway.id, '2026-03-20T08:00:00Z');
    expect((await record(later.appointment!.id)).userErrors).toEqual([expect.objectContaining({ code: 'APPOINTMENT_NOT_DUE' })]);
    expect(await t.orm.em.fork().count(Diagnostic, { pathway: pathway.id })).toBe(0);
    const moved = await t.api.data<{ rescheduleAppointment: { appointment: { startsAt: string; needsUpdate: boolean; counsellor: unknown }; pathway: { status: string } } }>(
      'mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { appointment { startsAt needsUpdate counsellor { id organisationName } } pathway { status } userErrors { code } } }',
      { input: { appointmentId: later.appointment!.id, startsAt: '2026-03-16T07:00:00Z', channel: 'PHONE' } },
      { token: counsellor.token },
    );
    expect(moved.rescheduleAppointment).toEqual({
      appointment: { startsAt: '2026-03-16T07:00:00.000Z', needsUpdate: true, counsellor: { id: counsellor.id, organisationName: 'Forez Entreprendre' } },
      pathway: { status: 'DIAGNOSTIC_SCHEDULED' },
      userErrors: [],
    });
    const notReady = await record(later.appointment!.id, someFindings({ readiness: 'NOT_READY' }));
    expect(notReady.pathway?.status).toBe('RETURNED_TO_REFERENT');
  });

  it('refuses an interview before the day of the referral (BEFORE_REFERRAL), booked or moved, and writes nothing', async () => {
    const pathway = await acceptedPathway();
    expect((await schedule(pathway.id, '2026-03-15T08:00:00Z')).userErrors).toEqual([expect.objectContaining({ code: 'BEFORE_REFERRAL', field: ['input', 'startsAt'] })]);
    expect(await t.orm.em.fork().count(Appointment, { pathway: pathway.id })).toBe(0);
    const booked = await schedule(pathway.id);
    const moved = await t.api.data<{ rescheduleAppointment: { appointment: { startsAt: string } | null; userErrors: { code: string }[] } }>(
      'mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { appointment { startsAt } userErrors { code } } }',
      { input: { appointmentId: booked.appointment!.id, startsAt: '2026-03-15T22:59:00Z', channel: 'PHONE' } },
      { token: counsellor.token },
    );
    expect(moved.rescheduleAppointment).toEqual({ appointment: null, userErrors: [{ code: 'BEFORE_REFERRAL' }] });
    expect((await t.orm.em.fork().findOneOrFail(Appointment, { id: booked.appointment!.id })).startsAt.toISOString()).toBe('2026-03-16T08:00:00.000Z');
  });

  it('records JUSTICE, when discussed, only with its written justification: refused on that note, nothing written', async () => {
    const pathway = await acceptedPathway();
    const { appointment } = await schedule(pathway.id);
    const withJustice = (status: string, note?: string) =>
      someFindings({ assessments: [{ theme: 'MOBILITY', status: 'PRESENT', blocking: true }, { theme: 'JUSTICE', status, blocking: false, ...(note === undefined ? {} : { note }) }] });
    for (const [status, note] of [['PRESENT', undefined], ['LIFTED', '   ']] as const) {
      const refused = await record(appointment!.id, withJustice(status, note));
      expect(refused).toMatchObject({ diagnostic: null, userErrors: [{ code: 'JUSTIFICATION_REQUIRED', field: ['input', 'assessments', '1', 'note'] }] });
    }
    expect(await t.orm.em.fork().count(Diagnostic, { pathway: pathway.id })).toBe(0);
    expect((await record(appointment!.id, withJustice('NOT_DISCUSSED'))).userErrors).toEqual([]);
  });

  it('flags a planned appointment whose time has passed without an outcome', async () => {
    const pathway = await acceptedPathway();
    await schedule(pathway.id, '2026-03-16T10:00:00Z');
    const flags = async () =>
      (await t.api.data<{ pathway: { appointments: { needsUpdate: boolean }[] } }>('query ($id: ID!) { pathway(id: $id) { appointments { needsUpdate } } }', { id: pathway.id }, { token: counsellor.token })).pathway.appointments;
    expect(await flags()).toEqual([{ needsUpdate: false }]);
    t.clock.set('2026-03-16T10:30:00Z');
    const fresh = { ...counsellor, token: (await accounts.login(counsellor.email, counsellor.password)).accessToken };
    expect((await t.api.data<{ pathway: { appointments: { needsUpdate: boolean }[] } }>('query ($id: ID!) { pathway(id: $id) { appointments { needsUpdate } } }', { id: pathway.id }, { token: fresh.token })).pathway.appointments).toEqual([{ needsUpdate: true }]);
    t.clock.set('2026-03-16T09:00:00Z');
  });

  it('a correction sends a new report marked as a correction; it cannot turn ready into not ready', async () => {
    const pathway = await acceptedPathway();
    const appointment = await schedule(pathway.id);
    const recorded = await record(appointment.appointment!.id);
    const CORRECT = 'mutation ($input: CorrectDiagnosticInput!) { correctDiagnostic(input: $input) { diagnostic { readiness } userErrors { code } } }';
    const corrected = await t.api.data<{ correctDiagnostic: { diagnostic: { readiness: string }; userErrors: unknown[] } }>(
      CORRECT,
      { input: { diagnosticId: recorded.diagnostic!.id, ...someFindings({ readiness: 'READY_WITH_SUPPORT', summary: 'Corrected summary' }) } },
      { token: counsellor.token },
    );
    expect(corrected.correctDiagnostic).toEqual({ diagnostic: { readiness: 'READY_WITH_SUPPORT' }, userErrors: [] });
    const reports = await t.orm.em.fork().find(ReferentReport, { pathway: pathway.id }, { orderBy: { eventAt: 'asc', correction: 'asc' } });
    expect(reports.map((report) => [report.kind, report.correction, report.counsellorSummary])).toEqual([
      ['DIAGNOSTIC_RECORDED', false, 'Motivated; mobility to work on.'],
      ['DIAGNOSTIC_RECORDED', true, 'Corrected summary'],
    ]);
    const flip = await t.api.data<{ correctDiagnostic: { userErrors: { code: string }[] } }>(CORRECT, { input: { diagnosticId: recorded.diagnostic!.id, ...someFindings({ readiness: 'NOT_READY' }) } }, { token: counsellor.token });
    expect(flip.correctDiagnostic.userErrors).toEqual([{ code: 'INVALID_TRANSITION' }]);
  });

  it('declining a referral reports it to the referent', async () => {
    const pathway = await journey.refer(referent);
    await journey.decline(counsellor, pathway.id, 'REFUSED_BY_PERSON');
    const [report] = await t.orm.em.fork().find(ReferentReport, { pathway: pathway.id });
    expect(report).toMatchObject({ kind: 'REFERRAL_DECLINED', summary: expect.objectContaining({ declineReason: 'REFUSED_BY_PERSON' }) });
  });

  it('writes the diagnostic and its report in one transaction: a failure after the diagnostic leaves neither', async () => {
    const pathway = await acceptedPathway();
    const appointment = await schedule(pathway.id);
    const failing: EventSubscriber = {
      async onFlush({ uow }: FlushEventArgs) {
        if (uow.getChangeSets().some((changeSet) => changeSet.entity instanceof ReferentReport && changeSet.type === ChangeSetType.CREATE)) {
          throw new Error('forced failure after the diagnostic was written');
        }
      },
    };
    t.orm.em.getEventManager().registerSubscriber(failing);
    try {
      const response = await t.api.request(RECORD_DIAGNOSTIC, { input: { appointmentId: appointment.appointment!.id, ...someFindings() } }, { token: counsellor.token });
      expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    } finally {
      const subscribers = t.orm.em.getEventManager() as unknown as { subscribers: Set<EventSubscriber> };
      subscribers.subscribers.delete(failing);
    }
    const em = t.orm.em.fork();
    expect(await em.count(Diagnostic, { pathway: pathway.id })).toBe(0);
    expect(await em.count(ReferentReport, { pathway: pathway.id })).toBe(0);
    expect((await em.findOneOrFail(Pathway, pathway.id)).status).toBe('DIAGNOSTIC_SCHEDULED');
    expect((await em.findOneOrFail(Appointment, appointment.appointment!.id)).status).toBe('PLANNED');
    // And without the failure, it goes through.
    expect((await record(appointment.appointment!.id)).pathway?.status).toBe('DIAGNOSED');
    expect(await t.orm.em.fork().count(Diagnostic, { pathway: pathway.id })).toBe(1);
    expect(await t.orm.em.fork().count(ReferentReport, { pathway: pathway.id })).toBe(1);
  });
});
