import type { GraphqlPersonalData } from '../audit/graphql-personal-data';

/** The access log names people by id and fields by name; the export itself is audited as a whole. */
export const DATA_PROTECTION_PERSONAL_FIELDS: GraphqlPersonalData = {
  personal: {},
  none: ['AuditEntry', 'AuditEntryEdge', 'AuditEntryConnection', 'ErasePayload'],
};
