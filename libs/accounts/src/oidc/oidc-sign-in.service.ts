import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '@parcours/core';
import { SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { timingSafeEqual } from 'node:crypto';
import { AccountsError } from '../accounts-error';
import { AuthService, type IssuedTokens } from '../auth/auth.service';
import { LoginThrottle } from '../auth/login-throttle';
import { AccountLinks, sameHash } from '../recovery/account-links';
import { AccountToken, AccountTokenEndReason, AccountTokenPurpose, endAccountLinks } from '../recovery/account-token.entity';
import { AccountEvent, AccountEventType } from '../users/account-event.entity';
import { emailKey, User } from '../users/user.entity';
import { IdentityProvider, type OidcAttempt } from './identity-provider';

/** How long the browser may take at the provider, signing in. */
export const OIDC_ATTEMPT_MINUTES = 10;
const USE = 'oidc-attempt';

interface AttemptClaims {
  use: typeof USE;
  st: string;
  no: string;
  cv: string;
  /** The invitation being accepted through the provider: its link's id. */
  inv?: string;
  exp: number;
}

/**
 * Signing in through the identity provider (ProConnect). Parcours keeps its accounts, roles and
 * scopes: the provider only proves who signs in. A first sign-in links an existing active account
 * by the e-mail the provider vouches for, and records its subject; later ones find the account by
 * that subject alone. Nobody unknown gets an account.
 */
@Injectable()
export class OidcSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly provider: IdentityProvider,
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
    private readonly links: AccountLinks,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  /**
   * Where to send the browser, and the attempt's cookie (signed, short-lived: state, nonce, PKCE
   * verifier, and the invitation accepted, if any — an invitation that no longer works is refused here).
   */
  async begin(invitationToken?: string): Promise<{ url: string; cookie: string; maxAgeSeconds: number }> {
    const invitation = invitationToken === undefined ? undefined : await this.usableInvitation(invitationToken);
    const { url, attempt } = await this.provider.authorizationUrl();
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const maxAgeSeconds = OIDC_ATTEMPT_MINUTES * 60;
    const claims: AttemptClaims = { use: USE, st: attempt.state, no: attempt.nonce, cv: attempt.verifier, ...(invitation ? { inv: invitation.id } : {}), exp: now + maxAgeSeconds };
    return { url, cookie: await this.jwt.signAsync({ ...claims, iat: now }), maxAgeSeconds };
  }

  /**
   * The browser back from the provider: the attempt's cookie and the callback's URL. Throttled per
   * client address as password sign-ins are (every refusal counts); the state compared first, then
   * the provider's proof, then the account, linked if need be; the session opened as a password
   * sign-in's, with the ID token kept for the provider's logout.
   */
  async finish(callbackUrl: URL, cookie: string | undefined, ip: string): Promise<IssuedTokens> {
    const now = this.clock.now();
    const attempt = await this.readAttempt(cookie);
    const keys = this.throttle.keys(`oidc:${attempt.state}`, ip);
    const { minutes, attempt: counted } = await this.uow.run(null, ({ em }) => this.throttle.claim(em, keys, now));
    if (minutes > 0) throw new AccountsError('TOO_MANY_ATTEMPTS', `Too many failed attempts: try again in ${minutes} minute(s).`);
    const state = callbackUrl.searchParams.get('state') ?? '';
    if (!sameText(state, attempt.state)) throw new AccountsError('OIDC_STATE_MISMATCH', 'This answer of the provider is not for the sign-in this browser started.');
    const proven = await this.provider.identify(callbackUrl, attempt);
    return this.uow.run(null, async ({ em }) => {
      let user = await em.findOne(User, { oidcIssuer: proven.issuer, oidcSubject: proven.subject }, { populate: ['organisation'] });
      const linking = !user;
      if (!user) {
        if (!proven.emailVouched) {
          throw new AccountsError('OIDC_EMAIL_NOT_VOUCHED', 'The provider does not vouch for your e-mail address: no account can be linked to it.');
        }
        user = await em.findOne(User, { emailKey: emailKey(proven.email!), oidcSubject: null }, { populate: ['organisation'] });
        if (!user) throw new AccountsError('OIDC_NO_ACCOUNT', 'No account of Parcours has the e-mail address the provider sent: ask your organisation\'s manager or the administrator to create it.');
      }
      if (!user.active) throw new AccountsError('ACCOUNT_DEACTIVATED', 'This account is deactivated: ask your organisation\'s manager or the administrator.');
      const invitation = attempt.invitationId ? await em.findOne(AccountToken, { id: attempt.invitationId, purpose: AccountTokenPurpose.INVITATION }) : null;
      if (attempt.invitationId && (!invitation || invitation.user.id !== user.id || !invitation.isUsable(now))) {
        throw new AccountsError('OIDC_INVITATION_MISMATCH', 'The invitation is for another e-mail address than the one the provider sent, or no longer works.');
      }
      await this.throttle.succeeded(em, keys, counted);
      if (linking) {
        user.linkOidc(proven.issuer, proven.subject, now);
        em.persist(new AccountEvent(user, AccountEventType.OIDC_LINKED, user.id, now));
      }
      // An invitation waiting is accepted by the provider's proof, whether its link was followed or not.
      if (!user.passwordSet && (await em.count(AccountToken, { user: user.id, purpose: AccountTokenPurpose.INVITATION, endedAt: null, expiresAt: { $gt: now } })) > 0) {
        await endAccountLinks(em, user.id, AccountTokenEndReason.USED, now);
        em.persist(new AccountEvent(user, AccountEventType.INVITATION_ACCEPTED, null, now, { via: 'OIDC' }));
      }
      return this.auth.openSession(em, user, 'OIDC', now, proven.idToken);
    });
  }

  /** The provider's logout page for a session it opened (the console goes there after signing out); null otherwise. */
  async logoutUrl(idToken: string | null): Promise<string | null> {
    return idToken && this.provider.enabled ? this.provider.logoutUrl(idToken) : null;
  }

  private async readAttempt(cookie: string | undefined): Promise<OidcAttempt & { invitationId?: string }> {
    const expired = () => new AccountsError('OIDC_ATTEMPT_EXPIRED', `This sign-in was started more than ${OIDC_ATTEMPT_MINUTES} minutes ago, or in another browser: start again.`);
    if (!cookie) throw expired();
    let claims: AttemptClaims;
    try {
      claims = await this.jwt.verifyAsync<AttemptClaims>(cookie, { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch {
      throw expired();
    }
    if (claims.use !== USE || !claims.st || !claims.no || !claims.cv) throw expired();
    return { state: claims.st, nonce: claims.no, verifier: claims.cv, invitationId: claims.inv };
  }

  private async usableInvitation(token: string): Promise<AccountToken> {
    const now = this.clock.now();
    const presented = this.links.read(token);
    const found = presented ? await this.uow.read(SYSTEM, (reads) => reads.findOne(AccountToken, { id: presented.id, purpose: AccountTokenPurpose.INVITATION }, { populate: ['user'] })) : null;
    if (!presented || !found || !sameHash(found.secretHash, presented.secretHash) || !found.isUsable(now) || !found.user.getEntity().active) {
      throw new AccountsError('INVALID_RESET_TOKEN', 'This link no longer works: it has expired, was already used or was replaced by a newer one. Ask for a new one.', ['input', 'token']);
    }
    return found;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
