import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_CSP } from '../../apps/api/src/http/console';
import { CONSOLE_DIR } from '../../apps/api/src/project';
import { AccountsFixture, type TestUser } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The value of the refresh cookie a response set, and the attributes it was set with. */
function refreshCookie(response: Response): { value: string; attributes: string } | undefined {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('parcours_refresh='));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split('; ');
  return { value: pair.slice('parcours_refresh='.length), attributes: attributes.join('; ') };
}

describe('the console’s session routes and pages', () => {
  let t: TestApp;
  let accounts: AccountsFixture;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    accounts = await new AccountsFixture(t.api).init();
    user = await accounts.user('REFERENT');
  });

  afterAll(() => t.close());

  const signIn = (body: unknown, headers: Record<string, string> = JSON_HEADERS) =>
    fetch(`${t.url}/session`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const refresh = (cookie: string | undefined, headers: Record<string, string> = JSON_HEADERS) =>
    fetch(`${t.url}/session/refresh`, { method: 'POST', headers: { ...headers, ...(cookie ? { cookie: `parcours_refresh=${cookie}` } : {}) }, body: '{}' });

  it('signs in: the access token in the body, the refresh token only in an HttpOnly, Secure, SameSite=Strict cookie for /session', async () => {
    const response = await signIn({ email: user.email, password: user.password });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'accessTokenExpiresAt', 'accessTokenExpiresIn']);
    expect(body.accessTokenExpiresIn).toBe(15 * 60);
    const cookie = refreshCookie(response)!;
    expect(cookie.attributes.split('; ').sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/session', 'SameSite=Strict', 'Secure']);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const me = await t.api.data<{ me: { email: string } }>('{ me { email } }', undefined, { token: String(body.accessToken) });
    expect(me.me.email).toBe(user.email);
  });

  it('refuses wrong credentials with their code, and sets no cookie', async () => {
    const response = await signIn({ email: user.email, password: 'not-the-password' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(refreshCookie(response)).toBeUndefined();
    for (const body of [{ email: 42 }, { email: user.email, password: '' }, { email: user.email, password: 'x'.repeat(257) }, { email: `${'a'.repeat(250)}@x.fr`, password: 'x' }]) {
      const malformed = await signIn(body);
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(refreshCookie(malformed)).toBeUndefined();
    }
  });

  it('rotates the cookie on refresh; a refresh token used twice ends the session and clears the cookie', async () => {
    const first = refreshCookie(await signIn({ email: user.email, password: user.password }))!.value;
    const refreshed = await refresh(first);
    expect(refreshed.status).toBe(200);
    const second = refreshCookie(refreshed)!.value;
    expect(second).not.toBe(first);
    const reused = await refresh(first);
    expect(reused.status).toBe(401);
    expect(await reused.json()).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    expect(refreshCookie(reused)?.value).toBe('');
    // The reuse ended the session: the rotated token is refused too.
    expect((await refresh(second)).status).toBe(401);
    const none = await refresh(undefined);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses what another site’s page could send: another Origin, a body that is not JSON', async () => {
    const cookie = refreshCookie(await signIn({ email: user.email, password: user.password }))!.value;
    const foreign = await refresh(cookie, { ...JSON_HEADERS, origin: 'https://attacker.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(refreshCookie(foreign)).toBeUndefined();
    const plain = await signIn(JSON.stringify({ email: user.email, password: user.password }), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(403);
    expect(refreshCookie(plain)).toBeUndefined();
    const form = await signIn(`email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(user.password)}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(refreshCookie(form)).toBeUndefined();
    // The console's own origin is accepted, and the cookie still works.
    expect((await refresh(cookie, { ...JSON_HEADERS, origin: t.url })).status).toBe(200);
  });

  it('forgets the cookie on DELETE /session', async () => {
    const response = await fetch(`${t.url}/session`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    // A password session: no identity provider to sign out of.
    expect(await response.json()).toEqual({ providerLogoutUrl: null });
    expect(refreshCookie(response)).toMatchObject({ value: '' });
  });

  it('ends the session on the server on DELETE /session: a refresh cookie captured before is refused, and the access token too', async () => {
    const signedIn = await signIn({ email: user.email, password: user.password });
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const captured = refreshCookie(signedIn)!.value;
    const other = refreshCookie(await signIn({ email: user.email, password: user.password }))!.value;
    const out = await fetch(`${t.url}/session`, { method: 'DELETE', headers: { cookie: `parcours_refresh=${captured}` } });
    expect(out.status).toBe(200);
    const replayed = await refresh(captured);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    expect((await t.api.request('{ me { id } }', undefined, { token: accessToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // Only that session: another sign-in of the same person goes on.
    expect((await refresh(other)).status).toBe(200);
    // A cookie that is not a session's current token ends nothing.
    expect((await fetch(`${t.url}/session`, { method: 'DELETE', headers: { cookie: `parcours_refresh=${captured.split('.')[0]}.forged` } })).status).toBe(200);
  });

  describe('the built console at /', () => {
    beforeAll(() => {
      if (!existsSync(join(CONSOLE_DIR, 'index.html'))) throw new Error(`No console built in ${CONSOLE_DIR}: run npm run build:web first (npm test does).`);
    });

    const page = (path: string) => fetch(`${t.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml' } });

    it('answers its page with a strict Content-Security-Policy, and the page has no inline script', async () => {
      const response = await page('/');
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const html = await response.text();
      expect(html).toContain('<div id="root">');
      expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    });

    it('answers the same page at any address of the console (the e-mail’s /reports/:id), and JSON 404s under the API’s paths', async () => {
      const index = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
      for (const path of ['/reports/4b0c1a52-8d5e-4c56-9d1e-0f0e9c1d2a3b', '/parcours', '/connexion?retour=%2Freports']) {
        const response = await page(path);
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(index);
      }
      for (const path of ['/graphql/nothing', '/health/nothing', '/exports/nothing.csv', '/session/nothing', '/assets/missing.js']) {
        const response = await page(path);
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
      }
      const api = await fetch(`${t.url}/parcours`, { headers: { accept: 'application/json' } });
      expect(api.status).toBe(404);
    });

    it('answers its page to a client that accepts anything (curl sends */*), but a missing file stays a 404', async () => {
      const index = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
      for (const path of ['/', '/parcours']) {
        const response = await fetch(`${t.url}${path}`, { headers: { accept: '*/*' } });
        expect(response.status).toBe(200);
        expect(await response.text()).toBe(index);
      }
      for (const path of ['/robots.txt', '/favicon.ico', '/graphql/nothing']) {
        const response = await fetch(`${t.url}${path}`, { headers: { accept: '*/*' } });
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
      }
    });

    it('keeps its own policy in production, where helmet sets a default one on everything else', async () => {
      const production = await startTestApp({ env: { NODE_ENV: 'production' } });
      try {
        for (const path of ['/', '/reports/4b0c1a52-8d5e-4c56-9d1e-0f0e9c1d2a3b', `/assets/${readdirSync(join(CONSOLE_DIR, 'assets'))[0]}`]) {
          const response = await fetch(`${production.url}${path}`, { headers: { accept: 'text/html' } });
          expect(response.status).toBe(200);
          expect(response.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
        }
        const health = await fetch(`${production.url}/health/live`);
        expect(health.headers.get('content-security-policy')).not.toBe(CONSOLE_CSP);
      } finally {
        await production.close();
      }
    });

    it('serves hashed assets cached for a year', async () => {
      const asset = readdirSync(join(CONSOLE_DIR, 'assets')).find((name) => name.endsWith('.js'))!;
      const response = await fetch(`${t.url}/assets/${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toMatch(/javascript/);
    });
  });
});
