import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '../actor';
import { Role } from './role';
import type { User } from './user.entity';

/**
 * The users an actor may read, used by every read of users: an ADMIN reads all; a MANAGER the
 * users of their own operator; anyone else only themselves.
 */
export function usersVisibleTo(actor: Actor): FilterQuery<User> {
  switch (actor.role) {
    case Role.ADMIN:
      return {};
    case Role.MANAGER:
      return { organisation: actor.organisationId };
    default:
      return { id: actor.userId };
  }
}
