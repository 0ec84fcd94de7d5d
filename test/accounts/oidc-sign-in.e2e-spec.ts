import { AuthService } from '@parcours/accounts';
import { AccountsFixture, LOGIN, type TestUser } from '../support/accounts';
import { returnFromProvider, startProvider, tripToProvider, type TestProvider } from '../support/oidc';
import { eventually, TestSmtp, type ReceivedMail } from '../support/smtp';
import { queryDatabase } from '../support/test-database';
import { startTestApp, type TestApp } from '../support/test-app';

// The provider redirects the browser there; the tests take its redirect and call the server themselves.
const REDIRECT = 'http://127.0.0.1:9/session/oidc/callback';
const HISTORY = 'query ($id: ID!) { user(id: $id) { oidcLinked history { type } } }';

let counter = 0;
const subject = () => `agent-${Date.now().toString(36)}-${counter++}`;

/**
 * A provider of this mode and a test server pointed at it, for the enclosing describe: started
 * before its tests (with the environment `env` gives then), stopped after.
 */
function providerAndServer(mode: 'proconnect' | 'verified', env: () => Record<string, string> = () => ({})): { provider: TestProvider; t: TestApp; accounts: AccountsFixture } {
  const the = {} as { provider: TestProvider; t: TestApp; accounts: AccountsFixture };
  beforeAll(async () => {
    the.provider = await startProvider({ mode, redirectUrl: REDIRECT });
    the.t = await startTestApp({ env: { ...the.provider.env(REDIRECT), ...env() } });
    the.accounts = await new AccountsFixture(the.t.api).init();
  });
  afterAll(async () => {
    await the.t?.close();
    await the.provider?.stop();
  });
  return the;
}

describe('signing in through ProConnect (a real OpenID Connect provider configured like it)', () => {
  let provider: TestProvider;
  let t: TestApp;
  let accounts: AccountsFixture;

  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
  });
  const started = providerAndServer('proconnect', () => ({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://parcours.test', OUTBOX_RETRY_BASE_SECONDS: '1' }));
  beforeAll(() => {
    ({ provider, t, accounts } = started);
  });
  afterAll(() => smtp?.down());

  /** The whole trip: provider, callback; the callback's answer. */
  const signInAs = async (sub: string) => returnFromProvider(t.url, await tripToProvider(t.url, sub));
  /** The refresh cookie traded for an access token, as the console does after the redirect. */
  const accessTokenOf = async (refreshCookie: string) => {
    const response = await fetch(`${t.url}/session/refresh`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `parcours_refresh=${refreshCookie}` }, body: '{}' });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const meWith = async (token: string) => (await t.api.data<{ me: { id: string } }>('{ me { id } }', undefined, { token })).me.id;
  const historyOf = async (user: TestUser) => (await t.api.data<{ user: { oidcLinked: boolean; history: { type: string }[] } }>(HISTORY, { id: user.id }, { token: accounts.adminToken })).user;
  const counts = async () => {
    const [row] = await queryDatabase<Record<string, number>>(t.config.database.url, 'select (select count(*) from app_user) as users, (select count(*) from session) as sessions, (select count(*) from account_event) as events');
    return { users: Number(row.users), sessions: Number(row.sessions), events: Number(row.events) };
  };

  it('links an account by the e-mail ProConnect vouches for (in its signed userinfo, no email_verified), then opens the same session as a password', async () => {
    const referent = await accounts.user('REFERENT');
    const sub = subject();
    await provider.setAgent(sub, { email: referent.email.toUpperCase(), given_name: 'Agnès', usual_name: 'Agent' });
    const back = await signInAs(sub);
    expect(back).toMatchObject({ status: 303, location: '/' });
    expect(back.refreshCookie).toBeDefined();
    expect(await meWith(await accessTokenOf(back.refreshCookie!))).toBe(referent.id);
    expect(await historyOf(referent)).toEqual({ oidcLinked: true, history: [{ type: 'SIGNED_IN' }, { type: 'OIDC_LINKED' }, { type: 'SIGNED_IN' }, { type: 'CREATED' }] });
  });

  it('finds the account by the provider\'s subject thereafter, even when the e-mail changed at the provider', async () => {
    const referent = await accounts.user('REFERENT');
    const sub = subject();
    await provider.setAgent(sub, { email: referent.email });
    expect((await signInAs(sub)).location).toBe('/');
    await provider.setAgent(sub, { email: `renamed.${referent.email}` });
    const again = await signInAs(sub);
    expect(again.location).toBe('/');
    expect(await meWith(await accessTokenOf(again.refreshCookie!))).toBe(referent.id);
    // Another subject with the first address links nothing: the account has its subject.
    const other = subject();
    await provider.setAgent(other, { email: referent.email });
    expect((await signInAs(other)).location).toBe('/connexion/refus?raison=OIDC_NO_ACCOUNT');
  });

  it('creates nothing for an address no account has: the refusal page, and no user, session or history written', async () => {
    const sub = subject();
    await provider.setAgent(sub, { email: `inconnu.${sub}@administration.gouv.fr` });
    const before = await counts();
    const back = await signInAs(sub);
    expect(back).toEqual({ status: 303, location: '/connexion/refus?raison=OIDC_NO_ACCOUNT', refreshCookie: undefined });
    expect(await counts()).toEqual(before);
  });

  it('refuses a deactivated account, and links nothing', async () => {
    const referent = await accounts.user('REFERENT');
    await t.api.data('mutation ($id: ID!) { deactivateUser(input: { userId: $id }) { userErrors { code } } }', { id: referent.id }, { token: accounts.adminToken });
    const sub = subject();
    await provider.setAgent(sub, { email: referent.email });
    expect(await signInAs(sub)).toEqual({ status: 303, location: '/connexion/refus?raison=ACCOUNT_DEACTIVATED', refreshCookie: undefined });
    expect((await historyOf(referent)).oidcLinked).toBe(false);
  });

  it('refuses a tampered state, a replayed code, a wrong nonce, an ID token signed by another key or expired, and a missing attempt, each with its code', async () => {
    const referent = await accounts.user('REFERENT');
    const sub = subject();
    await provider.setAgent(sub, { email: referent.email });
    const refused = (code: string) => ({ status: 303, location: `/connexion/refus?raison=${code}`, refreshCookie: undefined });

    const tampered = await tripToProvider(t.url, sub);
    tampered.callbackUrl.searchParams.set('state', `${tampered.callbackUrl.searchParams.get('state')}x`);
    expect(await returnFromProvider(t.url, tampered)).toEqual(refused('OIDC_STATE_MISMATCH'));

    const trip = await tripToProvider(t.url, sub);
    expect((await returnFromProvider(t.url, trip)).location).toBe('/');
    expect(await returnFromProvider(t.url, trip)).toEqual(refused('OIDC_CODE_REFUSED'));

    const forged = await tripToProvider(t.url, sub, { alter: (url) => url.searchParams.set('nonce', 'a-nonce-of-another-sign-in') });
    expect(await returnFromProvider(t.url, forged)).toEqual(refused('OIDC_NONCE_MISMATCH'));

    for (const tamper of ['foreign-key', 'expired'] as const) {
      await provider.tamper(tamper);
      try {
        expect(await returnFromProvider(t.url, await tripToProvider(t.url, sub))).toEqual(refused('OIDC_ID_TOKEN_INVALID'));
      } finally {
        await provider.tamper(null);
      }
    }

    const lost = await tripToProvider(t.url, sub);
    expect(await returnFromProvider(t.url, { ...lost, attemptCookie: '' })).toEqual(refused('OIDC_ATTEMPT_EXPIRED'));
    // Ten minutes later, the attempt's cookie no longer works.
    const late = await tripToProvider(t.url, sub);
    t.clock.advance(11 * 60_000);
    try {
      expect(await returnFromProvider(t.url, late)).toEqual(refused('OIDC_ATTEMPT_EXPIRED'));
    } finally {
      t.clock.advance(-11 * 60_000);
    }
  });

  it('sets the attempt cookie HttpOnly, SameSite=Lax, for the callback\'s path only, for 10 minutes; the session cookie as a password sign-in\'s', async () => {
    const started = await fetch(`${t.url}/session/oidc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const [cookie] = started.headers.getSetCookie();
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/session/oidc', 'SameSite=Lax', 'Secure']);
    const { url } = (await started.json()) as { url: string };
    const asked = new URL(url);
    expect(Object.fromEntries(['response_type', 'code_challenge_method', 'scope', 'redirect_uri'].map((name) => [name, asked.searchParams.get(name)]))).toEqual({
      response_type: 'code',
      code_challenge_method: 'S256',
      scope: 'openid email given_name usual_name',
      redirect_uri: REDIRECT,
    });
    // Only the console, with JSON, may start one.
    expect((await fetch(`${t.url}/session/oidc`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' })).status).toBe(403);
    expect((await fetch(`${t.url}/session/oidc`)).status).toBe(200);
    expect(await (await fetch(`${t.url}/session/oidc`)).json()).toEqual({ providerName: 'ProConnect' });
  });

  it('signs out at the provider too: DELETE /session answers its logout with the ID token as id_token_hint, once', async () => {
    const referent = await accounts.user('REFERENT');
    const sub = subject();
    await provider.setAgent(sub, { email: referent.email });
    const back = await signInAs(sub);
    const out = await fetch(`${t.url}/session`, { method: 'DELETE', headers: { cookie: `parcours_refresh=${back.refreshCookie}` } });
    const { providerLogoutUrl } = (await out.json()) as { providerLogoutUrl: string };
    const logout = new URL(providerLogoutUrl);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(logout.searchParams.get('id_token_hint')).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe('http://127.0.0.1:9/connexion');
    const again = await fetch(`${t.url}/session`, { method: 'DELETE', headers: { cookie: `parcours_refresh=${back.refreshCookie}` } });
    expect(await again.json()).toEqual({ providerLogoutUrl: null });
    const [row] = await queryDatabase<{ n: number }>(t.config.database.url, 'select count(*) as n from session where id_token is not null and ended_at is not null');
    expect(Number(row.n)).toBe(0);
    expect((await historyOf(referent)).history.slice(0, 2)).toEqual([{ type: 'SIGNED_OUT' }, { type: 'SIGNED_IN' }]);
    // The access log says it too, beside what the person read in the session: no token in it.
    const log = await t.api.data<{ auditLog: { edges: { node: { operation: string; action: string; objectType: string; fields: string[] } }[] } }>(
      'query ($userId: ID!) { auditLog(first: 5, filter: { userId: $userId }) { edges { node { operation action objectType fields } } } }',
      { userId: referent.id },
      { token: accounts.adminToken },
    );
    expect(log.auditLog.edges.map(({ node }) => node).slice(0, 2)).toEqual([
      { operation: 'sign-out', action: 'SIGN_OUT', objectType: 'Session', fields: [] },
      { operation: 'sign-in OIDC', action: 'SIGN_IN', objectType: 'Session', fields: [] },
    ]);
  });

  it('lets an ADMIN unlink an account: in its history, and its next sign-in links it again by e-mail', async () => {
    const referent = await accounts.user('REFERENT');
    const sub = subject();
    await provider.setAgent(sub, { email: referent.email });
    await signInAs(sub);
    const UNLINK = 'mutation ($id: ID!) { unlinkIdentityProvider(input: { userId: $id }) { user { oidcLinked } userErrors { code } } }';
    expect((await t.api.data<{ unlinkIdentityProvider: unknown }>(UNLINK, { id: referent.id }, { token: accounts.adminToken })).unlinkIdentityProvider).toEqual({ user: { oidcLinked: false }, userErrors: [] });
    expect((await t.api.data<{ unlinkIdentityProvider: { userErrors: { code: string }[] } }>(UNLINK, { id: referent.id }, { token: accounts.adminToken })).unlinkIdentityProvider.userErrors).toEqual([{ code: 'OIDC_NOT_LINKED' }]);
    expect((await historyOf(referent)).history[0]).toEqual({ type: 'OIDC_UNLINKED' });
    const other = subject();
    await provider.setAgent(other, { email: referent.email });
    expect((await signInAs(other)).location).toBe('/');
    expect((await historyOf(referent)).history.slice(0, 2)).toEqual([{ type: 'SIGNED_IN' }, { type: 'OIDC_LINKED' }]);
  });

  it('refuses the passwords of an organisation that requires ProConnect (never an ADMIN\'s), and sends its accounts no reset link', async () => {
    const prescriber = await accounts.organisation('PRESCRIBER');
    const referent = await accounts.user('REFERENT', { organisationId: prescriber });
    const UPDATE = 'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { oidcRequired } userErrors { code } } }';
    const name = (await t.api.data<{ organisation: { name: string } }>('query ($id: ID!) { organisation(id: $id) { name } }', { id: prescriber }, { token: accounts.adminToken })).organisation.name;
    expect((await t.api.data<{ updateOrganisation: unknown }>(UPDATE, { input: { id: prescriber, name, oidcRequired: true } }, { token: accounts.adminToken })).updateOrganisation).toEqual({ organisation: { oidcRequired: true }, userErrors: [] });
    const login = (email: string, password: string) => t.api.data<{ login: { tokens: unknown; userErrors: { code: string }[] } }>(LOGIN, { input: { email, password } });
    expect((await login(referent.email, referent.password)).login).toMatchObject({ tokens: null, userErrors: [{ code: 'OIDC_REQUIRED' }] });
    // A wrong password still says only that it is wrong.
    expect((await login(referent.email, 'not-the-password')).login.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_CREDENTIALS' })]);
    await t.api.data('mutation ($email: String!) { requestPasswordReset(input: { email: $email }) { requested } }', { email: referent.email });
    const sub = subject();
    await provider.setAgent(sub, { email: referent.email });
    expect((await signInAs(sub)).location).toBe('/');
    // The ADMIN signs in with a password whatever its organisation requires.
    const operatorName = (await t.api.data<{ organisation: { name: string } }>('query ($id: ID!) { organisation(id: $id) { name } }', { id: accounts.operatorId }, { token: accounts.adminToken })).organisation.name;
    await t.api.data(UPDATE, { input: { id: accounts.operatorId, name: operatorName, oidcRequired: true } }, { token: accounts.adminToken });
    try {
      expect((await login('admin@parcours.test', 'Parcours-test-2026')).login.userErrors).toEqual([]);
    } finally {
      await t.api.data(UPDATE, { input: { id: accounts.operatorId, name: operatorName, oidcRequired: false } }, { token: accounts.adminToken });
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.to(referent.email)).toEqual([]);
  });

  it('accepts an invitation through ProConnect instead of a password, when the e-mails match', async () => {
    const email = `invitee.${subject()}@parcours.test`;
    const CREATE = 'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id invitationPending } userErrors { code } } }';
    const created = await t.api.data<{ createUser: { user: { id: string } } }>(CREATE, { input: { organisationId: accounts.operatorId, role: 'COUNSELLOR', email, fullName: 'Inès Invitée' } }, { token: accounts.adminToken });
    const [mail] = await eventually(() => (smtp.to(email).length > 0 ? smtp.to(email) : null), 10_000, 'the invitation');
    const token = tokenOf(mail);
    // Someone else's ProConnect identity cannot take the invitation.
    const stranger = subject();
    const other = await accounts.user('COUNSELLOR');
    await provider.setAgent(stranger, { email: other.email });
    expect((await returnFromProvider(t.url, await tripToProvider(t.url, stranger, { invitation: token }))).location).toBe('/connexion/refus?raison=OIDC_INVITATION_MISMATCH');
    const sub = subject();
    await provider.setAgent(sub, { email });
    const back = await returnFromProvider(t.url, await tripToProvider(t.url, sub, { invitation: token }));
    expect(back.location).toBe('/');
    const seen = await t.api.data<{ user: { invitationPending: boolean; oidcLinked: boolean; history: { type: string }[] } }>('query ($id: ID!) { user(id: $id) { invitationPending oidcLinked history { type } } }', { id: created.createUser.user.id }, { token: accounts.adminToken });
    expect(seen.user).toEqual({ invitationPending: false, oidcLinked: true, history: [{ type: 'SIGNED_IN' }, { type: 'INVITATION_ACCEPTED' }, { type: 'OIDC_LINKED' }, { type: 'INVITED' }] });
    // The link is used up: it chooses no password afterwards.
    const reset = await t.api.data<{ resetPassword: { userErrors: { code: string }[] } }>('mutation ($token: String!) { resetPassword(input: { token: $token, newPassword: "Une-phrase-assez-longue-2026" }) { userErrors { code } } }', { token });
    expect(reset.resetPassword.userErrors).toEqual([{ code: 'INVALID_RESET_TOKEN' }]);
  });
});

function tokenOf(mail: ReceivedMail): string {
  const match = /https:\/\/parcours\.test\/invitation#(\S+)/.exec(mail.text);
  if (!match) throw new Error(`no link in: ${mail.text}`);
  return match[1];
}

describe('signing in through a provider that does not vouch for e-mails (email_verified)', () => {
  const the = providerAndServer('verified');

  it('links by an e-mail with email_verified true, never by an unverified one', async () => {
    const referent = await the.accounts.user('REFERENT');
    const unverified = subject();
    await the.provider.setAgent(unverified, { email: referent.email, email_verified: false });
    expect((await returnFromProvider(the.t.url, await tripToProvider(the.t.url, unverified))).location).toBe('/connexion/refus?raison=OIDC_EMAIL_NOT_VOUCHED');
    const verified = subject();
    await the.provider.setAgent(verified, { email: referent.email, email_verified: true });
    const back = await returnFromProvider(the.t.url, await tripToProvider(the.t.url, verified));
    expect(back.location).toBe('/');
    const user = await the.t.api.data<{ user: { oidcLinked: boolean } }>('query ($id: ID!) { user(id: $id) { oidcLinked } }', { id: referent.id }, { token: the.accounts.adminToken });
    expect(user.user.oidcLinked).toBe(true);
  });
});

describe('the provider\'s callback, throttled as password sign-ins are', () => {
  const the = providerAndServer('proconnect', () => ({ LOGIN_MAX_FAILURES_PER_IP: '3' }));

  it('counts each refused callback against the client address, and refuses even a good one once over the limit', async () => {
    const referent = await the.accounts.user('REFERENT');
    await the.provider.setAgent('known', { email: referent.email });
    await the.provider.setAgent('stranger', { email: 'stranger@example.gouv.fr' });
    const trip = async (sub: string) => (await returnFromProvider(the.t.url, await tripToProvider(the.t.url, sub))).location;
    expect(await trip('known')).toBe('/');
    for (let failure = 0; failure < 3; failure++) expect(await trip('stranger')).toBe('/connexion/refus?raison=OIDC_NO_ACCOUNT');
    expect(await trip('known')).toBe('/connexion/refus?raison=TOO_MANY_ATTEMPTS');
    // And a password from the same address too: one count for both ways in.
    const login = await the.t.api.data<{ login: { userErrors: { code: string }[] } }>(LOGIN, { input: { email: referent.email, password: referent.password } });
    expect(login.login.userErrors.map((error) => error.code)).toEqual(['TOO_MANY_ATTEMPTS']);
    the.t.clock.advance(16 * 60_000);
    expect(await trip('known')).toBe('/');
  });

  it('empties the ID token of a session that lapsed without being ended, at the sweep, and no other', async () => {
    // The clock moved on in the test before: the administrator signs in again.
    await the.accounts.init();
    const referent = await the.accounts.user('REFERENT');
    await the.provider.setAgent('lapsing', { email: referent.email });
    const trip = async () => (await returnFromProvider(the.t.url, await tripToProvider(the.t.url, 'lapsing'))).location;
    const kept = async () => Number((await queryDatabase<{ n: number }>(the.t.config.database.url, 'select count(*) as n from session where id_token is not null'))[0].n);
    // The sessions the test before opened, then one more: all three lapse 13 hours later.
    const before = await kept();
    expect(await trip()).toBe('/');
    the.t.clock.advance(13 * 3_600_000);
    expect(await trip()).toBe('/');
    expect(await kept()).toBe(before + 2);
    expect(await the.t.app.get(AuthService).forgetLapsedIdTokens()).toEqual({ emptied: before + 1 });
    expect(await the.t.app.get(AuthService).forgetLapsedIdTokens()).toEqual({ emptied: 0 });
    expect(await kept()).toBe(1);
  });
});
