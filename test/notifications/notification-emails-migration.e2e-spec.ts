import type { AccountsFixture, TestUser } from '../support/accounts';
import { startJourneyApp } from '../support/journey';
import { migrateAgain, type TestApp } from '../support/test-app';

const SETTINGS = '{ me { reportEmails notificationEmails { kind delivery } } }';

/** reportEmails became the REPORT kind's setting: an account that had turned report e-mails off keeps them off (issue 35). */
describe('the migration of report e-mails to notification settings', () => {
  let t: TestApp;
  let accounts: AccountsFixture;

  beforeAll(async () => {
    ({ t, accounts } = await startJourneyApp());
  });
  afterAll(() => t.close());

  const mine = async (user: TestUser) => (await t.api.data<{ me: { reportEmails: boolean; notificationEmails: { kind: string; delivery: string }[] } }>(SETTINGS, undefined, { token: user.token })).me;

  it('keeps report e-mails off for who had turned them off, on for the others, and leaves other choices to their defaults', async () => {
    const [quiet, chose, usual] = [await accounts.user('REFERENT'), await accounts.user('REFERENT'), await accounts.user('REFERENT')];
    await t.api.data('mutation { updateMyNotificationSettings(input: { reportEmails: false }) { userErrors { code } } }', undefined, { token: quiet.token });
    await t.api.data('mutation { updateMyNotificationSettings(input: { emails: [{ kind: REPORT, delivery: DIGEST }, { kind: NEW_MESSAGE, delivery: DIGEST }] }) { userErrors { code } } }', undefined, { token: chose.token });
    // Undone, the settings go back to the old boolean (off for both who did not take reports at once); done again, to the REPORT kind.
    expect(await migrateAgain(t.orm, '_NotificationEmails')).toMatch(/_NotificationEmails$/);
    expect(await mine(quiet)).toMatchObject({ reportEmails: false, notificationEmails: expect.arrayContaining([{ kind: 'REPORT', delivery: 'CONSOLE_ONLY' }, { kind: 'NEW_MESSAGE', delivery: 'AT_ONCE' }]) });
    expect(await mine(chose)).toMatchObject({ reportEmails: false, notificationEmails: expect.arrayContaining([{ kind: 'REPORT', delivery: 'CONSOLE_ONLY' }, { kind: 'NEW_MESSAGE', delivery: 'AT_ONCE' }]) });
    expect(await mine(usual)).toMatchObject({ reportEmails: true, notificationEmails: expect.arrayContaining([{ kind: 'REPORT', delivery: 'AT_ONCE' }]) });
  });
});
