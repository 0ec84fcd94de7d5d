import { AccountsFixture, type TestUser } from '../support/accounts';
import { FAKE_SMS_KEY, FakeSmsApi, smsEnv } from '../support/fake-sms';
import { GraphqlClient } from '../support/graphql-client';
import { aPerson, aTuesdayAhead, JourneyFixture, SCHEDULE } from '../support/journey';
import { runMain, startServer, type ServerProcess } from '../support/server-process';
import { eventually } from '../support/smtp';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const KEY = FAKE_SMS_KEY;
const RESCHEDULE = 'mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { userErrors { code } } }';

/**
 * Issue 34, items 2 and 5 (SMS): the person's convocation by SMS through the outbox and its relay,
 * to a local fake of Brevo's API started by the test, with no SMTP server: only to a checked mobile
 * with their consent; a refusal for good is a dead letter, a 503 is tried again; a half-configured
 * server refuses to start; no number in the logs or the outbox.
 */
describe('convocations by SMS', () => {
  let database: TestDatabase;
  let sms: FakeSmsApi;
  let server: ServerProcess;
  let api: GraphqlClient;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  const at = aTuesdayAhead;

  const messages = (appointmentId: string) =>
    queryDatabase<Record<string, unknown>>(database.url, `select * from outbox_message where appointment_id = '${appointmentId.replace(/[^0-9a-f-]/gi, '')}' and person_message <> 'REMINDER' order by created_at, appointment_sequence`);

  async function booked(person: Record<string, unknown>, messageConsent: string[]): Promise<string> {
    const { referParticipant } = await api.data<{ referParticipant: { pathway: { id: string } } }>(
      'mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id } userErrors { code } } }',
      { input: { operatorId: accounts.operatorId, person, barriers: ['HEALTH'], messageConsent } },
      { token: referent.token },
    );
    await journey.accept(counsellor, referParticipant.pathway.id);
    const { scheduleDiagnostic } = await api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId: referParticipant.pathway.id, startsAt: at(9), channel: 'ON_SITE' } }, { token: counsellor.token });
    return scheduleDiagnostic.appointment.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    sms = await FakeSmsApi.start(KEY);
    server = await startServer(smsEnv(database.url, sms));
    api = new GraphqlClient(server.url);
    accounts = await new AccountsFixture(api).init();
    journey = new JourneyFixture(api, accounts);
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await sms?.stop();
    await database?.drop();
  });

  it('sends the convocation by SMS to a mobile with consent, without SMTP: short, French, the time in Paris, nothing of the barriers, no number in the logs or the outbox', async () => {
    const appointmentId = await booked(aPerson({ lastName: 'Texto', phone: '06 12 34 56 01' }), ['SMS']);
    const [received] = await eventually(() => (sms.to('33612345601').length > 0 ? sms.to('33612345601') : null), 10_000, 'the SMS');
    const when = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })
      .format(new Date(at(9)))
      .replace(/^(\S+)\s+(\S+)\s+(\S+)$/, '$1 $2 à $3');
    expect(received).toMatchObject({ apiKey: KEY, sender: 'Parcours', type: 'transactional' });
    expect(received.content).toContain(`Parcours : entretien le ${when} avec Paul Conseiller`);
    expect(received.content).not.toMatch(/HEALTH|santé|Santé|diagnostic/);
    const rows = await eventually(async () => ((await messages(appointmentId)).some((row) => row.status === 'SENT') ? messages(appointmentId) : null), 10_000, 'marked SENT');
    expect(rows.map((row) => [row.channel, row.person_message, row.status, row.smtp_code])).toEqual([['SMS', 'CONVOCATION', 'SENT', 201]]);
    expect(JSON.stringify(rows)).not.toMatch(/612345601|Texto/);
    expect(server.output()).not.toMatch(/612345601|06 12 34 56 01/);
    expect(server.output()).not.toContain(KEY);
  });

  it('sends nothing to a person without consent, and tells the new time to one with it', async () => {
    const silent = await booked(aPerson({ lastName: 'Silence', phone: '06 12 34 56 02' }), []);
    await eventually(async () => (await messages(silent))[0]?.skip_reason === 'NO_CONSENT', 10_000, 'NO_CONSENT');
    const moved = await booked(aPerson({ lastName: 'Bouge', phone: '06 12 34 56 03' }), ['SMS']);
    await eventually(() => sms.to('33612345603').length === 1, 10_000, 'the convocation');
    await api.data(RESCHEDULE, { input: { appointmentId: moved, startsAt: at(13), channel: 'PHONE' } }, { token: counsellor.token });
    const [, second] = await eventually(() => (sms.to('33612345603').length === 2 ? sms.to('33612345603') : null), 10_000, 'the new time');
    expect(second.content).toMatch(/^Parcours : votre entretien est déplacé au .* par téléphone \(on vous appelle\)\./);
    expect(sms.to('33612345602')).toEqual([]);
  });

  it('tries a 503 again and makes a refusal for good a dead letter', async () => {
    sms.mode = 'tempfail';
    const later = await booked(aPerson({ lastName: 'Plustard', phone: '06 12 34 56 04' }), ['SMS']);
    await eventually(() => sms.refusals > 0, 10_000, 'a 503');
    sms.mode = 'accept';
    await eventually(async () => (await messages(later))[0]?.status === 'SENT', 15_000, 'sent after a retry');
    expect(Number((await messages(later))[0].attempts)).toBeGreaterThanOrEqual(1);

    sms.mode = 'permfail';
    const refused = await booked(aPerson({ lastName: 'Refus', phone: '06 12 34 56 05' }), ['SMS']);
    const [row] = await eventually(async () => ((await messages(refused))[0]?.status === 'DEAD' ? messages(refused) : null), 10_000, 'DEAD');
    expect([row.smtp_code, row.last_error]).toEqual([400, 'HTTP 400']);
    sms.mode = 'accept';
  });

  /** Parcours killed outright, started again on the same database (the tokens stay valid: same secret). */
  async function restart(extra: Record<string, string> = {}): Promise<void> {
    await server.stop('SIGKILL');
    server = await startServer({ ...smsEnv(database.url, sms), ...extra });
    api = new GraphqlClient(server.url);
    Object.assign(accounts, { api });
    journey = new JourneyFixture(api, accounts);
  }

  it('crash before send: the provider failing, Parcours killed; after a restart, the SMS arrives once', async () => {
    sms.mode = 'tempfail';
    const appointmentId = await booked(aPerson({ lastName: 'Panne', phone: '06 12 34 56 06' }), ['SMS']);
    await eventually(async () => Number((await messages(appointmentId))[0]?.attempts) >= 1, 10_000, 'a failed attempt');
    sms.mode = 'accept';
    await restart();
    await eventually(async () => (await messages(appointmentId))[0]?.status === 'SENT', 15_000, 'SENT after the restart');
    expect(sms.to('33612345606')).toHaveLength(1);
  });

  it('duplicate window: killed between the provider’s acceptance and marking SENT, at most one more copy (Brevo takes no idempotency key)', async () => {
    await restart({ OUTBOX_TEST_PAUSE_AFTER_SEND_MS: '60000', OUTBOX_LEASE_SECONDS: '1' });
    const appointmentId = await booked(aPerson({ lastName: 'Fenetre', phone: '06 12 34 56 07' }), ['SMS']);
    await eventually(() => sms.to('33612345607').length === 1 && server.output().includes('Test hook'), 10_000, 'the pause after acceptance');
    expect((await messages(appointmentId))[0].status).toBe('PENDING');
    await restart({ OUTBOX_LEASE_SECONDS: '1' });
    await eventually(async () => (await messages(appointmentId))[0]?.status === 'SENT', 15_000, 'SENT after the restart');
    expect(sms.to('33612345607').length).toBeLessThanOrEqual(2);
  });

  it('refuses to start with SMS half-configured, saying which settings go together', async () => {
    const half = smsEnv(database.url, sms);
    delete half.SMS_SENDER;
    const run = runMain(half);
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toContain('SMS_PROVIDER, SMS_API_KEY and SMS_SENDER: go together');
    expect(run.output()).not.toContain(KEY);
  });
});
