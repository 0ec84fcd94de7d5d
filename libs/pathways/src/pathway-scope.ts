import type { FilterQuery } from '@mikro-orm/core';
import { Role, type Actor } from '@parcours/accounts';
import type { Pathway } from './pathway.entity';

/**
 * The pathways an actor may see, used by every read of pathways and, through them, of
 * participants: a REFERENT the pathways whose active referent they are; a COUNSELLOR or MANAGER
 * their own operator's; an ADMIN all; a FUNDER none (aggregates only).
 */
export function pathwaysVisibleTo(actor: Actor): FilterQuery<Pathway> {
  switch (actor.role) {
    case Role.ADMIN:
      return {};
    case Role.MANAGER:
    case Role.COUNSELLOR:
      return { operator: actor.organisationId };
    case Role.REFERENT:
      return { referent: actor.userId };
    default:
      return { id: { $in: [] } };
  }
}
