import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { ForbiddenError, isUuid, NotFoundError, searchNameContains } from '@parcours/core';
import { SYSTEM, UnitOfWork, type Page } from '@parcours/unit-of-work';
import { AccountsError } from '../accounts-error';
import type { Actor } from '@parcours/core';
import { AuthService } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import { assertStrongPassword } from '../auth/password-policy';
import { SessionEndReason } from '../auth/session.entity';
import { Organisation } from '../organisations/organisation.entity';
import { AccountTokenEndReason, AccountTokenPurpose, endAccountLinks } from '../recovery/account-token.entity';
import { PasswordRecovery } from '../recovery/password-recovery.service';
import { AccountEvent, AccountEventType } from './account-event.entity';
import { accountFacts, HasOpenWorkError, holdsWork, successorProblem, WORK_HOLDING_ROLES, WorkHolders, type OpenWork } from './open-work';
import { Role } from '@parcours/core';
import { emailKey, User } from './user.entity';
import { usersVisibleTo } from './user-scope';
import { userViews, type UserView } from './user-view';

export interface CreateUserCommand {
  organisationId: string;
  role: Role;
  email: string;
  fullName: string;
  /** Omitted: the user gets an invitation by e-mail, to choose it. */
  initialPassword?: string | null;
}

export interface UpdateUserCommand {
  userId: string;
  fullName?: string | null;
  email?: string | null;
  role?: Role | null;
}

export interface PageRequest {
  first?: number;
  after?: string;
}

/** How the history of a pathway names a hand-over on departure. */
const DEPARTURE = 'Départ : compte désactivé';

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly auth: AuthService,
    private readonly recovery: PasswordRecovery,
    private readonly holders: WorkHolders,
    private readonly config: AppConfig,
  ) {}

  /**
   * An account with an initial password, or without one: then an invitation goes by e-mail. An
   * ADMIN creates any; a MANAGER the COUNSELLORs of their own operator only.
   */
  async create(actor: Actor, command: CreateUserCommand): Promise<User> {
    if (actor.role === Role.MANAGER && (command.role !== Role.COUNSELLOR || command.organisationId !== actor.organisationId)) throw managesCounsellorsOnly();
    const organisation = isUuid(command.organisationId) ? await this.uow.read(actor, (reads) => reads.findOne(Organisation, { id: command.organisationId })) : null;
    if (!organisation) throw new NotFoundError('Organisation', ['input', 'organisationId']);
    const password = command.initialPassword ?? null;
    if (password !== null) assertStrongPassword(password, ['input', 'initialPassword'], command.email);
    else if (!this.config.mail.smtpUrl) {
      throw new AccountsError('INVITATION_NEEDS_MAIL', 'Without SMTP_URL no invitation can be sent: give an initial password.', ['input', 'initialPassword']);
    }
    if (await this.uow.read(actor, (reads) => reads.count(User, { emailKey: emailKey(command.email) }))) throw emailTaken();
    const passwordHash = password === null ? null : await this.hasher.hash(password);
    try {
      return await this.uow.run(actor, async ({ em, now }) => {
        const user = new User(await em.findOneOrFail(Organisation, organisation.id), command.role, command.email, command.fullName, passwordHash, now);
        em.persist(user);
        em.persist(new AccountEvent(user, passwordHash ? AccountEventType.CREATED : AccountEventType.INVITED, actor.userId, now));
        if (!passwordHash) await this.recovery.issue(em, user, AccountTokenPurpose.INVITATION, now);
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
  }

  /** Name, address (unique without case) and role within the organisation's kind; audited by the names of what changed. */
  async update(actor: Actor, command: UpdateUserCommand): Promise<User> {
    try {
      return await this.uow.run(actor, async ({ em, now }) => {
        const user = await this.managed(actor, em, command.userId, command.role ?? undefined);
        if (command.role && command.role !== user.role && user.id === actor.userId) {
          throw new AccountsError('CANNOT_CHANGE_OWN_ROLE', 'You cannot change your own role.', ['input', 'role']);
        }
        if (command.email && emailKey(command.email) !== user.emailKey && (await em.count(User, { emailKey: emailKey(command.email) }))) throw emailTaken();
        const from = user.role;
        // Checks the role against the organisation's kind; a refusal below rolls the change back.
        const fields = user.update({ fullName: command.fullName ?? undefined, email: command.email ?? undefined, role: command.role ?? undefined }, now);
        if (fields.includes('role') && !WORK_HOLDING_ROLES.includes(user.role)) {
          const counts = await this.holders.openWork(em, user.id);
          if (holdsWork(counts)) throw new HasOpenWorkError(counts, `a ${user.role} cannot hold it: hand it over first (assignCounsellor, assignReferent, or deactivation with a successor).`);
        }
        if (fields.length === 0) return user;
        // A link sent to the former address must not open the account.
        if (fields.includes('email')) await endAccountLinks(em, user.id, AccountTokenEndReason.REVOKED, now);
        em.persist(new AccountEvent(user, AccountEventType.UPDATED, actor.userId, now, { fields, ...(fields.includes('role') ? { role: { from, to: user.role } } : {}) }));
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
  }

  /** The signed-in user's own e-mail choices per kind of notice (checked by the caller: libs/notifications' notification-settings.ts). */
  async updateNotificationSettings(actor: Actor, settings: Record<string, string>): Promise<User> {
    return this.uow.run(actor, async ({ em, now }) => {
      const user = await em.findOneOrFail(User, actor.userId, { populate: ['organisation'] });
      user.updateNotificationSettings(settings, now);
      return user;
    });
  }

  /**
   * Deactivates an account; its sessions and links end in the same transaction, so its tokens stop
   * at once. Whatever it holds (WorkHolders: pathways, checkpoints, interviews, reports) goes to the
   * successor in that transaction; without one, HAS_OPEN_WORK with the counts, and nothing changes.
   */
  async deactivate(actor: Actor, userId: string, successorId?: string | null): Promise<User> {
    if (userId === actor.userId) {
      throw new AccountsError('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account.', ['input', 'userId']);
    }
    return this.uow.run(actor, async (work) => {
      const { em, now } = work;
      const user = await this.managed(actor, em, userId);
      if (!user.active) throw new AccountsError('ALREADY_DEACTIVATED', 'This account is already deactivated.', ['input', 'userId']);
      const successor = successorId ? await this.successor(actor, em, user, successorId) : null;
      const counts = await this.holders.openWork(em, user.id);
      if (holdsWork(counts)) {
        if (!successor) throw new HasOpenWorkError(counts, 'name a successor (successorId) to hand it to.');
        await this.holders.handOver(work, user, successor, DEPARTURE);
      }
      user.deactivate(now);
      await this.auth.endSessionsOf(em, user.id, SessionEndReason.USER_DEACTIVATED, now);
      await endAccountLinks(em, user.id, AccountTokenEndReason.REVOKED, now);
      const handedOver = holdsWork(counts) ? { successorId: successor!.id, handedOver: { ...counts } } : {};
      em.persist(new AccountEvent(user, AccountEventType.DEACTIVATED, actor.userId, now, handedOver));
      return user;
    });
  }

  /** Lets a deactivated account sign in again with its password (or a reset link); it gets back nothing it handed over. */
  async reactivate(actor: Actor, userId: string): Promise<User> {
    return this.changeAccount(actor, userId, AccountEventType.REACTIVATED, (user, now) => user.reactivate(now));
  }

  /**
   * Unlinks the account from the identity provider (an ADMIN's: a person who left the provider's
   * organisation, a wrong link): its next sign-in through the provider links it again by e-mail.
   * Its sessions go on. OIDC_NOT_LINKED when it was not linked.
   */
  async unlinkIdentityProvider(actor: Actor, userId: string): Promise<User> {
    return this.changeAccount(actor, userId, AccountEventType.OIDC_UNLINKED, (user, now) => user.unlinkOidc(now));
  }

  /** One change of an account the actor manages (`managed`), and its line in the account's history, in one transaction. */
  private changeAccount(actor: Actor, userId: string, type: AccountEventType, change: (user: User, now: Date) => void): Promise<User> {
    return this.uow.run(actor, async ({ em, now }) => {
      const user = await this.managed(actor, em, userId);
      change(user, now);
      em.persist(new AccountEvent(user, type, actor.userId, now));
      return user;
    });
  }

  /** What the user holds that would need a successor. */
  async openWork(actor: Actor, userId: string): Promise<OpenWork> {
    const user = await this.get(actor, userId);
    return this.uow.read(actor, (reads) => this.holders.openWork(reads.unscoped('each work holder counts the rows it holds of one account the caller may see'), user.id));
  }

  /** The account's history, newest first. */
  async history(actor: Actor, userId: string): Promise<AccountEvent[]> {
    const user = await this.get(actor, userId);
    return this.uow.read(actor, (reads) => reads.find(AccountEvent, { user: user.id }, { orderBy: { at: 'desc', id: 'desc' } }));
  }

  /**
   * An account the actor may change: one they can see (else NOT_FOUND), and for a MANAGER a
   * COUNSELLOR of their operator that stays one (else FORBIDDEN).
   */
  private async managed(actor: Actor, em: EntityManager, userId: string, newRole?: Role): Promise<User> {
    const user = isUuid(userId) ? await em.findOne(User, { $and: [{ id: userId }, usersVisibleTo(actor)] }, { populate: ['organisation'] }) : null;
    if (!user) throw new NotFoundError('User', ['input', 'userId']);
    if (actor.role === Role.MANAGER && (user.role !== Role.COUNSELLOR || (newRole && newRole !== Role.COUNSELLOR))) throw managesCounsellorsOnly();
    return user;
  }

  /** The successor named for a departure: one the actor can see (else NOT_FOUND), who may take the work (else INVALID_SUCCESSOR). */
  private async successor(actor: Actor, em: EntityManager, leaving: User, successorId: string): Promise<User> {
    const visible = actor.role === Role.ADMIN ? {} : { organisation: actor.organisationId };
    const successor = isUuid(successorId) ? await em.findOne(User, { $and: [{ id: successorId }, visible] }, { populate: ['organisation'] }) : null;
    if (!successor) throw new NotFoundError('Successor', ['input', 'successorId']);
    const problem = successorProblem(accountFacts(leaving), accountFacts(successor));
    if (problem) throw new AccountsError('INVALID_SUCCESSOR', problem, ['input', 'successorId']);
    return successor;
  }

  /** A user the actor may see, as plain data (one statement, no entity). */
  async get(actor: Actor, id: string): Promise<UserView> {
    if (!isUuid(id)) throw new NotFoundError('User');
    const [user] = await this.uow.read(actor, (reads) => userViews(reads, { $and: [{ id }, usersVisibleTo(actor)] }));
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /** Accounts named by id, as far as the actor may see them: their names, in the order of the ids (null for one not seen). */
  async names(actor: Actor, ids: readonly string[]): Promise<(string | null)[]> {
    const found = await this.uow.read(actor, (reads) => reads.find(User, { $and: [{ id: { $in: ids.filter(isUuid) } }, usersVisibleTo(actor)] }, { fields: ['fullName'] }));
    const byId = new Map(found.map((user) => [user.id, user.fullName]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(actor: Actor, filter: { organisationId?: string; role?: Role; search?: string }, page: PageRequest): Promise<Page<User>> {
    return this.uow.read(actor, (reads) => reads.findByCursor(
      User,
      {
        $and: [
          usersVisibleTo(actor),
          filter.organisationId ? { organisation: isUuid(filter.organisationId) ? filter.organisationId : [] } : {},
          filter.role ? { role: filter.role } : {},
          filter.search ? searchNameContains(filter.search) : {},
        ],
      },
      { first: page.first ?? 20, after: page.after, orderBy: { searchName: 'asc', id: 'asc' }, populate: ['organisation'] as const },
    ));
  }

  /** Active referents whose name contains the search, to hand a pathway over: names and organisations only. */
  async referents(search: string, limit: number): Promise<User[]> {
    return this.uow.read(SYSTEM, (reads) =>
      reads.find(
        User,
        { role: Role.REFERENT, deactivatedAt: null, ...searchNameContains(search) },
        { orderBy: { searchName: 'asc', id: 'asc' }, limit, populate: ['organisation'] },
      ),
    );
  }
}

function managesCounsellorsOnly(): ForbiddenError {
  return new ForbiddenError("A manager creates and manages the counsellors of their own operator only.");
}

function emailTaken(): AccountsError {
  return new AccountsError('EMAIL_TAKEN', 'An account already uses this e-mail address.', ['input', 'email']);
}
