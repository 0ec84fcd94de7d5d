import { AccountsFixture, type TestUser } from '../support/accounts';
import { errorCodes, GraphqlClient } from '../support/graphql-client';
import { aPerson, JourneyFixture } from '../support/journey';
import { runMain, startServer, type ServerProcess } from '../support/server-process';
import { eventually, mailEnv, outboxOf, TestSmtp } from '../support/smtp';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const REPORT = 'query ($id: ID!) { referentReport(id: $id) { id participantName kind } }';
const RETRY = 'mutation ($id: ID!) { retryOutboxMessage(input: { messageId: $id }) { message { status } userErrors { code } } }';

/**
 * Report e-mails end to end: Parcours in its own process, its relay in process, a real SMTP
 * server (smtp-server) whose mail is read with mailparser.
 */
describe('report e-mails', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  let server: ServerProcess;
  let api: GraphqlClient;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let counsellor: TestUser;

  const outbox = (pathwayId: string) => outboxOf(database.url, [pathwayId]);
  const reportIdOf = async (pathwayId: string) => (await queryDatabase<{ id: string }>(database.url, `select id from referent_report where pathway_id = '${pathwayId}'`))[0].id;
  const settled = (pathwayId: string, status: string) => eventually(async () => (await outbox(pathwayId)).find((row) => row.status === status), 10_000, `a ${status} message`);

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await TestSmtp.start();
    server = await startServer(mailEnv(database.url, smtp));
    api = new GraphqlClient(server.url);
    accounts = await new AccountsFixture(api).init();
    journey = new JourneyFixture(api, accounts);
    counsellor = await accounts.user('COUNSELLOR');
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await smtp?.down();
    await database?.drop();
  });

  it('sends one e-mail per diagnostic to the referent: a link, and no name, report text, barrier or status', async () => {
    const referent = await accounts.user('REFERENT');
    const pathway = await journey.diagnosed(referent, counsellor, aPerson({ lastName: 'Zébulon', firstNames: 'Anatole' }));
    const row = await settled(pathway.id, 'SENT');
    const reportId = await reportIdOf(pathway.id);
    const [mail] = await eventually(() => (smtp.to(referent.email).length > 0 ? smtp.to(referent.email) : null));

    expect(row).toMatchObject({ report_id: reportId, smtp_code: 250, attempts: 0, idempotency_key: mail.messageId });
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@parcours>$/);
    expect(mail.raw.from?.value).toEqual([{ name: 'Parcours', address: 'noreply@parcours.test' }]);
    expect(mail.subject).toBe('Parcours : un nouveau compte rendu vous attend');
    expect(mail.text).toContain('Un nouveau compte rendu concernant une personne que vous accompagnez vous attend');
    expect(mail.text).toContain(`https://parcours.test/reports/${reportId}`);
    const everything = `${mail.subject}\n${mail.text}\n${mail.raw.html || ''}`;
    for (const secret of ['Zébulon', 'Zebulon', 'Anatole', 'Camille', 'Motivated', 'mobility', 'MOBILITY', 'Mobilité', 'licence', 'HEALTH', 'JUSTICE', 'READY', 'DIAGNOSED', 'Agent de propreté', 'avancer']) {
      expect({ secret, found: everything.includes(secret) }).toEqual({ secret, found: false });
    }

    // The link's page: the report, to its referent; NOT_FOUND to anyone else.
    const seen = await api.data<{ referentReport: { id: string; participantName: string; kind: string } }>(REPORT, { id: reportId }, { token: referent.token });
    expect(seen.referentReport).toEqual({ id: reportId, participantName: 'Anatole Zébulon', kind: 'DIAGNOSTIC_RECORDED' });
    const stranger = await accounts.user('REFERENT');
    expect(errorCodes(await api.request(REPORT, { id: reportId }, { token: stranger.token }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.request(REPORT, { id: 'not-an-id' }, { token: referent.token }))).toEqual(['NOT_FOUND']);

    expect(smtp.to(referent.email)).toHaveLength(1);
    // The logs name the message and its SMTP code, never an address.
    expect(server.output()).toContain(`Outbox message ${row.id}: SENT (250)`);
    expect(server.output()).not.toContain(referent.email);
  });

  it('resolves the recipient when sending: the referent who has the pathway by then, none if opted out or deactivated', async () => {
    const optedOut = await accounts.user('REFERENT');
    await api.data('mutation { updateMyNotificationSettings(input: { reportEmails: false }) { userErrors { code } } }', undefined, { token: optedOut.token });
    const quiet = await journey.diagnosed(optedOut, counsellor);

    // A report read in the console before its e-mail could go, and its referent gone by then (nothing left to hand over).
    const leaving = await accounts.user('REFERENT');
    await smtp.down();
    const leavingPathway = await journey.refer(leaving);
    await journey.decline(counsellor, leavingPathway.id, 'UNREACHABLE');
    await eventually(async () => (await outbox(leavingPathway.id))[0]?.attempts >= 1, 10_000, 'a failed attempt');
    await api.data('mutation ($input: AcknowledgeReportInput!) { acknowledgeReport(input: $input) { userErrors { code } } }', { input: { reportId: await reportIdOf(leavingPathway.id) } }, { token: leaving.token });
    const left = await api.data<{ deactivateUser: { userErrors: unknown[] } }>(`mutation { deactivateUser(input: { userId: "${leaving.id}" }) { userErrors { code } } }`, undefined, { token: accounts.adminToken });
    expect(left.deactivateUser.userErrors).toEqual([]);
    await smtp.up();

    expect(await settled(quiet.id, 'SKIPPED')).toMatchObject({ skip_reason: 'REPORT_EMAILS_OFF', attempts: 0 });
    expect(await settled(leavingPathway.id, 'SKIPPED')).toMatchObject({ skip_reason: 'REFERENT_DEACTIVATED' });

    // Handed over while the SMTP server was down: the e-mail goes to the new referent.
    const first = await accounts.user('REFERENT');
    const second = await accounts.user('REFERENT');
    await smtp.down();
    const handedOver = await journey.diagnosed(first, counsellor);
    await eventually(async () => (await outbox(handedOver.id))[0]?.attempts >= 1, 10_000, 'a failed attempt');
    const handover = await api.data<{ assignReferent: { userErrors: unknown[] } }>(
      'mutation ($input: AssignReferentInput!) { assignReferent(input: $input) { userErrors { code } } }',
      { input: { pathwayId: handedOver.id, referentId: second.id, reason: 'Changement de secteur' } },
      { token: accounts.adminToken },
    );
    expect(handover.assignReferent.userErrors).toEqual([]);
    await smtp.up();
    expect(await settled(handedOver.id, 'SENT')).toMatchObject({ smtp_code: 250 });
    // The diagnostic's report, and the one telling them the pathway is now theirs.
    await eventually(() => smtp.to(second.email).length === 2, 10_000, 'two e-mails to the new referent');
    expect(smtp.to(second.email)).toHaveLength(2);
    expect(smtp.to(first.email)).toHaveLength(0);
    expect(smtp.to(optedOut.email)).toHaveLength(0);
    expect(smtp.to(leaving.email)).toHaveLength(0);
  });

  it('makes a 550 DEAD at once; retryOutboxMessage delivers it; retrying a SENT message is NOT_DEAD_LETTER and changes nothing', async () => {
    const referent = await accounts.user('REFERENT');
    smtp.mode = 'permfail';
    const refusalsBefore = smtp.refusals;
    const pathway = await journey.diagnosed(referent, counsellor);
    const dead = await settled(pathway.id, 'DEAD');
    expect(dead).toMatchObject({ attempts: 1, smtp_code: 550, last_error: 'SMTP 550' });
    expect(smtp.refusals - refusalsBefore).toBe(1); // no retry of a permanent refusal

    const letters = await api.data<{ outboxDeadLetters: { edges: { node: { id: string } }[] } }>('{ outboxDeadLetters { edges { node { id } } } }', undefined, { token: accounts.adminToken });
    expect(letters.outboxDeadLetters.edges.map((edge) => edge.node.id)).toContain(dead.id);

    smtp.mode = 'accept';
    const retried = await api.data<{ retryOutboxMessage: unknown }>(RETRY, { id: dead.id }, { token: accounts.adminToken });
    expect(retried.retryOutboxMessage).toEqual({ message: { status: 'PENDING' }, userErrors: [] });
    const sent = await settled(pathway.id, 'SENT');
    expect(smtp.to(referent.email).map((mail) => mail.messageId)).toEqual([sent.idempotency_key]);

    const again = await api.data<{ retryOutboxMessage: unknown }>(RETRY, { id: dead.id }, { token: accounts.adminToken });
    expect(again.retryOutboxMessage).toEqual({ message: null, userErrors: [{ code: 'NOT_DEAD_LETTER' }] });
    expect(await outbox(pathway.id)).toEqual([sent]);
    expect(smtp.to(referent.email)).toHaveLength(1);
  });

  describe('bad configuration stops the server with one line, and never shows SMTP_URL', () => {
    it.each([
      [{ SMTP_URL: 'nonsense-with-hunter2', PUBLIC_URL: 'https://parcours.test' }, /^Configuration error: SMTP_URL: must be smtp:\/\//],
      [{ SMTP_URL: 'smtp://relay:hunter2@127.0.0.1:2525', PUBLIC_URL: '' }, /^Configuration error: PUBLIC_URL: is required with SMTP_URL/],
    ])('%j', async (mail, line) => {
      const run = runMain({ ...mailEnv(database.url, smtp), PORT: '0', ...mail } as Record<string, string>);
      expect(await run.exited).toBe(1);
      const lines = run.output().trim().split('\n');
      expect(lines).toEqual([expect.stringMatching(line)]);
      expect(run.output()).not.toContain('hunter2');
    });
  });
});
