import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { safeError } from '../logging/safe-error';
import { classifyError } from './errors';
import type { GraphqlContext } from './graphql-context';

/** Logs every unexpected error once, with its request id, and never its message or the query. */
export function errorLoggingPlugin(): ApolloServerPlugin<GraphqlContext> {
  const logger = new Logger('GraphQL');
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (classifyError(error).expected) continue;
            const cause = error.originalError ?? error;
            logger.error({ reqId: contextValue.req?.id, operationName, path: error.path, err: safeError(cause) }, 'Unexpected error');
          }
        },
      };
    },
  };
}
