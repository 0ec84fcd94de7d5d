import { BadRequestException, Controller, Delete, ForbiddenException, HttpCode, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { AuthService, type IssuedTokens } from '@parcours/accounts';
import { Clock, DomainError } from '@parcours/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorators';
import { LOGIN_EMAIL_MAX, LOGIN_PASSWORD_MAX } from './accounts.types';

/** The cookie that keeps the console's refresh token; only this controller's paths receive it. */
const REFRESH_COOKIE = 'parcours_refresh';
const COOKIE_PATH = '/session';

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
    private readonly clock: Clock,
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

  /** Signs out: ends the cookie's session on the server (its refresh token is refused from now on), and clears the cookie. */
  @Delete()
  @HttpCode(204)
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    sameOrigin(request);
    const token = request.cookies[REFRESH_COOKIE];
    if (token) await this.auth.logoutByRefreshToken(token);
    reply.clearCookie(REFRESH_COOKIE, { path: COOKIE_PATH });
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
