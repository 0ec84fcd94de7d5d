import type { FilterQuery } from '@mikro-orm/core';
import type { Actor } from '@parcours/core';
import { Role } from '@parcours/core';
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

/**
 * Rows an operator owns (an `operator` column): its COUNSELLORs and MANAGERs see their own, an
 * ADMIN all, anyone else none. Pathways add their referent's view to it; offers use it as it is.
 */
export function ownedByOperatorVisibleTo(actor: Actor): { operator?: string; id?: { $in: string[] } } {
  switch (actor.role) {
    case Role.ADMIN:
      return {};
    case Role.MANAGER:
    case Role.COUNSELLOR:
      return { operator: actor.organisationId };
    default:
      return { id: { $in: [] } };
  }
}
