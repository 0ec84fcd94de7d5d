import type { EntityManager } from '@mikro-orm/core';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { Clock } from '@parcours/core';
import { SYSTEM, UnitOfWork } from '@parcours/unit-of-work';
import { addDays, addMinutes } from 'date-fns';
import { AccountsError } from '../accounts-error';
import { AuthService } from '../auth/auth.service';
import { LoginThrottle } from '../auth/login-throttle';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem } from '../auth/password-policy';
import { SessionEndReason } from '../auth/session.entity';
import { AccountEvent, AccountEventType } from '../users/account-event.entity';
import { emailKey, User } from '../users/user.entity';
import { AccountLinks, sameHash } from './account-links';
import { AccountToken, AccountTokenEndReason, AccountTokenPurpose, endAccountLinks } from './account-token.entity';

/** The link of a reset request is written this long after the request: once its answer has left. */
const AFTER_ANSWER_MS = 10;

/**
 * Forgotten passwords and invitations: a single-use link by e-mail (through the outbox) to a
 * console page where its holder chooses a password. At most one link of a user works at a time.
 */
@Injectable()
export class PasswordRecovery implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Accounts');
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly links: AccountLinks,
    private readonly auth: AuthService,
  ) {}

  /** Writes a new link for the user, in the caller's transaction, ending the earlier ones; the outbox composer sends it. */
  async issue(em: EntityManager, user: User, purpose: AccountTokenPurpose, now: Date): Promise<AccountToken> {
    await endAccountLinks(em, user.id, AccountTokenEndReason.REPLACED, now);
    const { passwordResetMinutes, invitationDays } = this.config.auth;
    const expiresAt = purpose === AccountTokenPurpose.INVITATION ? addDays(now, invitationDays) : addMinutes(now, passwordResetMinutes);
    const token = new AccountToken(user, purpose, this.links.secretHash, expiresAt, now);
    em.persist(token);
    return token;
  }

  /**
   * Sends a reset link to an active account with this address, and says nothing of whether there
   * is one, by its answer or by its time: known or not, the request runs the same transaction (the
   * throttle's count, the lookup) and answers; the link and its e-mail are written after the
   * answer (bench:reset measures both paths). A process stopped in between loses that link: the
   * person asks again.
   */
  async requestReset(email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const keys = this.throttle.keys(emailKey(email), ip, 'reset');
    const { minutes, userId } = await this.uow.run(null, async ({ em }) => {
      const { minutes } = await this.throttle.claim(em, keys, now);
      if (minutes > 0) return { minutes, userId: null };
      const user = await em.findOne(User, { emailKey: emailKey(email), deactivatedAt: null }, { fields: ['id', 'role', 'organisation.oidcRequired'] });
      // An account that signs in through the identity provider has no password to reset: no e-mail, the same answer.
      return { minutes: 0, userId: user && !this.auth.oidcRequired(user) ? user.id : null };
    });
    if (minutes > 0) throw new AccountsError('TOO_MANY_ATTEMPTS', `Too many requests: try again in ${minutes} minute(s).`);
    if (userId) this.afterAnswer(() => this.sendResetLink(userId));
  }

  /** Waits for the links still being written (the API's shutdown, tests). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private afterAnswer(work: () => Promise<void>): void {
    const running = new Promise<void>((resolve) => setTimeout(resolve, AFTER_ANSWER_MS))
      .then(work)
      .catch((error: unknown) => this.logger.error(`A password reset link could not be written: ${(error as Error).name}`))
      .finally(() => this.pending.delete(running));
    this.pending.add(running);
  }

  private async sendResetLink(userId: string): Promise<void> {
    if (!this.config.mail.smtpUrl) {
      this.logger.warn('A password reset was asked for an account, but SMTP_URL is not set: no link can be sent');
      return;
    }
    await this.uow.run(null, async ({ em, now }) => {
      const user = await em.findOne(User, { id: userId, deactivatedAt: null });
      if (!user) return;
      await this.issue(em, user, AccountTokenPurpose.PASSWORD_RESET, now);
      em.persist(new AccountEvent(user, AccountEventType.PASSWORD_RESET_REQUESTED, null, now));
    });
  }

  /**
   * Chooses the password through a link: applies the password rule, uses the link up (of two
   * concurrent uses, one wins: a compare-and-set on the link), ends every session and every other
   * link of the user. An expired, used, replaced or forged link is INVALID_RESET_TOKEN; each
   * refusal counts against the caller's address, like a failed login.
   */
  async reset(token: string, newPassword: string, ip: string): Promise<void> {
    const now = this.clock.now();
    const presented = this.links.read(token);
    const keys = this.throttle.keys(presented?.id ?? 'malformed', ip, 'reset');
    const { minutes, attempt } = await this.uow.run(null, ({ em }) => this.throttle.claim(em, keys, now));
    if (minutes > 0) throw new AccountsError('TOO_MANY_ATTEMPTS', `Too many attempts: try again in ${minutes} minute(s).`);
    const invalid = () =>
      new AccountsError('INVALID_RESET_TOKEN', 'This link no longer works: it has expired, was already used or was replaced by a newer one. Ask for a new one.', ['input', 'token']);
    const found = presented ? await this.uow.read(SYSTEM, (reads) => reads.findOne(AccountToken, { id: presented.id }, { populate: ['user'] })) : null;
    if (!presented || !found || !sameHash(found.secretHash, presented.secretHash) || !found.isUsable(now) || !found.user.getEntity().active) throw invalid();
    if (this.auth.oidcRequired(await this.uow.read(SYSTEM, (reads) => reads.findOneOrFail(User, { id: found.user.id }, { populate: ['organisation'] })))) {
      throw new AccountsError('OIDC_REQUIRED', `Your organisation signs in through ${this.config.oidc!.providerName}: accept the invitation with it instead of choosing a password.`, ['input', 'token']);
    }
    const weak = passwordProblem(newPassword, found.user.getEntity().email);
    if (weak) {
      await this.uow.run(null, ({ em }) => this.throttle.succeeded(em, keys, attempt));
      throw new AccountsError('WEAK_PASSWORD', weak, ['input', 'newPassword']);
    }
    // Hashed outside any transaction: argon2 takes time, and SQLite has one writer.
    const passwordHash = await this.hasher.hash(newPassword);
    await this.uow.run(null, async ({ em }) => {
      const used = await em.nativeUpdate(AccountToken, { id: found.id, endedAt: null, expiresAt: { $gt: now } }, { endedAt: now, endReason: AccountTokenEndReason.USED });
      const user = used === 1 ? await em.findOne(User, { id: found.user.id, deactivatedAt: null }) : null;
      if (!user) throw invalid();
      await this.throttle.succeeded(em, keys, attempt);
      user.changePassword(passwordHash, now);
      await endAccountLinks(em, user.id, AccountTokenEndReason.REPLACED, now);
      await this.auth.endSessionsOf(em, user.id, SessionEndReason.PASSWORD_RESET, now);
      const type = found.purpose === AccountTokenPurpose.INVITATION ? AccountEventType.INVITATION_ACCEPTED : AccountEventType.PASSWORD_RESET;
      em.persist(new AccountEvent(user, type, null, now));
    });
  }
}
