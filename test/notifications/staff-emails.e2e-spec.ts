import { AccountsFixture, type TestUser } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { aPerson, JourneyFixture } from '../support/journey';
import { startServer, type ServerProcess } from '../support/server-process';
import { eventually, mailEnv, TestSmtp } from '../support/smtp';
import { createTestDatabase, queryDatabase, type TestDatabase } from '../support/test-database';

const SETTINGS = `mutation ($input: NotificationSettingsInput!) {
  updateMyNotificationSettings(input: $input) { user { reportEmails notificationEmails { kind delivery } } userErrors { code field } }
}`;
const ME = '{ me { reportEmails notificationEmails { kind delivery } } }';

interface Setting {
  kind: string;
  delivery: string;
}

/**
 * The staff's notices by e-mail, as each chooses (issue 35): at once, in the 07:30 digest of
 * working days, or only in the console. Parcours in its own process on a clock the test sets
 * (CLOCK_START), its relay in process, a real SMTP server.
 */
describe('staff notices by e-mail, and the morning digest', () => {
  let database: TestDatabase;
  let smtp: TestSmtp;
  let server: ServerProcess | undefined;
  let api: GraphqlClient;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;
  let referent: TestUser;
  let counsellor: TestUser;
  let keen: TestUser;
  let manager: TestUser;
  let urgent: TestUser;
  let quiet: TestUser;

  async function startAt(clock: string): Promise<void> {
    await server?.stop('SIGTERM');
    server = await startServer(mailEnv(database.url, smtp, { CLOCK_START: clock, DIGEST_ENABLED: 'true', OUTBOX_POLL_MS: '200' }));
    api = new GraphqlClient(server.url);
    accounts = Object.assign(new AccountsFixture(api), { adminToken: accounts?.adminToken ?? '', operatorId: accounts?.operatorId ?? '' });
    journey = new JourneyFixture(api, accounts);
  }
  const settings = (user: TestUser, input: Record<string, unknown>) =>
    api.data<{ updateMyNotificationSettings: { user: { reportEmails: boolean; notificationEmails: Setting[] } | null; userErrors: { code: string; field: string[] }[] } }>(SETTINGS, { input }, { token: user.token });
  const mine = async (user: TestUser) => (await api.data<{ me: { reportEmails: boolean; notificationEmails: Setting[] } }>(ME, undefined, { token: user.token })).me;
  const delivery = (list: Setting[], kind: string) => list.find((setting) => setting.kind === kind)?.delivery;
  const digests = () => queryDatabase<{ recipient_id: string; digest_on: string; status: string }>(database.url, 'select recipient_id, digest_on, status from outbox_message where digest_on is not null');

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await TestSmtp.start();
    // Monday 16 March 2026, 10:00 in Paris.
    await startAt('2026-03-16T09:00:00Z');
    accounts = await new AccountsFixture(api).init();
    journey = new JourneyFixture(api, accounts);
    referent = await accounts.user('REFERENT');
    counsellor = await accounts.user('COUNSELLOR');
    keen = await accounts.user('COUNSELLOR');
    manager = await accounts.user('MANAGER');
    urgent = await accounts.user('MANAGER');
    quiet = await accounts.user('MANAGER');
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await smtp?.down();
    await database?.drop();
  });

  it('lists each kind of the role with its default, and keeps what each user chooses; refuses what a role cannot choose, changing nothing', async () => {
    const forManager = (await mine(manager)).notificationEmails;
    expect(delivery(forManager, 'NEW_REFERRAL')).toBe('DIGEST');
    expect(delivery(forManager, 'PERSON_CANNOT_COME')).toBe('AT_ONCE');
    expect(delivery(forManager, 'CONTRACT_ENDING')).toBe('DIGEST');
    expect(delivery(forManager, 'REPORT')).toBeUndefined();
    expect(delivery((await mine(counsellor)).notificationEmails, 'NEW_REFERRAL')).toBe('OFF');
    expect((await mine(referent)).notificationEmails).toEqual([
      { kind: 'REPORT', delivery: 'AT_ONCE' },
      { kind: 'NEW_MESSAGE', delivery: 'AT_ONCE' },
      { kind: 'CONTRACT_ENDING', delivery: 'DIGEST' },
    ]);

    const refused = await settings(counsellor, { emails: [{ kind: 'NEW_REFERRAL', delivery: 'DIGEST' }, { kind: 'CONTRACT_ENDING', delivery: 'OFF' }, { kind: 'REPORT', delivery: 'AT_ONCE' }] });
    expect(refused.updateMyNotificationSettings.userErrors).toEqual([
      { code: 'INVALID_NOTIFICATION_SETTING', field: ['input', 'emails', '1'] },
      { code: 'INVALID_NOTIFICATION_SETTING', field: ['input', 'emails', '2'] },
    ]);
    expect(delivery((await mine(counsellor)).notificationEmails, 'NEW_REFERRAL')).toBe('OFF');

    expect((await settings(keen, { emails: [{ kind: 'NEW_REFERRAL', delivery: 'DIGEST' }] })).updateMyNotificationSettings.userErrors).toEqual([]);
    expect((await settings(urgent, { emails: [{ kind: 'NEW_REFERRAL', delivery: 'AT_ONCE' }] })).updateMyNotificationSettings.userErrors).toEqual([]);
    expect((await settings(quiet, { emails: [{ kind: 'NEW_REFERRAL', delivery: 'CONSOLE_ONLY' }] })).updateMyNotificationSettings.userErrors).toEqual([]);
    // reportEmails, as before: the REPORT kind at once, or only in the inbox.
    const referentChose = await settings(referent, { reportEmails: false, emails: [{ kind: 'CONTRACT_ENDING', delivery: 'AT_ONCE' }] });
    expect(referentChose.updateMyNotificationSettings.user).toEqual({
      reportEmails: false,
      notificationEmails: [{ kind: 'REPORT', delivery: 'CONSOLE_ONLY' }, { kind: 'NEW_MESSAGE', delivery: 'AT_ONCE' }, { kind: 'CONTRACT_ENDING', delivery: 'AT_ONCE' }],
    });
    expect(delivery((await mine(keen)).notificationEmails, 'NEW_REFERRAL')).toBe('DIGEST');
  });

  it('sends at once what a user takes at once — the kind and a link, never a name — and nothing to the others', async () => {
    await journey.refer(referent, aPerson({ lastName: 'Zébulon', firstNames: 'Anatole' }));
    const [mail] = await eventually(() => (smtp.to(urgent.email).length > 0 ? smtp.to(urgent.email) : null), 10_000, 'the notice to the manager who takes it at once');
    expect(mail.subject).toBe('Parcours : une nouvelle orientation');
    expect(mail.text).toContain('https://parcours.test/notifications');
    for (const secret of ['Zébulon', 'Anatole', 'Camille']) expect({ secret, found: `${mail.subject}${mail.text}`.includes(secret) }).toEqual({ secret, found: false });
    // The others are told in the console (and the digest), not by an e-mail of its own; the counsellor who did not ask is not told at all.
    await new Promise((resolve) => setTimeout(resolve, 600));
    for (const user of [manager, quiet, keen, counsellor]) expect(smtp.to(user.email)).toEqual([]);
    const told = await queryDatabase<{ recipient_id: string }>(database.url, "select recipient_id from staff_notification where kind = 'NEW_REFERRAL'");
    expect(told.map((row) => row.recipient_id).sort()).toEqual([keen.id, manager.id, quiet.id, urgent.id].sort());
  });

  it('writes the digest at start-up between 07:30 and noon of a working day, once per user and day across restarts; counts only, no names', async () => {
    // Tuesday 17 March, 08:00 in Paris: the server was down at 07:30.
    await startAt('2026-03-17T07:00:00Z');
    const [mail] = await eventually(() => (smtp.to(manager.email).length > 0 ? smtp.to(manager.email) : null), 10_000, "the manager's digest");
    expect(mail.subject).toBe('Parcours : ce qui vous attend ce matin');
    expect(mail.text).toContain('- une nouvelle orientation');
    expect(mail.text).toContain('https://parcours.test/notifications');
    expect(mail.text).not.toMatch(/Zébulon|Anatole|Camille/);
    await eventually(() => (smtp.to(keen.email).length > 0 ? true : null), 10_000, "the keen counsellor's digest");
    // Who takes it at once, or only in the console, or has nothing: no digest.
    expect(smtp.to(urgent.email)).toHaveLength(1);
    expect(smtp.to(quiet.email)).toEqual([]);
    expect(smtp.to(counsellor.email)).toEqual([]);
    expect((await digests()).map((row) => [row.recipient_id, row.digest_on]).sort()).toEqual([[keen.id, '2026-03-17'], [manager.id, '2026-03-17']].sort());

    // Restarted at 08:30 the same morning: nothing more.
    await startAt('2026-03-17T07:30:00Z');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await digests()).toHaveLength(2);
    expect(smtp.to(manager.email)).toHaveLength(1);
  });

  it('writes none on a weekend, nor after noon', async () => {
    await startAt('2026-03-21T08:00:00Z'); // Saturday
    await accounts.signInAgain(referent);
    await journey.refer(referent);
    await startAt('2026-03-23T11:05:00Z'); // Monday, 12:05 in Paris
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await digests()).toHaveLength(2);
  });
});
