import { AccountsFixture, type TestUser } from '../support/accounts';
import { returnFromProvider, startProvider, tripToProvider, type TestProvider } from '../support/oidc';
import { queryDatabase } from '../support/test-database';
import { startTestApp, type TestApp } from '../support/test-app';

// The provider redirects the browser there; the tests take its redirect and call the server themselves.
const REDIRECT = 'http://127.0.0.1:9/session/oidc/callback';
const HISTORY = 'query ($id: ID!) { user(id: $id) { oidcLinked history { type } } }';

let counter = 0;
const subject = () => `agent-${Date.now().toString(36)}-${counter++}`;

describe('signing in through ProConnect (a real OpenID Connect provider configured like it)', () => {
  let provider: TestProvider;
  let t: TestApp;
  let accounts: AccountsFixture;

  beforeAll(async () => {
    provider = await startProvider({ mode: 'proconnect', redirectUrl: REDIRECT });
    t = await startTestApp({ env: provider.env(REDIRECT) });
    accounts = await new AccountsFixture(t.api).init();
  });

  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

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
});
