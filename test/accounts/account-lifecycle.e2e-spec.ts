import { AccountEvent, AccountToken, User } from '@parcours/accounts';
import { OutboxMessage } from '@parcours/notifications';
import { Appointment, Checkpoint, Pathway } from '@parcours/pathways';
import { ReferentReport } from '@parcours/reports';
import { AccountsFixture, LOGIN, type TestUser } from '../support/accounts';
import { errorCodes } from '../support/graphql-client';
import { type JourneyFixture, startJourneyApp } from '../support/journey';
import { OffersFixture } from '../support/offers';
import { PlacementsFixture } from '../support/placements';
import { eventually, TestSmtp, type ReceivedMail } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

const REQUEST = 'mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { requested userErrors { code field } } }';
const RESET = 'mutation ($token: String!, $password: String!) { resetPassword(input: { token: $token, newPassword: $password }) { passwordSet userErrors { code field } } }';
const CREATE = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id email role active invitationPending } userErrors { code field } } }';
const UPDATE = 'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { id email fullName role } userErrors { code field } } }';
const DEACTIVATE = `mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) {
  user { id active } openWork { pathways checkpoints appointments reports } userErrors { code field message } } }`;
const REACTIVATE = 'mutation ($input: ReactivateUserInput!) { reactivateUser(input: $input) { user { id active } userErrors { code field } } }';
const HISTORY = 'query ($id: ID!) { user(id: $id) { openWork { pathways checkpoints appointments reports } history { type byUserId fields roleFrom successorId handedOver { pathways checkpoints appointments reports } } } }';
const ME = '{ me { id } }';
const STRONG = 'Nouveau-départ-2026!';

interface Result<T = unknown> {
  userErrors: { code: string; field?: string[]; message?: string }[];
  [key: string]: T | unknown;
}

/** The token of the link in an e-mail: what follows # in it. */
function linkOf(mail: ReceivedMail): { page: string; token: string } {
  const match = /https:\/\/parcours\.test(\/[a-z/-]+)#(\S+)/.exec(mail.text);
  if (!match) throw new Error(`no link in: ${mail.text}`);
  return { page: match[1], token: match[2] };
}

/**
 * Accounts over their whole life: forgotten passwords and invitations (real e-mails through the
 * outbox, relay and smtp-server), edits and reactivation, managers running their team, and
 * departures that hand every piece of work to a successor in one transaction.
 */
describe('account lifecycle', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let accounts: AccountsFixture;
  let journey: JourneyFixture;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    ({ t, accounts, journey } = await startJourneyApp({
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://parcours.test', OUTBOX_RETRY_BASE_SECONDS: '1', LOGIN_MAX_FAILURES_PER_IP: '1000' },
    }));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.down();
  });

  const as = (user: TestUser | string) => ({ token: typeof user === 'string' ? user : user.token });
  const mutate = async <T = Result>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const data = await t.api.data<Record<string, T>>(query, variables, token ? { token } : undefined);
    return Object.values(data)[0];
  };
  const mailsTo = (email: string, count = 1) => eventually(() => (smtp.to(email).length >= count ? smtp.to(email) : null), 10_000, `${count} e-mail(s) to an address`);
  const signIn = async (email: string, password: string) => (await t.api.data<{ login: Result & { tokens: { accessToken: string } | null } }>(LOGIN, { input: { email, password } })).login;
  const em = () => t.orm.em.fork();
  const rows = async () => ({
    users: await em().count(User, {}),
    tokens: await em().count(AccountToken, {}),
    events: await em().count(AccountEvent, {}),
    outbox: await em().count(OutboxMessage, {}),
  });

  describe('forgotten password', () => {
    it('sends one e-mail for an existing address and none for an unknown one, answering both with the same body', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      const known = await t.api.request(REQUEST, { email: counsellor.email.toUpperCase() });
      const unknown = await t.api.request(REQUEST, { email: 'nobody-here@parcours.test' });
      expect(known.data).toEqual({ requestPasswordReset: { requested: true, userErrors: [] } });
      expect(unknown.data).toEqual(known.data);
      expect([unknown.status, unknown.errors]).toEqual([known.status, known.errors]);

      const [mail] = await mailsTo(counsellor.email);
      expect(mail.subject).toBe('Parcours : choisir un nouveau mot de passe');
      expect(mail.text).toContain('pendant 30 minutes');
      const { page, token } = linkOf(mail);
      expect(page).toBe('/nouveau-mot-de-passe');
      // Stored hashed: the token's secret is in no column, and the relay's log names no address.
      const stored = await em().findOneOrFail(AccountToken, { user: counsellor.id });
      expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(token.split('.')[1]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.to(counsellor.email)).toHaveLength(1);
      expect(smtp.mails.filter((received) => received.to.includes('nobody-here'))).toEqual([]);
    });

    it('opens the account once, ends every session of the user, and the new password signs in', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      const other = await signIn(counsellor.email, counsellor.password);
      await mutate(REQUEST, { email: counsellor.email });
      const { token } = linkOf((await mailsTo(counsellor.email))[0]);

      expect(await mutate(RESET, { token, password: STRONG })).toEqual({ passwordSet: true, userErrors: [] });
      for (const session of [counsellor.token, other.tokens!.accessToken]) expect(errorCodes(await t.api.request(ME, {}, { token: session }))).toEqual(['UNAUTHENTICATED']);
      expect((await signIn(counsellor.email, counsellor.password)).userErrors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);
      expect((await signIn(counsellor.email, STRONG)).tokens).not.toBeNull();

      expect(await mutate(RESET, { token, password: 'Encore-un-autre-2026!' })).toEqual({ passwordSet: null, userErrors: [{ code: 'INVALID_RESET_TOKEN', field: ['input', 'token'] }] });
      expect((await signIn(counsellor.email, STRONG)).tokens).not.toBeNull();
      const history = await t.api.data<{ user: { history: { type: string; byUserId: string | null }[] } }>(HISTORY, { id: counsellor.id }, as(accounts.adminToken));
      // Newest first: two sign-ins with the new password, the reset, two sign-ins before it (the fixture's, this test's).
      expect(history.user.history.map((event) => [event.type, event.byUserId])).toEqual([
        ['SIGNED_IN', counsellor.id],
        ['SIGNED_IN', counsellor.id],
        ['PASSWORD_RESET', null],
        ['PASSWORD_RESET_REQUESTED', null],
        ['SIGNED_IN', counsellor.id],
        ['SIGNED_IN', counsellor.id],
        ['CREATED', expect.any(String)],
      ]);
    });

    it('ends an outstanding link when the password is changed while signed in', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      await mutate(REQUEST, { email: counsellor.email });
      const { token } = linkOf((await mailsTo(counsellor.email))[0]);
      const changed = await mutate('mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } userErrors { code } } }', {
        input: { currentPassword: counsellor.password, newPassword: STRONG },
      }, counsellor.token);
      expect(changed.userErrors).toEqual([]);
      expect(await mutate(RESET, { token, password: 'Encore-un-autre-2026!' })).toEqual({ passwordSet: null, userErrors: [{ code: 'INVALID_RESET_TOKEN', field: ['input', 'token'] }] });
      expect((await signIn(counsellor.email, STRONG)).tokens).not.toBeNull();
    });

    it('refuses a link after 30 minutes (test clock), a forged one, a malformed one, and one a newer link replaced', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      await mutate(REQUEST, { email: counsellor.email });
      const first = linkOf((await mailsTo(counsellor.email))[0]).token;
      await mutate(REQUEST, { email: counsellor.email });
      const second = linkOf((await mailsTo(counsellor.email, 2))[1]).token;
      const [id] = second.split('.');
      const refused = { passwordSet: null, userErrors: [{ code: 'INVALID_RESET_TOKEN', field: ['input', 'token'] }] };
      expect(await mutate(RESET, { token: first, password: STRONG })).toEqual(refused);
      expect(await mutate(RESET, { token: `${id}.${'A'.repeat(43)}`, password: STRONG })).toEqual(refused);
      expect(await mutate(RESET, { token: 'not-a-token', password: STRONG })).toEqual(refused);

      const start = t.clock.now();
      try {
        t.clock.advance(30 * 60_000);
        expect(await mutate(RESET, { token: second, password: STRONG })).toEqual(refused);
      } finally {
        t.clock.set(start);
      }
      expect((await signIn(counsellor.email, counsellor.password)).tokens).not.toBeNull();
    });

    it('keeps the link for a weak password, refused beside its field', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      await mutate(REQUEST, { email: counsellor.email });
      const { token } = linkOf((await mailsTo(counsellor.email))[0]);
      expect(await mutate(RESET, { token, password: 'motdepasse' })).toEqual({ passwordSet: null, userErrors: [{ code: 'WEAK_PASSWORD', field: ['input', 'newPassword'] }] });
      expect((await signIn(counsellor.email, counsellor.password)).tokens).not.toBeNull();
      expect(await mutate(RESET, { token, password: STRONG })).toEqual({ passwordSet: true, userErrors: [] });
    });

    it('lets one of two concurrent uses of a link win', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      await mutate(REQUEST, { email: counsellor.email });
      const { token } = linkOf((await mailsTo(counsellor.email))[0]);
      const passwords = ['Premier-choix-2026!', 'Second-choix-2026!'];
      const results = await Promise.all(passwords.map((password) => mutate<Result>(RESET, { token, password })));
      const winners = results.flatMap((result, index) => (result.passwordSet ? [passwords[index]] : []));
      expect(winners).toHaveLength(1);
      expect(results.flatMap((result) => result.userErrors.map((error) => error.code))).toEqual(['INVALID_RESET_TOKEN']);
      const loser = passwords.find((password) => password !== winners[0])!;
      expect((await signIn(counsellor.email, winners[0])).tokens).not.toBeNull();
      expect((await signIn(counsellor.email, loser)).userErrors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);
    });

    it('throttles requests like logins, known address or not, and refuses a malformed address beside its field', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      for (const email of [counsellor.email, 'nobody-else@parcours.test']) {
        for (let request = 0; request < 5; request++) expect((await mutate(REQUEST, { email })).userErrors).toEqual([]);
        expect(await mutate(REQUEST, { email })).toEqual({ requested: null, userErrors: [{ code: 'TOO_MANY_ATTEMPTS', field: null }] });
      }
      // Asking for links never locks the login.
      expect((await signIn(counsellor.email, counsellor.password)).tokens).not.toBeNull();
      // The links are written just after the answers (and each replaces the one before, whose e-mail may then never go): all five, before counting.
      await eventually(async () => (await em().count(AccountToken, { user: counsellor.id })) === 5, 10_000, 'the five links');
      const before = await rows();
      expect(await mutate(REQUEST, { email: 'not an address' })).toEqual({ requested: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'email'] }] });
      expect(await rows()).toEqual(before);
    });
  });

  describe('invitations', () => {
    it('lets a user created without a password in only through the link, then with the password chosen', async () => {
      const email = `invited-${Date.now()}@parcours.test`;
      const created = await mutate<Result & { user: { id: string; invitationPending: boolean } }>(CREATE, { input: { organisationId: accounts.operatorId, role: 'COUNSELLOR', email, fullName: 'Inès Invitée' } }, accounts.adminToken);
      expect(created.userErrors).toEqual([]);
      expect(created.user).toMatchObject({ invitationPending: true });
      const [mail] = await mailsTo(email);
      expect(mail.subject).toBe('Parcours : votre compte vous attend');
      expect(mail.text).toContain('pendant 7 jours');
      const { page, token } = linkOf(mail);
      expect(page).toBe('/invitation');
      expect((await signIn(email, '')).userErrors.map((error) => error.code)).toEqual(['INVALID_INPUT']);
      expect((await signIn(email, 'Parcours-test-2026')).userErrors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);

      expect(await mutate(RESET, { token, password: STRONG })).toEqual({ passwordSet: true, userErrors: [] });
      expect((await signIn(email, STRONG)).tokens).not.toBeNull();
      const seen = await t.api.data<{ user: { invitationPending: boolean; history: { type: string }[] } }>(
        'query ($id: ID!) { user(id: $id) { invitationPending history { type } } }',
        { id: created.user.id },
        as(accounts.adminToken),
      );
      expect(seen.user).toEqual({ invitationPending: false, history: [{ type: 'SIGNED_IN' }, { type: 'INVITATION_ACCEPTED' }, { type: 'INVITED' }] });
    });

    it('refuses an expired invitation; a reset link then lets the user in', async () => {
      const email = `late-${Date.now()}@parcours.test`;
      await mutate(CREATE, { input: { organisationId: accounts.operatorId, role: 'COUNSELLOR', email, fullName: 'Lucas Tardif' } }, accounts.adminToken);
      const { token } = linkOf((await mailsTo(email))[0]);
      const start = t.clock.now();
      try {
        t.clock.advance(7 * 24 * 3600_000);
        expect(await mutate(RESET, { token, password: STRONG })).toEqual({ passwordSet: null, userErrors: [{ code: 'INVALID_RESET_TOKEN', field: ['input', 'token'] }] });
        await mutate(REQUEST, { email });
        const fresh = linkOf((await mailsTo(email, 2))[1]);
        expect(fresh.page).toBe('/nouveau-mot-de-passe');
        expect(await mutate(RESET, { token: fresh.token, password: STRONG })).toEqual({ passwordSet: true, userErrors: [] });
        expect((await signIn(email, STRONG)).tokens).not.toBeNull();
      } finally {
        t.clock.set(start);
      }
    });
  });

  describe('editing and reactivating', () => {
    it('changes name, address (unique without case) and role within the kind, audited by name; a link to the former address stops working', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      const other = await accounts.user('COUNSELLOR');
      await mutate(REQUEST, { email: counsellor.email });
      const { token } = linkOf((await mailsTo(counsellor.email))[0]);

      const before = await rows();
      expect((await mutate(UPDATE, { input: { userId: counsellor.id, email: other.email.toUpperCase() } }, accounts.adminToken)).userErrors).toEqual([{ code: 'EMAIL_TAKEN', field: ['input', 'email'] }]);
      expect((await mutate(UPDATE, { input: { userId: counsellor.id, role: 'REFERENT' } }, accounts.adminToken)).userErrors).toEqual([{ code: 'ROLE_DOES_NOT_FIT_ORGANISATION', field: ['input', 'role'] }]);
      expect((await mutate(UPDATE, { input: { userId: counsellor.id, email: 'pas une adresse' } }, accounts.adminToken)).userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'email'] }]);
      expect(await rows()).toEqual(before);

      const moved = `moved-${Date.now()}@Parcours.test`;
      const updated = await mutate<Result & { user: unknown }>(UPDATE, { input: { userId: counsellor.id, fullName: 'Camille Nouveau', email: moved, role: 'MANAGER' } }, accounts.adminToken);
      expect(updated).toEqual({ user: { id: counsellor.id, email: moved, fullName: 'Camille Nouveau', role: 'MANAGER' }, userErrors: [] });
      expect(await mutate(RESET, { token, password: STRONG })).toMatchObject({ userErrors: [{ code: 'INVALID_RESET_TOKEN' }] });
      expect((await signIn(moved.toLowerCase(), counsellor.password)).tokens).not.toBeNull();
      const history = await t.api.data<{ user: { history: { type: string; fields: string[]; roleFrom: string | null; byUserId: string }[] } }>(HISTORY, { id: counsellor.id }, as(accounts.adminToken));
      // Newest first: the sign-in with the new address, then the change.
      expect(history.user.history[0].type).toBe('SIGNED_IN');
      expect(history.user.history[1]).toEqual({ type: 'UPDATED', fields: ['fullName', 'email', 'role'], roleFrom: 'COUNSELLOR', byUserId: expect.any(String), successorId: null, handedOver: null });
      expect(history.user.history[1].byUserId).not.toBe(counsellor.id);
    });

    it('refuses an administrator their own role change and their own deactivation', async () => {
      const me = await t.api.data<{ me: { id: string } }>(ME, {}, as(accounts.adminToken));
      expect((await mutate(UPDATE, { input: { userId: me.me.id, role: 'COUNSELLOR' } }, accounts.adminToken)).userErrors).toEqual([{ code: 'CANNOT_CHANGE_OWN_ROLE', field: ['input', 'role'] }]);
      expect((await mutate(DEACTIVATE, { input: { userId: me.me.id } }, accounts.adminToken)).userErrors).toEqual([expect.objectContaining({ code: 'CANNOT_DEACTIVATE_SELF' })]);
      expect((await mutate(UPDATE, { input: { userId: me.me.id, fullName: 'Administratrice' } }, accounts.adminToken)).userErrors).toEqual([]);
    });

    it('reactivates a deactivated account, which signs in again; reactivating an active one is ALREADY_ACTIVE', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      expect((await mutate(DEACTIVATE, { input: { userId: counsellor.id } }, accounts.adminToken)).userErrors).toEqual([]);
      expect((await signIn(counsellor.email, counsellor.password)).userErrors.map((error) => error.code)).toEqual(['INVALID_CREDENTIALS']);
      expect(await mutate(REACTIVATE, { input: { userId: counsellor.id } }, accounts.adminToken)).toEqual({ user: { id: counsellor.id, active: true }, userErrors: [] });
      expect((await signIn(counsellor.email, counsellor.password)).tokens).not.toBeNull();
      expect((await mutate(REACTIVATE, { input: { userId: counsellor.id } }, accounts.adminToken)).userErrors).toEqual([{ code: 'ALREADY_ACTIVE', field: ['input', 'userId'] }]);
    });
  });

  describe('managers run their team', () => {
    it('a MANAGER invites a counsellor of their operator, deactivates and reactivates them', async () => {
      const manager = await accounts.user('MANAGER');
      const email = `team-${Date.now()}@parcours.test`;
      const created = await mutate<Result & { user: { id: string; role: string } }>(CREATE, { input: { organisationId: accounts.operatorId, role: 'COUNSELLOR', email, fullName: 'Nina Recrue' } }, manager.token);
      expect(created).toMatchObject({ user: { role: 'COUNSELLOR', active: true, invitationPending: true }, userErrors: [] });
      await mailsTo(email);
      expect(await mutate(UPDATE, { input: { userId: created.user.id, fullName: 'Nina Recrue-Martin' } }, manager.token)).toMatchObject({ user: { fullName: 'Nina Recrue-Martin' }, userErrors: [] });
      expect(await mutate(DEACTIVATE, { input: { userId: created.user.id } }, manager.token)).toMatchObject({ user: { active: false }, userErrors: [] });
      expect(await mutate(REACTIVATE, { input: { userId: created.user.id } }, manager.token)).toMatchObject({ user: { active: true }, userErrors: [] });
    });

    it('a MANAGER creating a REFERENT, or a counsellor of another operator, is FORBIDDEN and writes nothing', async () => {
      const manager = await accounts.user('MANAGER');
      const prescriber = await accounts.organisation('PRESCRIBER');
      const otherOperator = await accounts.organisation('OPERATOR');
      const before = await rows();
      for (const input of [
        { organisationId: prescriber, role: 'REFERENT', email: `r-${Date.now()}@parcours.test`, fullName: 'Refusé' },
        { organisationId: otherOperator, role: 'COUNSELLOR', email: `c-${Date.now()}@parcours.test`, fullName: 'Refusé' },
        { organisationId: accounts.operatorId, role: 'MANAGER', email: `m-${Date.now()}@parcours.test`, fullName: 'Refusé' },
      ]) {
        expect(errorCodes(await t.api.request(CREATE, { input }, as(manager)))).toEqual(['FORBIDDEN']);
      }
      expect(await rows()).toEqual(before);
    });

    it("a MANAGER cannot change a fellow manager or promote a counsellor (FORBIDDEN), and another operator's counsellor is not found", async () => {
      const manager = await accounts.user('MANAGER');
      const fellow = await accounts.user('MANAGER');
      const counsellor = await accounts.user('COUNSELLOR');
      const stranger = await accounts.user('COUNSELLOR', { organisationId: await accounts.organisation('OPERATOR') });
      const before = await rows();
      expect(errorCodes(await t.api.request(DEACTIVATE, { input: { userId: fellow.id } }, as(manager)))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.api.request(UPDATE, { input: { userId: fellow.id, fullName: 'X' } }, as(manager)))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.api.request(UPDATE, { input: { userId: counsellor.id, role: 'MANAGER' } }, as(manager)))).toEqual(['FORBIDDEN']);
      expect((await mutate(DEACTIVATE, { input: { userId: stranger.id } }, manager.token)).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'userId'] })]);
      expect((await mutate(REACTIVATE, { input: { userId: stranger.id } }, manager.token)).userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'userId'] }]);
      expect(await rows()).toEqual(before);
      expect((await signIn(fellow.email, fellow.password)).tokens).not.toBeNull();
    });
  });

  describe('no work left without an owner', () => {
    let offers: OffersFixture;
    let placements: PlacementsFixture;
    let employer: string;

    beforeAll(async () => {
      offers = new OffersFixture(t.api, accounts);
      placements = new PlacementsFixture(t.api);
      employer = await offers.partner('EMPLOYER', { name: 'Propreté Forez' }, await accounts.user('MANAGER'));
    });

    /** A counsellor holding a bit of everything: a pathway with an interview planned, one in placement (checkpoints), one exited and still followed. */
    const caseload = async (counsellor: TestUser, referent: TestUser) => {
      const scheduled = await journey.refer(referent);
      await journey.acceptAndSchedule(counsellor, scheduled.id);
      const placed = await journey.diagnosed(referent, counsellor);
      await placements.start(counsellor, { pathwayId: placed.id, contractType: 'CDD', employerPartnerId: employer, startOn: '2026-03-16', plannedEndOn: '2026-06-30', hoursPerWeek: 35 });
      const exited = await journey.diagnosed(referent, counsellor);
      await placements.start(counsellor, { pathwayId: exited.id, contractType: 'CDI', employerPartnerId: employer, startOn: '2026-03-16', hoursPerWeek: 35 });
      const out = await placements.exitRaw(counsellor, { pathwayId: exited.id, exitedOn: '2026-03-16', reason: 'FOUND_WORK_OR_TRAINING' });
      expect(out.userErrors).toEqual([]);
      return { scheduled, placed, exited };
    };
    const held = async (userId: string) => {
      const orm = em();
      return {
        inCharge: await orm.count(Pathway, { counsellor: userId }),
        referentOf: await orm.count(Pathway, { referent: userId }),
        appointments: await orm.count(Appointment, { counsellor: userId, status: 'PLANNED' as never }),
        checkpoints: await orm.count(Checkpoint, { pathway: { counsellor: userId }, status: 'PENDING' as never }),
        reports: await orm.count(ReferentReport, { referent: userId, acknowledgedAt: null }),
      };
    };

    it('refuses to deactivate a counsellor with open work and no successor: HAS_OPEN_WORK with the counts, nothing changed', async () => {
      const counsellor = await accounts.user('COUNSELLOR');
      const referent = await accounts.user('REFERENT');
      await caseload(counsellor, referent);
      const before = { rows: await rows(), held: await held(counsellor.id) };
      const refused = await mutate<Result & { openWork: unknown; user: unknown }>(DEACTIVATE, { input: { userId: counsellor.id } }, accounts.adminToken);
      expect(refused.user).toBeNull();
      expect(refused.openWork).toEqual({ pathways: 2, checkpoints: before.held.checkpoints, appointments: 1, reports: 0 });
      expect(before.held.checkpoints).toBeGreaterThanOrEqual(8);
      expect(refused.userErrors).toEqual([{ code: 'HAS_OPEN_WORK', field: ['input', 'successorId'], message: expect.stringContaining('2 open pathway(s)') }]);
      // A role that cannot hold the work is refused the same way; a manager may hold it.
      const toAdmin = await mutate<Result & { user: unknown }>(UPDATE, { input: { userId: counsellor.id, role: 'ADMIN', fullName: 'Jamais écrit' } }, accounts.adminToken);
      expect(toAdmin).toEqual({ user: null, userErrors: [{ code: 'HAS_OPEN_WORK', field: ['input', 'successorId'] }] });
      const toFunder = await mutate<Result & { user: unknown }>(UPDATE, { input: { userId: counsellor.id, role: 'FUNDER' } }, accounts.adminToken);
      expect(toFunder.userErrors).toEqual([{ code: 'ROLE_DOES_NOT_FIT_ORGANISATION', field: ['input', 'role'] }]);
      expect({ rows: await rows(), held: await held(counsellor.id) }).toEqual(before);
      expect((await signIn(counsellor.email, counsellor.password)).tokens).not.toBeNull();
    });

    it('hands a leaving counsellor\'s whole caseload to a colleague in one step: pathways, interviews, checkpoints of exited pathways too', async () => {
      const leaving = await accounts.user('COUNSELLOR');
      const colleague = await accounts.user('COUNSELLOR');
      const referent = await accounts.user('REFERENT');
      const { scheduled, placed, exited } = await caseload(leaving, referent);
      const before = await held(leaving.id);

      const done = await mutate<Result & { user: unknown; openWork: unknown }>(DEACTIVATE, { input: { userId: leaving.id, successorId: colleague.id } }, accounts.adminToken);
      expect(done).toEqual({ user: { id: leaving.id, active: false }, openWork: null, userErrors: [] });
      expect(await held(leaving.id)).toEqual({ inCharge: 0, referentOf: 0, appointments: 0, checkpoints: 0, reports: 0 });
      expect(await held(colleague.id)).toEqual({ ...before, inCharge: 3 });

      // The history names the hand-over; the colleague runs the pathways; the referent is told nothing new.
      const history = await t.api.data<{ pathway: { counsellor: { id: string }; history: { kind: string }[] } }>(
        'query ($id: ID!) { pathway(id: $id) { counsellor { id } history { kind } } }',
        { id: placed.id },
        as(colleague),
      );
      expect(history.pathway.counsellor.id).toBe(colleague.id);
      expect(history.pathway.history.map((event) => event.kind)).toContain('COUNSELLOR_ASSIGNED');
      for (const pathway of [scheduled, exited]) expect((await em().findOneOrFail(Pathway, pathway.id)).counsellor?.id).toBe(colleague.id);
      const account = await t.api.data<{ user: { history: { type: string; successorId: string; handedOver: unknown }[] } }>(HISTORY, { id: leaving.id }, as(accounts.adminToken));
      expect(account.user.history[0]).toMatchObject({ type: 'DEACTIVATED', successorId: colleague.id, handedOver: { pathways: 2, appointments: 1, checkpoints: before.checkpoints, reports: 0 } });

      // Reactivated, the former holder sees none of it.
      await mutate(REACTIVATE, { input: { userId: leaving.id } }, accounts.adminToken);
      const back = await signIn(leaving.email, leaving.password);
      const caseloadOf = await t.api.data<{ caseload: { openByStatus: { count: number }[]; appointmentsThisWeek: number; checkpointsThisWeek: number } }>(
        '{ caseload { openByStatus { count } appointmentsThisWeek checkpointsThisWeek } }',
        {},
        { token: back.tokens!.accessToken },
      );
      expect(caseloadOf.caseload.openByStatus.reduce((sum, row) => sum + row.count, 0)).toBe(0);
      expect(caseloadOf.caseload).toMatchObject({ appointmentsThisWeek: 0, checkpointsThisWeek: 0 });
    });

    it('hands a leaving referent\'s pathways and unread reports to another referent, who is told; the former sees nothing', async () => {
      const leaving = await accounts.user('REFERENT');
      const successor = await accounts.user('REFERENT');
      const counsellor = await accounts.user('COUNSELLOR');
      const open = await journey.diagnosed(leaving, counsellor);
      const declined = await journey.refer(leaving);
      await journey.decline(counsellor, declined.id, 'UNREACHABLE');
      const before = await held(leaving.id);
      expect(before).toMatchObject({ referentOf: 2, reports: 2 });

      const done = await mutate<Result>(DEACTIVATE, { input: { userId: leaving.id, successorId: successor.id } }, accounts.adminToken);
      expect(done.userErrors).toEqual([]);
      expect(await held(leaving.id)).toMatchObject({ referentOf: 0, reports: 0 });
      const inbox = await t.api.data<{ referentReports: { edges: { node: { kind: string; pathwayId: string } }[] } }>(
        '{ referentReports(first: 20) { edges { node { kind pathwayId } } } }',
        {},
        as(successor),
      );
      const kinds = inbox.referentReports.edges.map((edge) => [edge.node.pathwayId, edge.node.kind]).sort();
      expect(kinds).toEqual(
        [
          [open.id, 'DIAGNOSTIC_RECORDED'],
          [open.id, 'PATHWAY_HANDED_OVER'],
          [declined.id, 'REFERRAL_DECLINED'],
          [declined.id, 'PATHWAY_HANDED_OVER'],
        ].sort(),
      );
      await mutate(REACTIVATE, { input: { userId: leaving.id } }, accounts.adminToken);
      const back = (await signIn(leaving.email, leaving.password)).tokens!.accessToken;
      expect(await t.api.data('{ pathways { totalCount } referentReports { totalCount } }', {}, { token: back })).toEqual({ pathways: { totalCount: 0 }, referentReports: { totalCount: 0 } });
      expect(errorCodes(await t.api.request('query ($id: ID!) { pathway(id: $id) { id } }', { id: open.id }, { token: back }))).toEqual(['NOT_FOUND']);
    });

    it('refuses a successor who cannot take the work, beside its field, and writes nothing', async () => {
      const manager = await accounts.user('MANAGER');
      const leaving = await accounts.user('COUNSELLOR');
      const referent = await accounts.user('REFERENT');
      await journey.acceptAndSchedule(leaving, (await journey.refer(referent)).id);
      const elsewhere = await accounts.user('COUNSELLOR', { organisationId: await accounts.organisation('OPERATOR') });
      const gone = await accounts.user('COUNSELLOR');
      await mutate(DEACTIVATE, { input: { userId: gone.id } }, accounts.adminToken);
      const before = { rows: await rows(), held: await held(leaving.id) };
      for (const [successorId, token, code] of [
        [elsewhere.id, accounts.adminToken, 'INVALID_SUCCESSOR'],
        [elsewhere.id, manager.token, 'NOT_FOUND'],
        [referent.id, accounts.adminToken, 'INVALID_SUCCESSOR'],
        [gone.id, accounts.adminToken, 'INVALID_SUCCESSOR'],
        [leaving.id, accounts.adminToken, 'INVALID_SUCCESSOR'],
        ['not-an-id', accounts.adminToken, 'NOT_FOUND'],
      ]) {
        const refused = await mutate<Result>(DEACTIVATE, { input: { userId: leaving.id, successorId } }, token);
        expect({ successorId, errors: refused.userErrors.map(({ code: found, field }) => ({ code: found, field })) }).toEqual({ successorId, errors: [{ code, field: ['input', 'successorId'] }] });
      }
      expect({ rows: await rows(), held: await held(leaving.id) }).toEqual(before);
    });
  });
});

describe('account lifecycle without SMTP_URL', () => {
  let t: TestApp;
  let accounts: AccountsFixture;

  beforeAll(async () => {
    t = await startTestApp();
    accounts = await new AccountsFixture(t.api).init();
  });
  afterAll(() => t?.close());

  it('needs an initial password (no invitation can go), and answers reset requests the same, writing no link', async () => {
    const created = await t.api.data<{ createUser: Result }>(CREATE, { input: { organisationId: accounts.operatorId, role: 'COUNSELLOR', email: 'sans-mail@parcours.test', fullName: 'Sans Mail' } }, { token: accounts.adminToken });
    expect(created.createUser.userErrors).toEqual([{ code: 'INVITATION_NEEDS_MAIL', field: ['input', 'initialPassword'] }]);
    const counsellor = await accounts.user('COUNSELLOR');
    const answered = await t.api.data(REQUEST, { email: counsellor.email });
    expect(answered).toEqual({ requestPasswordReset: { requested: true, userErrors: [] } });
    expect(await t.orm.em.fork().count(AccountToken, {})).toBe(0);
  });
});
