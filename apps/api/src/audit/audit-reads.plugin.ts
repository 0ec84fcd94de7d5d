import type { ApolloServerPlugin } from '@apollo/server';
import type { AuditService } from '@parcours/audit';
import type { GraphqlContext } from '../graphql/graphql-context';
import { takeReads } from './audit-reads';

/** Writes the personal fields a request read, before its response leaves: no read goes unlogged. */
export function auditReadsPlugin(audit: AuditService): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation }) {
          const reads = takeReads(contextValue);
          if (reads.length === 0) return;
          const roots = operation?.selectionSet.selections.map((selection) => ('name' in selection ? selection.name.value : '')).join(',');
          const name = `${operation?.operation ?? 'operation'} ${roots ?? ''}`.trim();
          await audit.recordReads(contextValue.actor, contextValue.req.id, name, reads);
        },
      };
    },
  };
}
