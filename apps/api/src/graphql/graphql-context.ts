import type { Actor } from '@parcours/accounts';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What every resolver, guard and plugin finds in the GraphQL context. */
export interface GraphqlContext {
  /** The HTTP request; for a subscription, what of it the connection carries (id, address, token). */
  req: FastifyRequest;
  reply: FastifyReply;
  /** Set by the access guard once the bearer token is verified. */
  actor?: Actor;
  /** Set by the person's page (their appointment link): the access log names them PERSON_LINK. */
  personLink?: boolean;
}
