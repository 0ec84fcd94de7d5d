import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditService } from '@parcours/audit';
import { AppConfig } from '@parcours/config';
import { Clock } from '@parcours/core';
import { Sweep, SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { addHours, addMinutes } from 'date-fns';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AccountsError, AccountsErrorCode } from '../accounts-error';
import type { Actor } from '@parcours/core';
import { AccountTokenEndReason, endAccountLinks } from '../recovery/account-token.entity';
import { SpentLink } from './spent-link.entity';
import type { OrganisationKind } from '@parcours/core';
import { Role } from '@parcours/core';
import { AccountEvent, AccountEventType, type SignInMethod } from '../users/account-event.entity';
import { emailKey, User } from '../users/user.entity';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import { Session, SessionEndReason } from './session.entity';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

interface AccessClaims {
  sub: string;
  sid: string;
  exp?: number;
  /** Set on a signed link (what it opens); never on an access token. */
  use?: string;
  /** A link's parameters, hashed: the link opens those and no others. */
  prm?: string;
  /** A link's id: it opens its resource once. */
  jti?: string;
}

/** Why a signed link is refused. */
export type LinkRefusal = typeof AccountsErrorCode.LINK_EXPIRED | typeof AccountsErrorCode.INVALID_LINK | typeof AccountsErrorCode.LINK_USED;

interface LiveSession {
  role: Role;
  organisation_id: string;
  kind: OrganisationKind;
}

const LIVE_SESSION = `select u.role, u.organisation_id, o.kind from session s
  join app_user u on u.id = s.user_id join organisation o on o.id = u.organisation_id
  where s.id = ? and s.user_id = ? and s.ended_at is null and u.deactivated_at is null`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Logins, sessions and tokens. Every access token is checked against its session on each request. */
@Injectable()
export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
  ) {}

  async login(email: string, password: string, ip: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const keys = this.throttle.keys(emailKey(email), ip);
    const { minutes, attempt } = await this.uow.run(null, ({ em }) => this.throttle.claim(em, keys, now));
    if (minutes > 0) {
      throw new AccountsError('TOO_MANY_ATTEMPTS', `Too many failed attempts: try again in ${minutes} minute(s).`);
    }
    const user = await this.uow.read(SYSTEM, (reads) => reads.findOne(User, { emailKey: emailKey(email) }, { populate: ['passwordHash', 'organisation'] }));
    // The password is checked outside any transaction: argon2 takes time, and SQLite has one writer.
    const valid = await this.hasher.verify(user?.passwordSet ? user.passwordHash : undefined, password);
    if (!user || !valid || !user.active) throw new AccountsError('INVALID_CREDENTIALS', 'Wrong e-mail address or password.');
    if (this.oidcRequired(user)) {
      await this.uow.run(null, ({ em }) => this.throttle.succeeded(em, keys, attempt));
      throw new AccountsError('OIDC_REQUIRED', `Your organisation signs in through ${this.config.oidc!.providerName}, not with a password.`);
    }
    return this.uow.run(null, async ({ em }) => {
      await this.throttle.succeeded(em, keys, attempt);
      return this.openSession(em, user, 'PASSWORD', now);
    });
  }

  /**
   * Whether the account must sign in through the identity provider: its organisation requires it
   * (and the provider is set up: without it nobody could sign in), and it is not an ADMIN's.
   */
  oidcRequired(user: Pick<User, 'role' | 'organisation'>): boolean {
    return this.config.oidc !== undefined && user.role !== Role.ADMIN && user.organisation.getEntity().oidcRequired;
  }

  /**
   * A session for an account proven by its password or by the identity provider, in the caller's
   * transaction, SIGNED_IN in its history; the tokens answered as a password sign-in's.
   */
  async openSession(em: EntityManager, user: User, via: SignInMethod, now: Date, idToken: string | null = null): Promise<IssuedTokens> {
    const refresh = this.newRefreshSecret();
    const session = new Session(em.getReference(User, user.id), sha256(refresh), this.refreshExpiry(now), now);
    session.via = via;
    session.idToken = idToken;
    em.persist(session);
    em.persist(new AccountEvent(em.getReference(User, user.id), AccountEventType.SIGNED_IN, user.id, now, { via }));
    await this.audit.recordSession({ userId: user.id, role: user.role, organisationId: user.organisation.id }, session.id, via === 'OIDC' ? 'sign-in OIDC' : 'sign-in PASSWORD');
    return this.issue(user.id, session, refresh, now);
  }

  /** Rotates the refresh token. A token used a second time ends its whole session. */
  async refresh(refreshToken: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const invalid = () => new AccountsError('INVALID_REFRESH_TOKEN', 'This refresh token is not valid: log in again.');
    const [sessionId, secret] = refreshToken.split('.');
    if (!UUID.test(sessionId ?? '') || !secret) throw invalid();
    // A refusal still commits what it did (a reused token ends its session): it is answered after.
    const rotated = await this.uow.run(null, async ({ em }) => {
      const session = await em.findOne(Session, sessionId, { populate: ['user'] });
      if (!session || !session.isLive(now) || !session.user.getEntity().active) return null;
      if (sha256(secret) !== session.refreshTokenHash) {
        session.end(SessionEndReason.REFRESH_TOKEN_REUSED, now);
        return null;
      }
      // Compare-and-swap: of two concurrent uses of one token, only one rotates it.
      const next = this.newRefreshSecret();
      const swapped = await em.nativeUpdate(
        Session,
        { id: session.id, refreshTokenHash: session.refreshTokenHash, endedAt: null },
        { refreshTokenHash: sha256(next), refreshExpiresAt: this.refreshExpiry(now), lastRefreshedAt: now },
      );
      if (swapped !== 1) {
        await em.nativeUpdate(Session, { id: session.id, endedAt: null }, { endedAt: now, endReason: SessionEndReason.REFRESH_TOKEN_REUSED });
        return null;
      }
      return { userId: session.user.id, next };
    });
    if (!rotated) throw invalid();
    return this.issue(rotated.userId, { id: sessionId, refreshExpiresAt: this.refreshExpiry(now) }, rotated.next, now);
  }

  /**
   * Ends the session a refresh token belongs to (signing out in the console, which holds no access
   * token then): its refresh token is refused afterwards. A token that is not the session's current
   * one ends nothing.
   */
  async logoutByRefreshToken(refreshToken: string): Promise<{ idToken: string | null }> {
    const [sessionId, secret] = refreshToken.split('.');
    if (!UUID.test(sessionId ?? '') || !secret) return { idToken: null };
    return this.uow.run(null, async ({ em, now }) => {
      // The ID token of a session opened through the provider, for its logout: kept past the logout
      // mutation (the console ends the session with it first), given once, here.
      const session = await em.findOne(Session, { id: sessionId, refreshTokenHash: sha256(secret) }, { populate: ['idToken', 'user'] });
      if (!session) return { idToken: null };
      const idToken = session.idToken;
      if (session.endedAt === null) {
        const user = session.user.getEntity();
        em.persist(new AccountEvent(user, AccountEventType.SIGNED_OUT, user.id, now));
        await this.audit.recordSession({ userId: user.id, role: user.role, organisationId: user.organisation.id }, session.id, 'sign-out');
      }
      session.end(SessionEndReason.LOGOUT, now);
      session.idToken = null;
      return { idToken };
    });
  }

  async logout(actor: Actor, everywhere: boolean): Promise<void> {
    const which = everywhere || !actor.sessionId ? { user: actor.userId } : { id: actor.sessionId };
    await this.uow.run(actor, async ({ em, now }) => {
      const ended = await em.nativeUpdate(Session, { ...which, endedAt: null }, { endedAt: now, endReason: SessionEndReason.LOGOUT });
      if (ended === 0) return;
      em.persist(new AccountEvent(em.getReference(User, actor.userId), AccountEventType.SIGNED_OUT, actor.userId, now));
      await this.audit.recordSession(actor, actor.sessionId ?? 'every session', 'sign-out');
    });
  }

  /** The actor behind an access token, or null: bad signature, expired, session ended, user deactivated. */
  async authenticate(accessToken: string): Promise<Actor | null> {
    const now = this.clock.now();
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, { clockTimestamp: Math.floor(now.getTime() / 1000) });
    } catch {
      return null;
    }
    // A token without an expiry would live for ever: whatever signed it, it is not one of ours. A link opens its one resource, never the API.
    if (typeof claims.exp !== 'number' || claims.use !== undefined || !UUID.test(claims.sid ?? '') || !UUID.test(claims.sub ?? '')) return null;
    const live = await this.liveSession(claims.sid, claims.sub);
    return live ? { userId: claims.sub, role: live.role, organisationId: live.organisation_id, organisationKind: live.kind, sessionId: claims.sid } : null;
  }

  /**
   * A short-lived link for one resource and its parameters (a download a browser opens without the
   * access token), bound to the user's session: it stops working with the session.
   */
  async signLink(actor: Actor, use: string, parameters: string, minutes: number): Promise<{ token: string; expiresAt: Date }> {
    if (!actor.sessionId) throw new Error('A link is signed for a signed-in session.');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + minutes * 60_000);
    const claims = { sub: actor.userId, sid: actor.sessionId, use, prm: hashParameters(parameters), jti: randomUUID(), iat: Math.floor(now.getTime() / 1000), exp: Math.floor(expiresAt.getTime() / 1000) };
    return { token: await this.jwt.signAsync(claims), expiresAt };
  }

  /** The actor a link was signed for, if it is valid for this resource and these parameters, and its session still live. */
  async actorOfLink(token: string, use: string, parameters: string): Promise<Actor | LinkRefusal> {
    const now = this.clock.now();
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { clockTimestamp: Math.floor(now.getTime() / 1000) });
    } catch (error) {
      return (error as Error).name === 'TokenExpiredError' ? 'LINK_EXPIRED' : 'INVALID_LINK';
    }
    if (claims.use !== use || claims.prm !== hashParameters(parameters) || typeof claims.exp !== 'number' || !UUID.test(claims.sid ?? '') || !UUID.test(claims.sub ?? '') || !UUID.test(claims.jti ?? '')) return 'INVALID_LINK';
    const live = await this.liveSession(claims.sid, claims.sub);
    if (!live) return 'INVALID_LINK';
    if (!(await this.spendLink(claims.jti!, new Date(claims.exp * 1000), now))) return 'LINK_USED';
    return { userId: claims.sub, role: live.role, organisationId: live.organisation_id, organisationKind: live.kind, sessionId: claims.sid };
  }

  /**
   * A link opens its resource once: its id is written down when it is used, and of two uses,
   * concurrent or not, the second finds it there. Spent ids are kept until their link expires.
   */
  private async spendLink(linkId: string, expiresAt: Date, now: Date): Promise<boolean> {
    return this.uow.run(null, async ({ em }) => {
      await em.nativeDelete(SpentLink, { expiresAt: { $lt: now } });
      const written = await (em as SqlEntityManager).createQueryBuilder(SpentLink).insert({ id: linkId, expiresAt }).onConflict('id').ignore().execute('run');
      return written.affectedRows === 1;
    });
  }

  /** A session not ended, of an active user: what a long-lived connection re-checks at each event. */
  async sessionIsLive(sessionId: string, userId: string): Promise<boolean> {
    return (await this.liveSession(sessionId, userId)) !== null;
  }

  /**
   * The one statement behind every authenticated request: the session (by its primary key), its
   * user and organisation, read from the database each time, so that logout, deactivation and a
   * password change take effect at the very next request, whichever process serves it.
   */
  private async liveSession(sessionId: string, userId: string): Promise<LiveSession | null> {
    const [row] = await this.uow.read(SYSTEM, (reads) => reads.unscoped('the live session of the token presented, in one raw statement').getConnection('read').execute<LiveSession[]>(LIVE_SESSION, [sessionId, userId]));
    return row ?? null;
  }

  /** Changes the caller's password, ends their other sessions and their reset links. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const user = await this.uow.read(actor, (reads) => reads.findOneOrFail(User, { id: actor.userId }, { populate: ['passwordHash'] }));
    const keys = this.throttle.keys(user.emailKey, ip);
    const { minutes, attempt } = await this.uow.run(actor, ({ em }) => this.throttle.claim(em, keys, now));
    if (minutes > 0) {
      throw new AccountsError('TOO_MANY_ATTEMPTS', 'Too many failed attempts: try again later.');
    }
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new AccountsError('INVALID_CREDENTIALS', 'The current password is wrong.', ['input', 'currentPassword']);
    }
    const weak = passwordProblem(newPassword, user.email);
    const passwordHash = weak ? null : await this.hasher.hash(newPassword);
    await this.uow.run(actor, async ({ em }) => {
      await this.throttle.succeeded(em, keys, attempt);
      if (!passwordHash) return;
      const account = await em.findOneOrFail(User, user.id);
      account.changePassword(passwordHash, now);
      em.persist(new AccountEvent(account, AccountEventType.PASSWORD_CHANGED, actor.userId, now));
      const others = actor.sessionId ? { id: { $ne: actor.sessionId } } : {};
      await this.endSessions(em, { user: user.id, ...others }, SessionEndReason.PASSWORD_CHANGED, now);
      // A reset link asked before (by the holder, or by someone who has the mailbox) chooses no password after this one.
      await endAccountLinks(em, user.id, AccountTokenEndReason.REPLACED, now);
    });
    if (weak) throw new AccountsError('WEAK_PASSWORD', weak, ['input', 'newPassword']);
  }

  /**
   * The identity provider's ID tokens of sessions that lapsed without being ended (their refresh
   * token expired): emptied, as an ended session's are. Idempotent.
   */
  @Sweep('lapsed sessions\' ID tokens')
  async forgetLapsedIdTokens(): Promise<{ emptied: number }> {
    const now = this.clock.now();
    return { emptied: await this.uow.read(SYSTEM, (reads) => reads.nativeUpdate(Session, { idToken: { $ne: null }, refreshExpiresAt: { $lt: now } }, { idToken: null })) };
  }

  /** Ends every live session of a user (deactivation): their tokens stop working at once. */
  async endSessionsOf(em: EntityManager, userId: string, reason: SessionEndReason, at: Date): Promise<void> {
    await this.endSessions(em, { user: userId }, reason, at);
  }

  private async endSessions(em: EntityManager, where: object, reason: SessionEndReason, at: Date): Promise<void> {
    await em.nativeUpdate(Session, { ...where, endedAt: null }, { endedAt: at, endReason: reason, idToken: null });
  }

  private async issue(userId: string, session: Pick<Session, 'id' | 'refreshExpiresAt'>, refreshSecret: string, now: Date): Promise<IssuedTokens> {
    const accessTokenExpiresAt = addMinutes(now, this.config.auth.accessTokenTtlMinutes);
    const claims: AccessClaims & { iat: number; exp: number } = {
      sub: userId,
      sid: session.id,
      iat: Math.floor(now.getTime() / 1000),
      exp: Math.floor(accessTokenExpiresAt.getTime() / 1000),
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      accessTokenExpiresAt,
      refreshToken: `${session.id}.${refreshSecret}`,
      refreshTokenExpiresAt: session.refreshExpiresAt,
    };
  }

  private refreshExpiry(now: Date): Date {
    return addHours(now, this.config.auth.refreshTokenTtlHours);
  }

  private newRefreshSecret(): string {
    return randomBytes(32).toString('base64url');
  }
}

function hashParameters(parameters: string): string {
  return createHash('sha256').update(parameters).digest('base64url');
}
