import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '@parcours/accounts';
import type { GraphqlContext } from '../graphql/graphql-context';

/** The signed-in actor the access guard put on the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = GqlExecutionContext.create(context).getContext<GraphqlContext>().actor;
  if (!actor) throw new Error('CurrentActor used on an operation without a signed-in declaration');
  return actor;
});

/** The client's address as fastify sees it (TRUST_PROXY decides whether X-Forwarded-For counts). */
export const ClientIp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => GqlExecutionContext.create(context).getContext<GraphqlContext>().req.ip,
);
