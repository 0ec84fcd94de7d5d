import type { FieldMiddleware, MiddlewareContext, NextFn } from '@nestjs/graphql';
import type { ReadRecord } from '@parcours/audit';
import type { GraphqlContext } from '../graphql/graphql-context';
import { PERSONAL_FIELDS } from './personal-fields';

const READS = Symbol('audit-reads');
type WithReads = GraphqlContext & { [READS]?: Map<string, ReadRecord> };

/**
 * Runs on every field of every object type: a personal field that is resolved is noted (object
 * and field name) on the request, and written to the audit log when the response is sent.
 */
export const auditReadsMiddleware: FieldMiddleware = async (context: MiddlewareContext, next: NextFn) => {
  const value: unknown = await next();
  const type = PERSONAL_FIELDS[context.info.parentType.name];
  if (type?.personal.includes(context.info.fieldName) && context.source) {
    const { participantId, objectType, objectId } = type.locate(context.source as Record<string, unknown>);
    const reads = ((context.context as WithReads)[READS] ??= new Map());
    const key = `${objectType}:${objectId}`;
    const read = reads.get(key) ?? { participantId, objectType, objectId, fields: new Set<string>() };
    read.fields.add(`${context.info.parentType.name}.${context.info.fieldName}`);
    reads.set(key, read);
  }
  return value;
};

export function takeReads(context: GraphqlContext): ReadRecord[] {
  const reads = (context as WithReads)[READS];
  (context as WithReads)[READS] = undefined;
  return reads ? [...reads.values()] : [];
}
