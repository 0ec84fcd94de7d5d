/**
 * The signed-in session, in this tab's memory only: the access token is never written anywhere
 * the page could leave it (no localStorage). The refresh token stays in an HttpOnly cookie that
 * only the server's /session routes read; POST /session/refresh trades it for a fresh access token
 * a minute before the current one expires, or after a reload.
 */

interface Access {
  token: string;
  expiresAt: number;
}

/** A refusal of the session routes, by its stable code (see errors.ts for the words). */
export class SessionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const EARLY_MS = 60_000;
let access: Access | null = null;
let refreshing: Promise<Access | null> | null = null;
const lostListeners = new Set<() => void>();

async function post(path: string, body: unknown): Promise<Access> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const answer = (await response.json().catch(() => ({}))) as { accessToken?: string; accessTokenExpiresIn?: number; code?: string; message?: string };
  if (!response.ok || !answer.accessToken || answer.accessTokenExpiresIn === undefined) {
    throw new SessionError(answer.code ?? (response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'UNAUTHENTICATED'), answer.message ?? response.statusText);
  }
  // Counted on this machine's clock, which may differ from the server's.
  return { token: answer.accessToken, expiresAt: Date.now() + answer.accessTokenExpiresIn * 1000 };
}

export async function signIn(email: string, password: string): Promise<void> {
  access = await post('/session', { email, password });
}

/** A new access token from the cookie, or null when there is no session to resume. */
export function resume(): Promise<Access | null> {
  refreshing ??= post('/session/refresh', {})
    .then((fresh) => (access = fresh))
    .catch(() => (access = null))
    .finally(() => (refreshing = null));
  return refreshing;
}

/** The access token to send, refreshed first when it is about to expire; null when signed out. */
export async function accessToken(): Promise<string | null> {
  if (access && access.expiresAt - Date.now() > EARLY_MS) return access.token;
  if (!access) return null;
  return (await resume())?.token ?? null;
}

/**
 * Forgets the session here and the cookie on the server (the caller ends it with the logout
 * mutation first); a session opened through ProConnect answers the provider's logout page, where
 * the browser goes next (null otherwise).
 */
export async function forget(): Promise<string | null> {
  access = null;
  const response = await fetch('/session', { method: 'DELETE', credentials: 'same-origin' }).catch(() => null);
  const answer = (await response?.json().catch(() => null)) as { providerLogoutUrl?: string | null } | null;
  return answer?.providerLogoutUrl ?? null;
}

/** The identity provider this server offers (its name, as "ProConnect"), or null. */
export async function identityProvider(): Promise<string | null> {
  const response = await fetch('/session/oidc', { credentials: 'same-origin' }).catch(() => null);
  const answer = (await response?.json().catch(() => null)) as { providerName?: string | null } | null;
  return answer?.providerName ?? null;
}

/**
 * Leaves for the identity provider (an invitation's token, to accept it there): the server keeps
 * the attempt in a cookie and answers the provider's address; the provider sends the browser back
 * to /session/oidc/callback, which opens the session and lands on the console.
 */
export async function signInWithProvider(invitation?: string): Promise<void> {
  const response = await fetch('/session/oidc', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(invitation ? { invitation } : {}),
    credentials: 'same-origin',
  });
  const answer = (await response.json().catch(() => ({}))) as { url?: string; code?: string; message?: string };
  if (!response.ok || !answer.url) throw new SessionError(answer.code ?? 'OIDC_PROVIDER_ERROR', answer.message ?? response.statusText);
  window.location.assign(answer.url);
}

/** The server no longer accepts the session (expired, ended elsewhere, account deactivated). */
export function sessionLost(): void {
  access = null;
  for (const listener of lostListeners) listener();
}

export function onSessionLost(listener: () => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}
