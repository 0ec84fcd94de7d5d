import type { FastifyReply, FastifyRequest } from 'fastify';

/** What every resolver, guard and plugin finds in the GraphQL context. */
export interface GraphqlContext {
  req: FastifyRequest;
  reply: FastifyReply;
}
