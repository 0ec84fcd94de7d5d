import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditService } from '@parcours/audit';
import type { OperationDefinitionNode } from 'graphql';
import type { GraphqlContext } from '../graphql/graphql-context';
import { takeReads } from './audit-reads';

/**
 * Writes the personal fields an operation's result read, named by the operation and its root fields.
 * HTTP calls it before a response leaves (the plugin below), the WebSocket before each event of a
 * subscription is sent (websocket.ts): no read goes unlogged on either.
 */
export async function recordOperationReads(audit: AuditService, context: GraphqlContext, operation: OperationDefinitionNode | null | undefined): Promise<void> {
  const reads = takeReads(context);
  if (reads.length === 0) return;
  const roots = operation?.selectionSet.selections.map((selection) => ('name' in selection ? selection.name.value : '')).join(',');
  const name = `${operation?.operation ?? 'operation'} ${roots ?? ''}`.trim();
  await audit.recordReads(context.actor ?? (context.personLink ? 'PERSON_LINK' : undefined), context.req.id, name, reads);
}

export function auditReadsPlugin(audit: AuditService): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation }) {
          await recordOperationReads(audit, contextValue, operation);
        },
      };
    },
  };
}
