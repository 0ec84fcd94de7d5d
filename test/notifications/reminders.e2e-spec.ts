import { AccountsFixture, type TestUser } from '../support/accounts';
import { FAKE_SMS_KEY, FakeSmsApi, smsEnv } from '../support/fake-sms';
import { errorCodes, GraphqlClient } from '../support/graphql-client';
import { aPerson, JourneyFixture, RECORD_DIAGNOSTIC, SCHEDULE, someFindings } from '../support/journey';
import { startServer, type ServerProcess } from '../support/server-process';
import { eventually, TestSmtp } from '../support/smtp';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const RESCHEDULE = 'mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { userErrors { code } } }';
const CANCEL = 'mutation ($input: AppointmentOutcomeInput!) { cancelAppointment(input: $input) { userErrors { code } } }';
const SET_DELAYS = 'mutation ($input: SetReminderDelaysInput!) { setReminderDelays(input: $input) { reminders { daysBefore time } userErrors { code field } } }';
const ANSWER = 'mutation ($input: AnswerAppointmentInput!) { answerAppointment(input: $input) { appointment { answer } userErrors { code } } }';

/** Wednesday 24 March 2027, 10:00 in Paris: the clock the bookings are made on. */
const BOOKING_DAY = '2027-03-24T09:00:00Z';
/** Monday 29 March 2027, 10:00 in Paris (summer time since Sunday 28 March, 02:00). */
const AFTER_SPRING = '2027-03-29T08:00:00Z';
/** Monday 1 November 2027, 10:00 in Paris (winter time since Sunday 31 October, 03:00). */
const AFTER_AUTUMN = '2027-11-01T09:00:00Z';

interface ReminderRow {
  id: string;
  appointment_id: string;
  reminder_delay: string;
  channel: string;
  status: string;
  skip_reason: string | null;
  next_attempt_at: string;
  finished_at: string | null;
  idempotency_key: string;
  [column: string]: unknown;
}

const iso = (value: unknown) => new Date(value as string).toISOString();

/**
 * Issue 34, item 3: the reminders of an interview, through the real server (its own process, on a
 * clock started where the test says: CLOCK_START), a real SMTP server and the fake SMS API. Planned
 * when the interview is booked or moved, at the delays the operator's MANAGER set (here two days
 * before at the interview's time, the eve at 19:00, 08:00 the day itself), at the Paris wall time
 * across both changes of daylight saving time; sent within five minutes of their instant by the
 * relay's own polling; never at night (held until 08:00); never for a person who said they cannot
 * come, nor without consent; moved, a reminder follows; one key per appointment, time, delay and
 * channel, so moving an interview away and back plans the same reminders again, not new ones.
 */
describe('reminders', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  let sms: FakeSmsApi;
  let server: ServerProcess;
  let api: GraphqlClient;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let manager: TestUser;
  const booked: Record<string, { appointmentId: string; phone: string; email: string }> = {};

  const reminders = async (appointmentId: string) =>
    (
      await queryDatabase<ReminderRow>(
        database.url,
        `select * from outbox_message where appointment_id = '${appointmentId.replace(/[^0-9a-f-]/gi, '')}' and person_message = 'REMINDER' order by next_attempt_at, reminder_delay, channel`,
      )
    ).map((row) => ({ ...row, next_attempt_at: iso(row.next_attempt_at), finished_at: row.finished_at ? iso(row.finished_at) : null }));

  /** The logs of every server the test started, the current one's last. */
  const earlierLogs: string[] = [];
  const logs = () => [...earlierLogs, server.output()].join('\n');

  async function startAt(clock: string): Promise<void> {
    if (server) {
      await server.stop('SIGTERM');
      earlierLogs.push(server.output());
    }
    server = await startServer(smsEnv(database.url, sms, { SMTP_URL: smtp.url, CLOCK_START: clock, OUTBOX_POLL_MS: '200' }));
    api = new GraphqlClient(server.url);
    accounts = Object.assign(new AccountsFixture(api), { adminToken: accounts?.adminToken ?? '', operatorId: accounts?.operatorId ?? '' });
    journey = new JourneyFixture(api, accounts);
  }

  async function book(name: string, startsAt: string, messageConsent: string[], digit: number): Promise<string> {
    const phone = `06 12 34 57 ${String(digit).padStart(2, '0')}`;
    const email = `${name.toLowerCase()}.rappel@example.org`;
    const { referParticipant } = await api.data<{ referParticipant: { pathway: { id: string } } }>(
      'mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id } userErrors { code } } }',
      { input: { operatorId: accounts.operatorId, person: aPerson({ lastName: name, phone, email }), barriers: ['HEALTH'], messageConsent } },
      { token: referent.token },
    );
    await journey.accept(counsellor, referParticipant.pathway.id);
    const { scheduleDiagnostic } = await api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId: referParticipant.pathway.id, startsAt, channel: 'ON_SITE' } }, { token: counsellor.token });
    booked[name] = { appointmentId: scheduleDiagnostic.appointment.id, phone: `336123457${String(digit).padStart(2, '0')}`, email };
    return scheduleDiagnostic.appointment.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await TestSmtp.start();
    sms = await FakeSmsApi.start(FAKE_SMS_KEY);
    await startAt(BOOKING_DAY);
    accounts = await new AccountsFixture(api).init();
    journey = new JourneyFixture(api, accounts);
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    manager = await accounts.user('MANAGER');
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await sms?.stop();
    await smtp?.down();
    await database?.drop();
  });

  it('plans each reminder per delay and channel at the Paris wall time, across the change to summer time and back', async () => {
    const set = await api.data<{ setReminderDelays: { reminders: unknown[]; userErrors: unknown[] } }>(
      SET_DELAYS,
      { input: { reminders: [{ daysBefore: 0, time: '08:00' }, { daysBefore: 2 }, { daysBefore: 1, time: '19:00' }] } },
      { token: manager.token },
    );
    expect(set.setReminderDelays).toEqual({ reminders: [{ daysBefore: 2, time: null }, { daysBefore: 1, time: '19:00' }, { daysBefore: 0, time: '08:00' }], userErrors: [] });
    // A counsellor may not set them; bad delays change nothing.
    const refused = await api.data<{ setReminderDelays: { reminders: unknown; userErrors: unknown[] } }>(SET_DELAYS, { input: { reminders: [{ daysBefore: 1, time: '21:30' }] } }, { token: manager.token });
    expect(refused.setReminderDelays).toEqual({ reminders: null, userErrors: [{ code: 'INVALID_REMINDER_DELAYS', field: ['input', 'reminders', '0'] }] });
    expect(errorCodes(await api.request(SET_DELAYS, { input: { reminders: [] } }, { token: counsellor.token }))).toEqual(['FORBIDDEN']);

    const spring = await book('Printemps', AFTER_SPRING, ['SMS', 'EMAIL'], 1);
    const autumn = await book('Automne', AFTER_AUTUMN, ['SMS', 'EMAIL'], 2);
    await book('Nuit', '2027-03-30T08:00:00Z', ['SMS'], 6);
    const plan = (rows: ReminderRow[]) => rows.map((row) => [row.reminder_delay, row.channel, row.next_attempt_at, row.status]);
    expect(plan(await reminders(spring))).toEqual([
      ['2d', 'EMAIL', '2027-03-27T09:00:00.000Z', 'PENDING'], // Saturday 10:00 CET: 47 hours before
      ['2d', 'SMS', '2027-03-27T09:00:00.000Z', 'PENDING'],
      ['1d19h00', 'EMAIL', '2027-03-28T17:00:00.000Z', 'PENDING'], // Sunday 19:00 CEST
      ['1d19h00', 'SMS', '2027-03-28T17:00:00.000Z', 'PENDING'],
      ['0d08h00', 'EMAIL', '2027-03-29T06:00:00.000Z', 'PENDING'], // Monday 08:00 CEST
      ['0d08h00', 'SMS', '2027-03-29T06:00:00.000Z', 'PENDING'],
    ]);
    expect(plan(await reminders(autumn)).filter((row) => row[1] === 'SMS')).toEqual([
      ['2d', 'SMS', '2027-10-30T08:00:00.000Z', 'PENDING'], // Saturday 10:00 CEST: 49 hours before
      ['1d19h00', 'SMS', '2027-10-31T18:00:00.000Z', 'PENDING'], // Sunday 19:00 CET
      ['0d08h00', 'SMS', '2027-11-01T07:00:00.000Z', 'PENDING'], // Monday 08:00 CET
    ]);
    // The pathway shows them, planned.
    const { pathwayId } = (await queryDatabase<{ pathwayId: string }>(database.url, `select pathway_id as "pathwayId" from appointment where id = '${spring}'`))[0];
    const seen = await api.data<{ pathway: { appointments: { messages: { kind: string; channel: string; status: string; plannedAt: string; reminderDelay: string | null }[] }[] } }>(
      'query ($id: ID!) { pathway(id: $id) { appointments { messages { kind channel status plannedAt reminderDelay } } } }',
      { id: pathwayId },
      { token: counsellor.token },
    );
    expect(seen.pathway.appointments[0].messages.filter((message) => message.kind === 'REMINDER' && message.channel === 'SMS')).toEqual([
      { kind: 'REMINDER', channel: 'SMS', status: 'PENDING', plannedAt: '2027-03-27T09:00:00.000Z', reminderDelay: '2d' },
      { kind: 'REMINDER', channel: 'SMS', status: 'PENDING', plannedAt: '2027-03-28T17:00:00.000Z', reminderDelay: '1d19h00' },
      { kind: 'REMINDER', channel: 'SMS', status: 'PENDING', plannedAt: '2027-03-29T06:00:00.000Z', reminderDelay: '0d08h00' },
    ]);
  });

  it('follows a moved interview, plans the same reminders again when it moves back (no second key), and drops them when it is cancelled', async () => {
    const moving = await book('Deplace', AFTER_SPRING, ['SMS'], 3);
    const first = await reminders(moving);
    expect(first).toHaveLength(6);
    await api.data(RESCHEDULE, { input: { appointmentId: moving, startsAt: '2027-03-30T08:00:00Z', channel: 'ON_SITE' } }, { token: counsellor.token });
    const moved = await reminders(moving);
    const skipped = moved.filter((row) => row.status === 'SKIPPED');
    expect(skipped.map((row) => row.id).sort()).toEqual(first.map((row) => row.id).sort());
    expect(new Set(skipped.map((row) => row.skip_reason))).toEqual(new Set(['SUPERSEDED']));
    expect(moved.filter((row) => row.status === 'PENDING').map((row) => row.next_attempt_at)).toEqual([
      '2027-03-28T08:00:00.000Z', '2027-03-28T08:00:00.000Z', '2027-03-29T17:00:00.000Z', '2027-03-29T17:00:00.000Z', '2027-03-30T06:00:00.000Z', '2027-03-30T06:00:00.000Z',
    ]);
    // Back to its first time: the first six again (same ids, same keys), planned; the six of the other time dropped.
    await api.data(RESCHEDULE, { input: { appointmentId: moving, startsAt: AFTER_SPRING, channel: 'ON_SITE' } }, { token: counsellor.token });
    const back = await reminders(moving);
    expect(back).toHaveLength(12);
    expect(back.filter((row) => row.status === 'PENDING').map((row) => row.id).sort()).toEqual(first.map((row) => row.id).sort());
    expect(new Set(back.map((row) => row.idempotency_key)).size).toBe(12);
    await api.data(CANCEL, { input: { appointmentId: moving } }, { token: counsellor.token });
    expect((await reminders(moving)).filter((row) => row.status === 'PENDING')).toEqual([]);
  });

  it('sends each reminder within five minutes of its instant, by SMS and e-mail; not to a person who said they cannot come, nor without consent', async () => {
    const cannot = await book('Empeche', AFTER_SPRING, ['SMS', 'EMAIL'], 4);
    const silent = await book('Muet', AFTER_SPRING, [], 5);
    // The person who cannot come answers from the link of their convocation SMS.
    const [convocation] = await eventually(() => (sms.to(booked.Empeche.phone).length > 0 ? sms.to(booked.Empeche.phone) : null), 10_000, 'the convocation');
    const token = /\/rendez-vous#([A-Za-z0-9_-]{43})/.exec(convocation.content)?.[1];
    expect(token).toBeDefined();
    expect((await api.data<{ answerAppointment: unknown }>(ANSWER, { input: { token, answer: 'CANNOT_COME', reason: 'Garde d’enfant', callBack: true } })).answerAppointment).toEqual({ appointment: { answer: 'CANNOT_COME' }, userErrors: [] });

    // The people's mails only: the counsellor is told at once that a person cannot come (a staff notice).
    const toPeople = () => smtp.mails.filter((mail) => !mail.subject.includes('ne pourra pas venir')).length;
    const before = { sms: sms.received.length, mails: toPeople() };
    await startAt('2027-03-27T08:59:50Z');
    const spring = booked.Printemps;
    const [reminderSms] = await eventually(() => (sms.to(spring.phone).length > 1 ? sms.to(spring.phone).slice(1) : null), 30_000, 'the SMS reminder');
    expect(reminderSms.content).toMatch(/^Parcours : rappel, entretien le lun\. 29\/03 à 10:00 avec Paul Conseiller/);
    expect(reminderSms.content).toMatch(/Répondre ou ne plus recevoir de SMS : https:\/\/parcours\.test\/rendez-vous#[A-Za-z0-9_-]{43}$/);
    const [reminderMail] = await eventually(() => (smtp.to(spring.email).length > 1 ? smtp.to(spring.email).slice(1) : null), 30_000, 'the e-mail reminder');
    expect(reminderMail.subject).toBe('Parcours : rappel, votre entretien le lundi 29 mars 2027 à 10:00');
    expect(reminderMail.text).toContain('https://parcours.test/rendez-vous#');
    expect(reminderMail.raw.attachments).toEqual([]);
    for (const secret of ['HEALTH', 'Santé', 'santé', 'diagnostic', 'frein']) expect({ secret, found: `${reminderSms.content}\n${reminderMail.text}`.includes(secret) }).toEqual({ secret, found: false });

    const twoDays = (rows: ReminderRow[]) => rows.filter((row) => row.reminder_delay === '2d');
    const sent = await eventually(async () => {
      const rows = twoDays(await reminders(spring.appointmentId));
      return rows.every((row) => row.status === 'SENT') ? rows : null;
    }, 10_000, 'both marked SENT');
    for (const row of sent) {
      expect(new Date(row.finished_at!).getTime()).toBeGreaterThanOrEqual(Date.parse('2027-03-27T09:00:00Z'));
      expect(new Date(row.finished_at!).getTime()).toBeLessThan(Date.parse('2027-03-27T09:05:00Z'));
    }
    const settled = async (appointmentId: string) =>
      eventually(async () => {
        const rows = twoDays(await reminders(appointmentId));
        return rows.every((row) => row.status === 'SKIPPED') ? rows.map((row) => row.skip_reason) : null;
      }, 10_000, 'skipped');
    expect(await settled(cannot)).toEqual(['PERSON_CANNOT_COME', 'PERSON_CANNOT_COME']);
    expect(await settled(silent)).toEqual(['NO_CONSENT', 'NO_CONSENT']);
    // Only the two reminders of the person who is coming left; the later ones wait.
    expect([sms.received.length - before.sms, toPeople() - before.mails]).toEqual([1, 1]);
    expect((await reminders(spring.appointmentId)).filter((row) => row.status === 'PENDING').map((row) => row.reminder_delay)).toEqual(['1d19h00', '1d19h00', '0d08h00', '0d08h00']);
  });

  it('holds a reminder that comes due at night until 08:00 (a relay down from before 10:00 until 21:30), then sends it; one overtaken by the morning’s is not sent', async () => {
    await startAt('2027-03-28T19:30:00Z'); // Sunday 21:30 CEST
    const [night, spring] = [booked.Nuit, booked.Printemps];
    const before = { night: sms.to(night.phone).length, spring: sms.to(spring.phone).length };
    const heldUntil = async (appointmentId: string, delay: string) =>
      eventually(async () => {
        const rows = (await reminders(appointmentId)).filter((row) => row.reminder_delay === delay && row.channel === 'SMS');
        return rows.length === 1 && rows[0].next_attempt_at === '2027-03-29T06:00:00.000Z' ? rows[0] : null;
      }, 15_000, `the ${delay} reminder held until 08:00`);
    // Due at 10:00 (two days before Tuesday 10:00) and at 19:00, both waited for the morning.
    expect(await heldUntil(night.appointmentId, '2d')).toMatchObject({ status: 'PENDING', skip_reason: null });
    expect(await heldUntil(spring.appointmentId, '1d19h00')).toMatchObject({ status: 'PENDING', skip_reason: null });
    expect(logs()).toMatch(/held until 2027-03-29T06:00:00\.000Z \(no reminder at night\)/);
    expect([sms.to(night.phone).length, sms.to(spring.phone).length]).toEqual([before.night, before.spring]);

    await startAt('2027-03-29T05:59:55Z'); // Monday 07:59:55 CEST
    const settled = async (appointmentId: string, delays: string[]) =>
      eventually(async () => {
        const rows = (await reminders(appointmentId)).filter((row) => row.channel === 'SMS' && delays.includes(row.reminder_delay));
        return rows.every((row) => row.status !== 'PENDING') ? rows : null;
      }, 30_000, 'the morning’s reminders settled');
    const [nightRow] = await settled(night.appointmentId, ['2d']);
    expect(nightRow).toMatchObject({ reminder_delay: '2d', status: 'SENT' });
    expect(new Date(nightRow.finished_at!).getTime()).toBeGreaterThanOrEqual(Date.parse('2027-03-29T06:00:00Z'));
    expect((await settled(spring.appointmentId, ['1d19h00', '0d08h00'])).map((row) => [row.reminder_delay, row.status, row.skip_reason])).toEqual([
      ['0d08h00', 'SENT', null],
      ['1d19h00', 'SKIPPED', 'SUPERSEDED'],
    ]);
    expect([sms.to(night.phone).length, sms.to(spring.phone).length]).toEqual([before.night + 1, before.spring + 1]);
  });

  it('counts, in the outcome figures, attendance at the first appointment with and without a reminder, as counted by hand', async () => {
    await startAt('2027-03-29T09:30:00Z'); // Monday 11:30 CEST: the interviews of 10:00 are over
    await accounts.signInAgain(counsellor, manager);
    // Printemps had its reminders and came; Empeche (cannot come: no reminder) did not come; Muet (no consent: none) came.
    const record = (appointmentId: string) => api.data(RECORD_DIAGNOSTIC, { input: { appointmentId, ...someFindings() } }, { token: counsellor.token });
    await record(booked.Printemps.appointmentId);
    await record(booked.Muet.appointmentId);
    await api.data('mutation ($input: AppointmentOutcomeInput!) { recordNoShow(input: $input) { userErrors { code } } }', { input: { appointmentId: booked.Empeche.appointmentId } }, { token: counsellor.token });
    const names = ['appointmentsWithOutcome', 'noShows', 'firstAppointments', 'firstAppointmentsReminded', 'firstAppointmentsRemindedHeld', 'firstAppointmentsNotReminded', 'firstAppointmentsNotRemindedHeld', 'attendanceReminded', 'attendanceNotReminded'];
    const { outcomeReport } = await api.data<{ outcomeReport: { total: { figures: Record<string, { value: number | null }> } } }>(
      `query ($input: OutcomeReportInput!) { outcomeReport(input: $input) { total { figures { ${names.map((name) => `${name} { value }`).join(' ')} } } } }`,
      { input: { from: '2027-03-01', to: '2027-03-31' } },
      { token: manager.token },
    );
    expect(Object.fromEntries(names.map((name) => [name, outcomeReport.total.figures[name].value]))).toEqual({
      appointmentsWithOutcome: 3,
      noShows: 1,
      firstAppointments: 3, // each the first booked on its pathway
      firstAppointmentsReminded: 1, // Printemps: its reminder of two days before was sent
      firstAppointmentsRemindedHeld: 1,
      firstAppointmentsNotReminded: 2, // Empeche (cannot come) and Muet (no consent)
      firstAppointmentsNotRemindedHeld: 1, // Muet
      attendanceReminded: 1,
      attendanceNotReminded: 0.5,
    });
    const reminded = await queryDatabase<{ reminded_at: string | null }>(database.url, `select reminded_at from appointment where id = '${booked.Printemps.appointmentId}'`);
    expect(iso(reminded[0].reminded_at)).toMatch(/^2027-03-27T09:0[0-4]/);
  });

  it('writes no number, address or text in the outbox rows or the logs', async () => {
    const rows = await queryDatabase<Record<string, unknown>>(database.url, `select * from outbox_message where person_message = 'REMINDER'`);
    const everything = JSON.stringify(rows) + logs();
    for (const { phone, email } of Object.values(booked)) {
      expect({ phone, found: everything.includes(phone) || everything.includes(`+${phone}`) || everything.includes(`0${phone.slice(2)}`) }).toEqual({ phone, found: false });
      expect({ email, found: everything.includes(email) }).toEqual({ email, found: false });
    }
    expect(everything).not.toMatch(/rappel, entretien|Garde d’enfant/);
  });
});
