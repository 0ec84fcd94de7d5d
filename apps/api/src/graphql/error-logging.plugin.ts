import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import type { GraphQLError } from 'graphql';
import { safeError } from '@parcours/lifecycle';
import { classifyError } from './errors';
import type { GraphqlContext } from './graphql-context';

const logger = new Logger('GraphQL');

/** Logs every unexpected error once, with its request id, and never its message or the query. */
export function logUnexpectedErrors(errors: readonly GraphQLError[], context: GraphqlContext | undefined, operationName: string | null | undefined): void {
  for (const error of errors) {
    if (classifyError(error).expected) continue;
    const cause = error.originalError ?? error;
    logger.error({ reqId: context?.req?.id, operationName, path: error.path, err: safeError(cause) }, 'Unexpected error');
  }
}

/** The same on HTTP, through Apollo. */
export function errorLoggingPlugin(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          logUnexpectedErrors(errors, contextValue, operationName);
        },
      };
    },
  };
}
