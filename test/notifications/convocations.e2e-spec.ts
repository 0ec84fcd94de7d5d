import { AccountsFixture, type TestUser } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { aPerson, aTuesdayAhead, JourneyFixture, SCHEDULE } from '../support/journey';
import { startServer, type ServerProcess } from '../support/server-process';
import { eventually, mailEnv, TestSmtp, type ReceivedMail } from '../support/smtp';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const UPDATE_ORGANISATION = 'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { userErrors { code } } }';
const OUTCOME = (name: string) => `mutation ($input: AppointmentOutcomeInput!) { ${name}(input: $input) { userErrors { code } } }`;
const RESCHEDULE = 'mutation ($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { userErrors { code } } }';

interface MessageRow {
  id: string;
  status: string;
  skip_reason: string | null;
  person_message: string;
  appointment_sequence: number;
  [column: string]: unknown;
}

/** The calendar invitation a mail carries (nodemailer's icalEvent, read back by mailparser). */
function calendarOf(mail: ReceivedMail): string {
  const part = mail.raw.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar') || attachment.filename?.endsWith('.ics'));
  if (!part) throw new Error('no calendar in the mail');
  return part.content.toString('utf8').replace(/\r\n[ \t]/g, '');
}

/**
 * Issue 34, item 2: the person's convocation by e-mail, through the outbox and its relay (Parcours
 * in its own process, a real SMTP server): booking the interview sends the convocation with its
 * calendar invitation, moving it a new time (SEQUENCE raised), cancelling it a cancellation
 * (METHOD:CANCEL); only with the person's consent to e-mails, and the outbox says why not.
 */
describe('convocations by e-mail', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  let server: ServerProcess;
  let api: GraphqlClient;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  const at = aTuesdayAhead;

  const messages = (appointmentId: string) =>
    queryDatabase<MessageRow>(database.url, `select * from outbox_message where appointment_id = '${appointmentId.replace(/[^0-9a-f-]/gi, '')}' and person_message <> 'REMINDER' order by created_at, appointment_sequence`);

  async function booked(person: Record<string, unknown>, messageConsent: string[]): Promise<{ pathwayId: string; appointmentId: string }> {
    const { referParticipant } = await api.data<{ referParticipant: { pathway: { id: string } } }>(
      'mutation ($input: ReferParticipantInput!) { referParticipant(input: $input) { pathway { id } userErrors { code } } }',
      { input: { operatorId: accounts.operatorId, person, barriers: ['HEALTH', 'JUSTICE'], justiceJustification: 'Suivi SPIP en cours', messageConsent } },
      { token: referent.token },
    );
    const pathwayId = referParticipant.pathway.id;
    await journey.accept(counsellor, pathwayId);
    const { scheduleDiagnostic } = await api.data<{ scheduleDiagnostic: { appointment: { id: string } } }>(SCHEDULE, { input: { pathwayId, startsAt: at(9), channel: 'ON_SITE' } }, { token: counsellor.token });
    return { pathwayId, appointmentId: scheduleDiagnostic.appointment.id };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await TestSmtp.start();
    server = await startServer(mailEnv(database.url, smtp));
    api = new GraphqlClient(server.url);
    accounts = await new AccountsFixture(api).init();
    journey = new JourneyFixture(api, accounts);
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR', { fullName: 'Paul Conseiller' });
    const { organisation } = await api.data<{ organisation: { name: string } }>('query ($id: ID!) { organisation(id: $id) { name } }', { id: accounts.operatorId }, { token: accounts.adminToken });
    await api.data(UPDATE_ORGANISATION, { input: { id: accounts.operatorId, name: organisation.name, contact: { address: '12 rue Michelet, 42000 Saint-Étienne', phone: '04 77 00 00 00' } } }, { token: accounts.adminToken });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await smtp?.down();
    await database?.drop();
  });

  it('sends the convocation with its invitation: the day and time in Paris, where, with whom, what to bring, whom to call, and nothing of the barriers', async () => {
    const email = 'anatole.zebulon@example.org';
    const { appointmentId } = await booked(aPerson({ lastName: 'Zébulon', firstNames: 'Anatole', email }), ['EMAIL']);
    const [mail] = await eventually(() => (smtp.to(email).length > 0 ? smtp.to(email) : null), 10_000, 'the convocation');
    const when = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(at(9)));
    expect(mail.subject).toBe(`Parcours : votre entretien le ${when}`);
    expect(mail.text).toContain(`avec Paul Conseiller, le ${when} (heure de Paris)`);
    expect(mail.text).toContain('Lieu : 12 rue Michelet, 42000 Saint-Étienne');
    expect(mail.text).toContain('À apporter : une pièce d’identité');
    expect(mail.text).toContain('au 04 77 00 00 00');
    const calendar = calendarOf(mail);
    expect(calendar).toContain('METHOD:REQUEST');
    expect(calendar).toContain(`UID:appointment-${appointmentId}@parcours`);
    expect(calendar).toContain('SEQUENCE:0');
    expect(calendar).toContain(`DTSTART:${at(9).replace(/[-:]/g, '').replace('.000', '')}`);
    const everything = `${mail.subject}\n${mail.text}\n${calendar}`;
    for (const secret of ['HEALTH', 'Santé', 'santé', 'JUSTICE', 'Justice', 'SPIP', 'diagnostic', 'frein']) expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
    const [row] = await eventually(async () => ((await messages(appointmentId))[0]?.status === 'SENT' ? messages(appointmentId) : null));
    expect(row).toMatchObject({ person_message: 'CONVOCATION', appointment_sequence: 0, channel: 'EMAIL', idempotency_key: mail.messageId });
    // The outbox row holds no address and no text; the logs name the message, never the address.
    expect(JSON.stringify(row)).not.toMatch(/anatole|zebulon|zébulon|Michelet/i);
    expect(server.output()).not.toContain(email);
  });

  it('sends a new time with its SEQUENCE raised, then a cancellation (METHOD:CANCEL), the same UID throughout', async () => {
    const email = 'dominique.deplace@example.org';
    const { appointmentId } = await booked(aPerson({ lastName: 'Déplacé', email }), ['EMAIL']);
    await eventually(() => smtp.to(email).length === 1, 10_000, 'the convocation');
    await api.data(RESCHEDULE, { input: { appointmentId, startsAt: at(13), channel: 'PHONE' } }, { token: counsellor.token });
    const moved = (await eventually(() => (smtp.to(email).length === 2 ? smtp.to(email) : null), 10_000, 'the new time'))[1];
    expect(moved.subject).toMatch(/^Parcours : votre entretien est déplacé au /);
    expect(moved.text).toContain('Par téléphone : Paul Conseiller vous appellera');
    expect(calendarOf(moved)).toMatch(new RegExp(`UID:appointment-${appointmentId}@parcours[\\s\\S]*SEQUENCE:1|SEQUENCE:1[\\s\\S]*UID:appointment-${appointmentId}@parcours`));
    await api.data(OUTCOME('cancelAppointment'), { input: { appointmentId } }, { token: counsellor.token });
    const cancelled = (await eventually(() => (smtp.to(email).length === 3 ? smtp.to(email) : null), 10_000, 'the cancellation'))[2];
    expect(cancelled.subject).toBe('Parcours : votre entretien est annulé');
    const calendar = calendarOf(cancelled);
    expect([calendar.includes('METHOD:CANCEL'), calendar.includes('SEQUENCE:2'), calendar.includes(`UID:appointment-${appointmentId}@parcours`)]).toEqual([true, true, true]);
    const rows = await eventually(async () => ((await messages(appointmentId)).every((row) => row.status === 'SENT') ? messages(appointmentId) : null), 10_000, 'three marked SENT');
    expect(rows.map((row) => [row.person_message, row.appointment_sequence, row.status])).toEqual([
      ['CONVOCATION', 0, 'SENT'],
      ['NEW_TIME', 1, 'SENT'],
      ['CANCELLATION', 2, 'SENT'],
    ]);
  });

  it('sends only the latest news of an appointment changed while its convocation waited: the earlier one is superseded', async () => {
    const email = 'en.attente@example.org';
    smtp.mode = 'tempfail';
    const { appointmentId } = await booked(aPerson({ lastName: 'Attente', email }), ['EMAIL']);
    await eventually(() => smtp.refusals > 0, 10_000, 'a first refusal');
    await api.data(RESCHEDULE, { input: { appointmentId, startsAt: at(14), channel: 'ON_SITE' } }, { token: counsellor.token });
    smtp.mode = 'accept';
    const rows = await eventually(async () => ((await messages(appointmentId)).every((row) => row.status !== 'PENDING') ? messages(appointmentId) : null), 15_000, 'both settled');
    expect(rows.map((row) => [row.person_message, row.status, row.skip_reason])).toEqual([
      ['CONVOCATION', 'SKIPPED', 'SUPERSEDED'],
      ['NEW_TIME', 'SENT', null],
    ]);
    expect(smtp.to(email).map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Parcours : votre entretien est déplacé au /)]);
  });

  it('sends nothing without the person’s consent to e-mails, nor after it is withdrawn, and the outbox says why', async () => {
    const email = 'sans.accord@example.org';
    const { appointmentId } = await booked(aPerson({ lastName: 'Sansaccord', email }), []);
    const [row] = await eventually(async () => ((await messages(appointmentId))[0]?.status === 'SKIPPED' ? messages(appointmentId) : null), 10_000, 'a skipped message');
    expect(row).toMatchObject({ person_message: 'CONVOCATION', skip_reason: 'NO_CONSENT' });
    // The counsellor sees why nothing left; a referent of another pathway sees nothing of it.
    const { pathwayId } = (await queryDatabase<{ pathwayId: string }>(database.url, `select pathway_id as "pathwayId" from appointment where id = '${appointmentId}'`))[0];
    const seen = await api.data<{ pathway: { appointments: { messages: unknown[] }[] } }>(
      'query ($id: ID!) { pathway(id: $id) { appointments { messages { kind channel status skipReason } } } }',
      { id: pathwayId },
      { token: counsellor.token },
    );
    // (Its reminders wait for their instants: the reminders' own tests follow them.)
    expect(seen.pathway.appointments[0].messages.filter((message) => (message as { kind: string }).kind !== 'REMINDER')).toEqual([{ kind: 'CONVOCATION', channel: 'EMAIL', status: 'SKIPPED', skipReason: 'NO_CONSENT' }]);
    // The person's export holds their messages: what, how, whether they left.
    const { participantId: person } = (await queryDatabase<{ participantId: string }>(database.url, `select participant_id as "participantId" from pathway where id = '${pathwayId}'`))[0];
    const exported = await api.data<{ exportParticipantData: { pathways: { messages: unknown[] }[] } }>('query ($id: ID!) { exportParticipantData(participantId: $id) }', { id: person }, { token: accounts.adminToken });
    expect(exported.exportParticipantData.pathways[0].messages.filter((message) => (message as { kind: string }).kind !== 'REMINDER')).toEqual([expect.objectContaining({ kind: 'CONVOCATION', channel: 'EMAIL', status: 'SKIPPED', skipReason: 'NO_CONSENT' })]);

    const withdrawnEmail = 'retire.accord@example.org';
    const withdrawn = await booked(aPerson({ lastName: 'Retrait', email: withdrawnEmail }), ['EMAIL']);
    await eventually(() => smtp.to(withdrawnEmail).length === 1, 10_000, 'the convocation');
    const { participantId } = (await queryDatabase<{ participantId: string }>(database.url, `select participant_id as "participantId" from pathway where id = '${withdrawn.pathwayId}'`))[0];
    await api.data('mutation ($input: MessageConsentInput!) { withdrawMessageConsent(input: $input) { userErrors { code } } }', { input: { participantId, channel: 'EMAIL' } }, { token: counsellor.token });
    await api.data(OUTCOME('cancelAppointment'), { input: { appointmentId: withdrawn.appointmentId } }, { token: counsellor.token });
    await eventually(async () => (await messages(withdrawn.appointmentId)).some((message) => message.skip_reason === 'NO_CONSENT'), 10_000, 'the cancellation skipped');
    expect(smtp.to(email)).toHaveLength(0);
    expect(smtp.to(withdrawnEmail)).toHaveLength(1);
  });
});
