import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { ownedByOperatorVisibleTo, Role, User, type Actor } from '@parcours/accounts';
import { isUuid, NotFoundError } from '@parcours/core';
import type { Pathway } from './pathway.entity';

/**
 * The pathways an actor may see, used by every read of pathways and, through them, of
 * participants: a REFERENT the pathways whose active referent they are; a COUNSELLOR or MANAGER
 * their own operator's; an ADMIN all; a FUNDER none (aggregates only).
 */
export function pathwaysVisibleTo(actor: Actor): FilterQuery<Pathway> {
  return actor.role === Role.REFERENT ? { referent: actor.userId } : ownedByOperatorVisibleTo(actor);
}

/** HEALTH and JUSTICE details, and diagnostic notes, stay with the operator's staff and ADMIN (audited). */
export function seesSensitiveDetails(actor: Actor | undefined): boolean {
  return actor !== undefined && [Role.COUNSELLOR, Role.MANAGER, Role.ADMIN].includes(actor.role);
}

/** An active COUNSELLOR or MANAGER of the pathway's operator, who may be put in charge or run an interview. */
export async function operatorStaff(em: EntityManager, pathway: Pathway, userId: string, field: string): Promise<User> {
  const user = isUuid(userId)
    ? await em.findOne(User, { id: userId, role: { $in: [Role.COUNSELLOR, Role.MANAGER] }, organisation: pathway.operator.id, deactivatedAt: null })
    : null;
  if (!user) throw new NotFoundError('Counsellor', ['input', field]);
  return user;
}
