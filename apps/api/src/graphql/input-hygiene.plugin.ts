import type { ApolloServerPlugin } from '@apollo/server';
import { unfitText } from '@parcours/core';
import { GraphQLError, visit } from 'graphql';
import { GraphqlErrorCode } from './errors';

function refuse(where: string, problem: string): GraphQLError {
  return new GraphQLError(`${where} holds ${problem}.`, { extensions: { code: GraphqlErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
}

/** The first string in a JSON value that is unfit, with its path. */
function findUnfit(value: unknown, path: string): { path: string; problem: string } | null {
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
 * Input hygiene at the edge, once for every operation: a string in the variables or written in the
 * query that holds a control character (but tab, line feed, carriage return) or an unpaired
 * surrogate is refused with BAD_USER_INPUT naming where, before anything runs. Such characters end
 * SQL text on SQLite, break URI encoding and have no business in a person's file. Each field's
 * maximum length is its own (text-field.ts).
 */
export function inputHygienePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const found = findUnfit(value, `$${name}`);
            if (found) throw refuse(`Variable "${found.path}"`, found.problem);
          }
          visit(document, {
            StringValue(node) {
              const problem = unfitText(node.value);
              if (problem) throw refuse(`A string written in the query (line ${node.loc?.startToken.line ?? '?'})`, problem);
            },
          });
        },
      };
    },
  };
}
