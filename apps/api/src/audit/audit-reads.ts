import type { ReadRecord } from '@parcours/audit';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { GraphqlContext } from '../graphql/graphql-context';
import { personalTypes } from './graphql-personal-data';

const READS = Symbol('audit-reads');
type WithReads = GraphqlContext & { [READS]?: Map<string, ReadRecord> };

/**
 * Wraps the resolver of every personal field of the schema, as its types declare them (and of no
 * other field, which keeps its plain, synchronous resolver): once the field is resolved, its object and name are noted on
 * the request, and written to the audit log before the response is sent (audit-reads.plugin.ts).
 */
export function auditPersonalFields(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, type] of Object.entries(personalTypes(schema))) {
    const objectType = schema.getType(typeName);
    if (!isObjectType(objectType)) continue;
    const fields = objectType.getFields();
    for (const fieldName of type.personal) {
      const field = fields[fieldName];
      if (!field) continue;
      const resolve: GraphQLFieldResolver<unknown, GraphqlContext> = field.resolve ?? defaultFieldResolver;
      const name = `${typeName}.${fieldName}`;
      field.resolve = (source, args, context, info) => {
        const value: unknown = resolve(source, args, context, info);
        const note = (resolved: unknown) => {
          if (source) noteRead(context, type.locate(source as Record<string, unknown>), name);
          return resolved;
        };
        return value instanceof Promise ? value.then(note) : note(value);
      };
    }
  }
  return schema;
}

function noteRead(context: GraphqlContext, where: Omit<ReadRecord, 'fields'>, field: string): void {
  const reads = ((context as WithReads)[READS] ??= new Map());
  const key = `${where.objectType}:${where.objectId}`;
  const read = reads.get(key) ?? { ...where, fields: new Set<string>() };
  read.fields.add(field);
  reads.set(key, read);
}

export function takeReads(context: GraphqlContext): ReadRecord[] {
  const reads = (context as WithReads)[READS];
  (context as WithReads)[READS] = undefined;
  return reads ? [...reads.values()] : [];
}
