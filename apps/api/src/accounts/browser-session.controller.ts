import { BadRequestException, Controller, Delete, ForbiddenException, Get, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { AuthService, OidcSignIn, type IssuedTokens } from '@parcours/accounts';
import { AppConfig } from '@parcours/config';
import { Clock, DomainError } from '@parcours/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorators';
import { LOGIN_EMAIL_MAX, LOGIN_PASSWORD_MAX } from './accounts.types';

/** The cookie that keeps the console's refresh token; only this controller's paths receive it. */
const REFRESH_COOKIE = 'parcours_refresh';
const COOKIE_PATH = '/session';
/** The attempt of a sign-in through the identity provider, between leaving for it and coming back. */
const OIDC_COOKIE = 'parcours_oidc';
const OIDC_PATH = '/session/oidc';
/** Where the console says, in French, why a sign-in through the provider was refused. */
const OIDC_REFUSED_PAGE = '/connexion/refus';

/**
 * The console's sessions (the one non-GraphQL route besides health and exports). The browser never
 * holds the refresh token: signing in here answers the access token in the body and puts the refresh
 * token in an HttpOnly, Secure, SameSite=Strict cookie scoped to /session, which POST /session/refresh
 * trades for a new pair. Against cross-site requests: the cookie is never sent by another site
 * (SameSite=Strict), every route takes JSON only (a form or a plain link cannot send it without a
 * CORS preflight, which is never granted), and an Origin header naming another host is refused;
 * the access token is answered in the body, which another site cannot read.
 */
@Public()
@Controller('session')
export class BrowserSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly oidc: OidcSignIn,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Signs in: { email, password } → { accessToken, accessTokenExpiresAt, accessTokenExpiresIn }, the cookie set. */
  @Post()
  @HttpCode(200)
  async signIn(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessToken> {
    sameOrigin(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fits = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;
    if (!fits(body.email, LOGIN_EMAIL_MAX) || !fits(body.password, LOGIN_PASSWORD_MAX)) {
      throw new BadRequestException({ statusCode: 400, code: 'BAD_USER_INPUT', message: `Send { "email": "…", "password": "…" } as JSON (at most ${LOGIN_EMAIL_MAX} and ${LOGIN_PASSWORD_MAX} characters).` });
    }
    return this.issued(reply, await this.auth.login(body.email, body.password, request.ip));
  }

  /** Trades the cookie's refresh token for new tokens; without a valid one, 401 and the cookie cleared. */
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessToken> {
    sameOrigin(request);
    const token = request.cookies[REFRESH_COOKIE];
    try {
      if (!token) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'No session to resume: sign in.' });
      return this.issued(reply, await this.auth.refresh(token));
    } catch (error) {
      reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
      if (error instanceof DomainError) throw new UnauthorizedException({ statusCode: 401, code: error.code, message: error.message });
      throw error;
    }
  }

  /**
   * Signs out: ends the cookie's session on the server (its refresh token is refused from now on), and
   * clears the cookie. A session opened through the identity provider answers the provider's logout
   * page (`{ providerLogoutUrl }`, with its ID token as id_token_hint), where the console goes next.
   */
  @Delete()
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ providerLogoutUrl: string | null }> {
    sameOrigin(request);
    const token = request.cookies[REFRESH_COOKIE];
    const { idToken } = token ? await this.auth.logoutByRefreshToken(token) : { idToken: null };
    reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
    reply.header('cache-control', 'no-store');
    return { providerLogoutUrl: await this.oidc.logoutUrl(idToken).catch(() => null) };
  }

  /** Whether the console offers the identity provider, and its name: { providerName } (null when off). */
  @Get('oidc')
  oidcStatus(): { providerName: string | null } {
    return { providerName: this.config.oidc?.providerName ?? null };
  }

  /**
   * Starts a sign-in through the identity provider: { invitation? } (an invitation's token, to accept
   * it) → { url } to send the browser to; the attempt (state, nonce, PKCE verifier) in a signed,
   * short-lived HttpOnly cookie, SameSite=Lax: a Strict one would not come back with the provider's
   * redirect, which another site's page makes.
   */
  @Post('oidc')
  @HttpCode(200)
  async beginOidc(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ url: string }> {
    sameOrigin(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.invitation !== undefined && (typeof body.invitation !== 'string' || body.invitation.length > 200)) {
      throw new BadRequestException({ statusCode: 400, code: 'BAD_USER_INPUT', message: 'Send {} or { "invitation": "…" } as JSON.' });
    }
    const started = await this.oidc.begin(body.invitation as string | undefined);
    reply.setCookie(OIDC_COOKIE, started.cookie, { httpOnly: true, secure: true, sameSite: 'lax', path: OIDC_PATH, maxAge: started.maxAgeSeconds });
    reply.header('cache-control', 'no-store');
    return { url: started.url };
  }

  /**
   * The provider's redirect back: the session opened as a password sign-in opens it (the Strict
   * refresh cookie; the console trades it for an access token as after a reload), then the console's
   * inbox; a refusal goes to the console's page that says why, by its code. The attempt's cookie is
   * spent either way. The request log keeps the path alone, never the code or the state.
   */
  @Get('oidc/callback')
  async finishOidc(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const attempt = request.cookies[OIDC_COOKIE];
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
    reply.header('cache-control', 'no-store');
    try {
      const tokens = await this.oidc.finish(new URL(request.url, this.config.oidc?.redirectUrl ?? 'http://localhost'), attempt, request.ip);
      this.issued(reply, tokens);
      await reply.redirect('/', 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await reply.redirect(`${OIDC_REFUSED_PAGE}?raison=${encodeURIComponent(error.code)}`, 303);
    }
  }

  private issued(reply: FastifyReply, tokens: IssuedTokens): AccessToken {
    // Lifetimes are sent as durations (Max-Age, expiresIn): the browser's clock may not be the server's.
    const secondsUntil = (at: Date) => Math.max(0, Math.floor((at.getTime() - this.clock.now().getTime()) / 1000));
    reply.setCookie(REFRESH_COOKIE, tokens.refreshToken, {
      httpOnly: true,
      secure: true,
      sameSite: 'strict',
      path: COOKIE_PATH,
      maxAge: secondsUntil(tokens.refreshTokenExpiresAt),
    });
    reply.header('cache-control', 'no-store');
    return {
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
      accessTokenExpiresIn: secondsUntil(tokens.accessTokenExpiresAt),
    };
  }
}

interface AccessToken {
  accessToken: string;
  accessTokenExpiresAt: string;
  /** Seconds. */
  accessTokenExpiresIn: number;
}

/** Refuses a request another site's page made: JSON only, and an Origin, when sent, of this host. */
function sameOrigin(request: FastifyRequest): void {
  const json = /^application\/json\b/i.test(request.headers['content-type'] ?? '');
  const origin = request.headers.origin;
  let host: string | undefined;
  try {
    host = origin ? new URL(origin).host : undefined;
  } catch {
    host = 'unparsable';
  }
  if ((request.method !== 'DELETE' && !json) || (host !== undefined && host !== request.host)) {
    throw new ForbiddenException({ statusCode: 403, code: 'FORBIDDEN', message: 'Only the console, on this address, may use this route, with a JSON body.' });
  }
}
