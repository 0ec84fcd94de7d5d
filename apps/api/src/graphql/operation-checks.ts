import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { AppConfig } from '@parcours/config';
import { unfitText } from '@parcours/core';
import { GraphQLError, visit, type ASTVisitor, type DocumentNode, type ValidationContext, type ValidationRule } from 'graphql';
import { GraphqlErrorCode, rejectAsTooComplex, repeatedFieldsRule } from './errors';

/**
 * The checks every GraphQL operation passes, whatever carries it (HTTP POST /graphql or the
 * WebSocket): the query limits, the production settings (no introspection) and the input hygiene.
 * Apollo applies them to HTTP (api-graphql.module.ts), the WebSocket's onSubscribe to subscriptions
 * (websocket.ts): one list, two transports.
 */
export function validationRules(config: AppConfig): ValidationRule[] {
  const limits = config.graphql;
  const reject = (limit: string) => ({ propagateOnRejection: false, onReject: [rejectAsTooComplex(limit)] });
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ...reject('depth') },
    // Every alias counts, __typename's included (armor lets those through by default).
    maxAliases: { n: limits.maxAliases, allowList: [], ...reject('aliases') },
    maxDirectives: { n: limits.maxDirectives, ...reject('directives') },
    costLimit: { maxCost: limits.maxCost, ...reject('cost') },
    // armor's token plugin turns every syntax error into a 500 under Apollo 5: graphql-js counts tokens instead.
    maxTokens: { enabled: false },
    // Suggestions are hidden by formatError, on both transports.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return [
    ...armor.validationRules,
    repeatedFieldsRule(limits.maxRepeatedField),
    ...(config.isProduction ? [noIntrospection] : []),
  ];
}

/** Production: no `__schema` or `__type`, whoever asks (`__typename` stays). One error per such field. */
function noIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        context.reportError(
          new GraphQLError('GraphQL introspection is not allowed here, but the query contained __schema or __type.', {
            nodes: [node],
            extensions: { code: GraphqlErrorCode.GRAPHQL_VALIDATION_FAILED },
          }),
        );
      }
    },
  };
}

/** graphql-js' parse options: the token limit, before anything is built of a long document. */
export function parseOptions(config: AppConfig): { maxTokens: number } {
  return { maxTokens: config.graphql.maxTokens };
}

function refuse(where: string, problem: string): GraphQLError {
  return new GraphQLError(`${where} holds ${problem}.`, { extensions: { code: GraphqlErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}

/** The first string in a JSON value that is unfit, with its path. */
function findUnfit(value: unknown, path: string): { path: string; problem: string } | null {
  // A file's bytes are no text: its reader checks its cells (libs/imports).
  if (Buffer.isBuffer(value)) return null;
  if (typeof value === 'string') {
    const problem = unfitText(value);
    return problem ? { path, problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnfit(item, `${path}[${index}]`);
      if (found) return found;
    }
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findUnfit(item, `${path}.${key}`) ?? findUnfit(key, `${path} (a key)`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Input hygiene, once for every operation: a string in the variables or written in the query that
 * holds a control character (but tab, line feed, carriage return) or an unpaired surrogate is
 * refused with BAD_USER_INPUT naming where, before anything runs. Such characters end SQL text on
 * SQLite, break URI encoding and have no business in a person's file. Each field's maximum length
 * is its own (text-field.ts). The REST routes apply the same rule to their bodies (unfitBody).
 */
export function unfitInput(variables: Record<string, unknown> | null | undefined, document: DocumentNode): GraphQLError | null {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const found = findUnfit(value, `$${name}`);
    if (found) return refuse(`Variable "${found.path}"`, found.problem);
  }
  let unfit: GraphQLError | null = null;
  visit(document, {
    StringValue(node) {
      const problem = unfitText(node.value);
      if (problem && !unfit) unfit = refuse(`A string written in the query (line ${node.loc?.startToken.line ?? '?'})`, problem);
    },
  });
  return unfit;
}

/** The same rule for a REST route's JSON body or query string: the first unfit string, in words, or null. */
export function unfitBody(value: unknown, name: string): string | null {
  const found = findUnfit(value, name);
  return found ? `${found.path} holds ${found.problem}.` : null;
}
