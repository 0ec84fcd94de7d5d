import { spawn } from 'node:child_process';
import { join } from 'node:path';

const PROVIDER = join(__dirname, '../../scripts/oidc-provider/test-provider.mjs');

/** The claims of an agent at the provider, ProConnect's names. */
export interface AgentClaims {
  email: string;
  given_name?: string;
  usual_name?: string;
  email_verified?: boolean;
  [claim: string]: unknown;
}

/** A real OpenID Connect provider (oidc-provider), in its own process on 127.0.0.1. */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The server's settings that point at this provider. */
  env(redirectUrl: string, vouches?: boolean): Record<string, string>;
  setAgent(subject: string, claims: AgentClaims): Promise<void>;
  /** The next ID tokens signed by another key, or expired; null: as they should be. */
  tamper(idToken: 'foreign-key' | 'expired' | null): Promise<void>;
  stop(): Promise<void>;
}

export async function startProvider(options: { mode: 'proconnect' | 'verified'; redirectUrl: string }): Promise<TestProvider> {
  const clientId = 'parcours-test';
  const clientSecret = 'a-client-secret-for-the-tests';
  const child = spawn(process.execPath, [PROVIDER], {
    env: { PATH: process.env.PATH ?? '', OIDC_TEST_MODE: options.mode, OIDC_TEST_CLIENT_ID: clientId, OIDC_TEST_CLIENT_SECRET: clientSecret, OIDC_TEST_REDIRECT_URL: options.redirectUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The test provider did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /OIDC provider listening on (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`The test provider exited (${String(code)}):\n${output}`)));
  });
  const put = async (path: string, body: unknown) => {
    const response = await fetch(`${issuer}${path}`, { method: 'PUT', body: JSON.stringify(body) });
    if (response.status !== 204) throw new Error(`test provider: ${path} answered ${response.status}`);
  };
  return {
    issuer,
    clientId,
    clientSecret,
    env: (redirectUrl, vouches = options.mode === 'proconnect') => ({
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URL: redirectUrl,
      OIDC_VOUCHES_FOR_EMAILS: String(vouches),
    }),
    setAgent: (subject, claims) => put(`/__test/accounts/${encodeURIComponent(subject)}`, claims),
    tamper: (idToken) => put('/__test/tamper', { idToken }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Cookies as a browser keeps them for one site, by name. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** A browser's trip to the provider and back, through HTTP: what the callback gets, and the attempt's cookie. */
export interface ProviderTrip {
  /** The provider's redirect to the server's callback, with its code and state. */
  callbackUrl: URL;
  /** The server's attempt cookie, as the browser holds it. */
  attemptCookie: string;
}

/**
 * Starts a sign-in at the server (POST /session/oidc), signs the agent in at the provider, and
 * stops at the provider's redirect to the callback. `alter` changes the authorization URL before
 * the browser follows it (a test's forged nonce).
 */
export async function tripToProvider(appUrl: string, subject: string, options: { invitation?: string; alter?: (url: URL) => void } = {}): Promise<ProviderTrip> {
  const started = await fetch(`${appUrl}/session/oidc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.invitation ? { invitation: options.invitation } : {}) });
  if (started.status !== 200) throw new Error(`POST /session/oidc answered ${started.status}: ${await started.text()}`);
  const app = new CookieJar();
  app.take(started);
  const attemptCookie = app.get('parcours_oidc');
  if (!attemptCookie) throw new Error('no attempt cookie');
  let url = new URL(((await started.json()) as { url: string }).url);
  options.alter?.(url);
  const provider = new CookieJar();
  for (let hop = 0; hop < 10; hop++) {
    if (url.pathname.endsWith('/session/oidc/callback')) return { callbackUrl: url, attemptCookie };
    const login = /^\/interaction\/[\w-]+$/.test(url.pathname);
    if (login) {
      const page = await fetch(url, { headers: { cookie: provider.header() }, redirect: 'manual' });
      provider.take(page);
      url = new URL(`${url.pathname}/login`, url);
    }
    const response = await fetch(url, {
      method: login ? 'POST' : 'GET',
      headers: { cookie: provider.header(), ...(login ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: login ? new URLSearchParams({ login: subject }).toString() : undefined,
      redirect: 'manual',
    });
    provider.take(response);
    const location = response.headers.get('location');
    if (!location) throw new Error(`The provider answered ${response.status} at ${url.pathname}: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('Too many redirects at the provider');
}

/** The browser back at the server's callback: its answer (a 303 to the console, a refresh cookie when signed in). */
export async function returnFromProvider(appUrl: string, trip: ProviderTrip): Promise<{ status: number; location: string | null; refreshCookie: string | undefined }> {
  const response = await fetch(`${appUrl}${trip.callbackUrl.pathname}${trip.callbackUrl.search}`, { headers: { cookie: `parcours_oidc=${trip.attemptCookie}` }, redirect: 'manual' });
  const jar = new CookieJar();
  jar.take(response);
  return { status: response.status, location: response.headers.get('location'), refreshCookie: jar.get('parcours_refresh') };
}
