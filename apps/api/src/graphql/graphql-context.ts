import type { Actor } from '@parcours/accounts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What every resolver, guard and plugin finds in the GraphQL context. */
export interface GraphqlContext {
  /** The HTTP request; for a subscription, what of it the connection carries (id, address, token). */
  req: FastifyRequest;
  reply: FastifyReply;
  /** Set by the access guard once the bearer token is verified. */
  actor?: Actor;
}

/** What graphql-ws hands the context function for an operation over a WebSocket. */
export interface WsContext {
  connectionParams?: Record<string, unknown>;
  extra: { request: IncomingMessage };
}

export function isWsContext(value: unknown): value is WsContext {
  return typeof value === 'object' && value !== null && 'extra' in value && 'connectionParams' in value;
}

/** A subscription's context: the connection's token stands in the authorization header. */
export function wsGraphqlContext({ connectionParams, extra }: WsContext): GraphqlContext {
  const authorization = typeof connectionParams?.authorization === 'string' ? connectionParams.authorization : undefined;
  const req = { id: randomUUID(), ip: extra.request.socket.remoteAddress ?? '', headers: { authorization } };
  return { req: req as unknown as FastifyRequest, reply: undefined as unknown as FastifyReply };
}
