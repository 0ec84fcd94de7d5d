import { HttpException } from '@nestjs/common';
import { DomainError } from '@parcours/core';
import { GraphQLError, Kind, type ASTVisitor, type GraphQLFormattedError, type ValidationContext } from 'graphql';

/** Codes the GraphQL layer itself answers with, besides the domain's own codes. */
export const GraphqlErrorCode = {
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A query or mutation sent over the WebSocket, which carries subscriptions only. */
  SUBSCRIPTIONS_ONLY: 'SUBSCRIPTIONS_ONLY',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type GraphqlErrorCode = (typeof GraphqlErrorCode)[keyof typeof GraphqlErrorCode];

declare module '@parcours/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the transport's codes join ErrorCode (libs/core/src/domain-error.ts)
  interface ErrorCodes extends Record<GraphqlErrorCode, true> {}
}

const HTTP_STATUS_CODES: Record<number, string> = {
  400: GraphqlErrorCode.BAD_USER_INPUT,
  401: GraphqlErrorCode.UNAUTHENTICATED,
  403: GraphqlErrorCode.FORBIDDEN,
  404: 'NOT_FOUND',
  429: GraphqlErrorCode.TOO_MANY_REQUESTS,
};

const PASSED_THROUGH = new Set<string>(Object.values(GraphqlErrorCode));

/**
 * graphql-armor's rejection handler: reports the rejection as QUERY_TOO_COMPLEX naming the limit
 * (armor's own handler reports a bare BAD_USER_INPUT).
 */
export function rejectAsTooComplex(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(
      new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: GraphqlErrorCode.QUERY_TOO_COMPLEX, limit },
      }),
    );
  };
}

/**
 * Refuses a selection that names one field more than `limit` times (without aliases, which the
 * alias limit counts): `{ me { id id id id … } }` would make the server merge a field 600 times.
 */
export function repeatedFieldsRule(limit: number) {
  return (context: ValidationContext): ASTVisitor => ({
    SelectionSet(node) {
      const counts = new Map<string, number>();
      for (const selection of node.selections) {
        if (selection.kind !== Kind.FIELD || selection.alias) continue;
        const count = (counts.get(selection.name.value) ?? 0) + 1;
        counts.set(selection.name.value, count);
        if (count === limit + 1) {
          context.reportError(
            new GraphQLError(`The field "${selection.name.value}" is selected more than ${limit} times in one selection.`, {
              nodes: [selection],
              extensions: { code: GraphqlErrorCode.QUERY_TOO_COMPLEX, limit: 'repeatedField' },
            }),
          );
        }
      }
    },
  });
}

// graphql-js' own token limit (Apollo's parseOptions.maxTokens) fails parsing with this message.
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/;

interface Classified {
  code: string;
  message: string;
  expected: boolean;
  extensions?: Record<string, unknown>;
}

/** The one mapping from anything thrown to a stable code and a message fit for the client. */
export function classifyError(error: unknown, formatted?: GraphQLFormattedError): Classified {
  const cause = rootCause(error);
  if (cause instanceof DomainError) {
    return {
      code: cause.code,
      message: cause.message,
      expected: true,
      ...(cause.problems.length > 1 ? { extensions: { problems: cause.problems } } : {}),
    };
  }
  if (cause instanceof HttpException) {
    const code = HTTP_STATUS_CODES[cause.getStatus()];
    if (code) return { code, message: cause.message, expected: true };
  }
  if (cause instanceof GraphQLError && cause.extensions.code === GraphqlErrorCode.QUERY_TOO_COMPLEX) {
    return { code: GraphqlErrorCode.QUERY_TOO_COMPLEX, message: cause.message, expected: true, extensions: { limit: cause.extensions.limit } };
  }
  const tokens = cause instanceof GraphQLError ? TOKEN_LIMIT.exec(cause.message) : null;
  if (tokens) {
    return {
      code: GraphqlErrorCode.QUERY_TOO_COMPLEX,
      message: `Token limit of ${tokens[1]} exceeded.`,
      expected: true,
      extensions: { limit: 'tokens' },
    };
  }
  const code = formatted?.extensions?.code ?? (error instanceof GraphQLError ? error.extensions.code : undefined);
  if (typeof code === 'string' && PASSED_THROUGH.has(code) && code !== GraphqlErrorCode.INTERNAL_SERVER_ERROR) {
    return { code, message: formatted?.message ?? (error as Error).message, expected: true };
  }
  return { code: GraphqlErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error.', expected: false };
}

/**
 * Every transport's formatError: stable extensions.code on every error; in development, the stack
 * frames, never the first line of a stack, which repeats the message (a driver's quotes SQL
 * values); in production, no "Did you mean …?" that would spell out the schema to a stranger.
 */
export function formatError(options: { includeStacktrace: boolean; hideSuggestions: boolean }) {
  const { includeStacktrace, hideSuggestions } = options;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const classified = classifyError(error, formatted);
    const { code, extensions } = classified;
    const message = hideSuggestions ? classified.message.replace(/ ?Did you mean .+\?/g, '').trim() : classified.message;
    const trace = includeStacktrace ? formatted.extensions?.stacktrace : undefined;
    const stacktrace = Array.isArray(trace) ? trace.filter((line) => typeof line === 'string' && line.trimStart().startsWith('at ')) : undefined;
    return {
      message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code, ...extensions, ...(stacktrace ? { stacktrace } : {}) },
    };
  };
}

function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) {
    current = current.originalError;
  }
  return current;
}
