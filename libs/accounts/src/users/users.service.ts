import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { isUuid, NotFoundError, searchNameContains } from '@parcours/core';
import { SYSTEM, UnitOfWork, type Page } from '@parcours/unit-of-work';
import { AccountsError } from '../accounts-error';
import type { Actor } from '../actor';
import { AuthService } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password-hasher';
import { assertStrongPassword } from '../auth/password-policy';
import { SessionEndReason } from '../auth/session.entity';
import { Organisation } from '../organisations/organisation.entity';

import { Role } from './role';
import { emailKey, User } from './user.entity';
import { usersVisibleTo } from './user-scope';

export interface CreateUserCommand {
  organisationId: string;
  role: Role;
  email: string;
  fullName: string;
  initialPassword: string;
}

export interface PageRequest {
  first?: number;
  after?: string;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly auth: AuthService,
  ) {}

  async create(actor: Actor, command: CreateUserCommand): Promise<User> {
    const organisation = isUuid(command.organisationId) ? await this.uow.read(actor, ({ em }) => em.findOne(Organisation, command.organisationId)) : null;
    if (!organisation) throw new NotFoundError('Organisation', ['input', 'organisationId']);
    assertStrongPassword(command.initialPassword, ['input', 'initialPassword'], command.email);
    if (await this.uow.read(actor, ({ em }) => em.count(User, { emailKey: emailKey(command.email) }))) throw emailTaken();
    const passwordHash = await this.hasher.hash(command.initialPassword);
    try {
      return await this.uow.run(actor, async ({ em, now }) => {
        const user = new User(await em.findOneOrFail(Organisation, organisation.id), command.role, command.email, command.fullName, passwordHash, now);
        em.persist(user);
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
  }

  /** The signed-in user's own notification settings. */
  async updateNotificationSettings(actor: Actor, settings: { reportEmails?: boolean }): Promise<User> {
    return this.uow.run(actor, async ({ em, now }) => {
      const user = await em.findOneOrFail(User, actor.userId, { populate: ['organisation'] });
      user.updateNotificationSettings(settings, now);
      return user;
    });
  }

  /** Deactivates an account; its sessions end in the same transaction, so its tokens stop at once. */
  async deactivate(actor: Actor, userId: string): Promise<User> {
    if (userId === actor.userId) {
      throw new AccountsError('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate your own account.', ['input', 'userId']);
    }
    if (!isUuid(userId)) throw new NotFoundError('User', ['input', 'userId']);
    return this.uow.run(actor, async ({ em, now }) => {
      const user = await em.findOne(User, { $and: [{ id: userId }, usersVisibleTo(actor)] }, { populate: ['organisation'] });
      if (!user) throw new NotFoundError('User', ['input', 'userId']);
      user.deactivate(now);
      await this.auth.endSessionsOf(em, user.id, SessionEndReason.USER_DEACTIVATED, now);
      return user;
    });
  }

  async get(actor: Actor, id: string): Promise<User> {
    if (!isUuid(id)) throw new NotFoundError('User');
    const user = await this.uow.read(actor, ({ em }) => em.findOne(User, { $and: [{ id }, usersVisibleTo(actor)] }, { populate: ['organisation'] }));
    if (!user) throw new NotFoundError('User');
    return user;
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
    return this.uow.read(SYSTEM, ({ em }) =>
      em.find(
        User,
        { role: Role.REFERENT, deactivatedAt: null, ...searchNameContains(search) },
        { orderBy: { searchName: 'asc', id: 'asc' }, limit, populate: ['organisation'] },
      ),
    );
  }
}

function emailTaken(): AccountsError {
  return new AccountsError('EMAIL_TAKEN', 'An account already uses this e-mail address.', ['input', 'email']);
}
