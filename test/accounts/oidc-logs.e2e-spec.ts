import { AccountsFixture } from '../support/accounts';
import { GraphqlClient } from '../support/graphql-client';
import { returnFromProvider, startProvider, tripToProvider, type TestProvider } from '../support/oidc';
import { productionEnv, startServer, type ServerProcess } from '../support/server-process';
import { TEST_ADMIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const REDIRECT = 'http://127.0.0.1:9/session/oidc/callback';

/** A server process signing people in through a real provider, its every log line read: no code, state, token or ID token. */
describe('the logs of signing in through ProConnect', () => {
  let database: TestDatabase;
  let provider: TestProvider;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    provider = await startProvider({ mode: 'proconnect', redirectUrl: REDIRECT });
    server = await startServer({ ...productionEnv(database.url, TEST_ADMIN.email, TEST_ADMIN.password), LOG_LEVEL: 'debug', ...provider.env(REDIRECT) });
  });

  afterAll(async () => {
    if (server?.child.exitCode === null) await server.stop();
    await provider?.stop();
    await database?.drop();
  });

  it('writes no code, state, nonce, access, refresh or ID token, nor the e-mail, in any line, signed in, refused or signed out', async () => {
    const accounts = await new AccountsFixture(new GraphqlClient(server.url)).init();
    const referent = await accounts.user('REFERENT');
    await provider.setAgent('logged', { email: referent.email });
    const secrets: string[] = [];
    const trip = await tripToProvider(server.url, 'logged');
    secrets.push(...['code', 'state'].map((name) => trip.callbackUrl.searchParams.get(name)!), trip.attemptCookie);
    const back = await returnFromProvider(server.url, trip);
    expect(back.location).toBe('/');
    secrets.push(back.refreshCookie!);
    // A refused one: the code replayed.
    expect((await returnFromProvider(server.url, trip)).location).toBe('/connexion/refus?raison=OIDC_CODE_REFUSED');
    const out = await fetch(`${server.url}/session`, { method: 'DELETE', headers: { cookie: `parcours_refresh=${back.refreshCookie}` } });
    const logout = new URL(((await out.json()) as { providerLogoutUrl: string }).providerLogoutUrl);
    const idToken = logout.searchParams.get('id_token_hint')!;
    secrets.push(idToken, ...idToken.split('.'));
    await provider.setAgent('unknown', { email: 'nobody.logged@example.gouv.fr' });
    expect((await returnFromProvider(server.url, await tripToProvider(server.url, 'unknown'))).location).toBe('/connexion/refus?raison=OIDC_NO_ACCOUNT');

    const lines = server.output();
    expect(lines).toContain('/session/oidc/callback');
    for (const secret of secrets) expect(lines).not.toContain(secret);
    expect(lines).not.toContain(referent.email);
    expect(lines).not.toContain('nobody.logged');
  });
});
