import type { AuditService } from '@parcours/audit';
import type { AuthService } from '@parcours/accounts';
import type { Clock } from '@parcours/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { CloseCode, type Context, type ServerOptions, type SubscribePayload } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { recordOperationReads } from '../audit/audit-reads.plugin';
import { logUnexpectedErrors } from './error-logging.plugin';
import { GraphqlErrorCode } from './errors';
import type { GraphqlContext } from './graphql-context';
import { unfitInput } from './operation-checks';
import { forgetLoaders } from './request-loaders';

interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
  /** When the connection's access token expires (ms since the epoch, by the server's clock). */
  tokenExpiresAt?: number;
}
type WsContext = Context<Record<string, unknown> | undefined, Extra>;

export interface WebSocketPipeline {
  auth: AuthService;
  audit: AuditService;
  clock: Clock;
  /** The served schema, once built (with its personal fields wrapped for the access log). */
  schema: () => GraphQLSchema;
  rules: ValidationRule[];
  parseOptions: { maxTokens: number };
  format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** Why a connection ends: its access token expired. graphql-ws clients retry 4403 with fresh connection parameters. */
export const TOKEN_EXPIRED = { code: CloseCode.Forbidden, reason: 'Forbidden: the access token expired; connect again with a fresh one.' };

function bearer(params: Record<string, unknown> | undefined): string {
  const header = params?.authorization;
  return typeof header === 'string' ? header.replace(/^Bearer /i, '') : '';
}

/** The `exp` of a token authenticate has just verified. */
function expiryOf(token: string): number | undefined {
  try {
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp?: unknown };
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function refusal(message: string, code: string): GraphQLError[] {
  return [new GraphQLError(message, { extensions: { code } })];
}

/** A subscription's context: the connection's token stands in the authorization header. */
function contextOf(ctx: WsContext): GraphqlContext {
  const authorization = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
  const req = { id: randomUUID(), ip: ctx.extra.request.socket.remoteAddress ?? '', headers: { authorization } };
  return { req: req as unknown as FastifyRequest, reply: undefined as unknown as FastifyReply };
}

/**
 * graphql-ws on /graphql, held to the same pipeline as HTTP (ARCHITECTURE.md: one pipeline of
 * checks for every transport): it carries subscriptions only — a query or a mutation is refused
 * with SUBSCRIPTIONS_ONLY, they go by HTTP — and each subscription passes the same parse limits,
 * validation rules (query limits, no introspection in production) and input hygiene before it
 * runs; the personal fields each event reads are written to the access log before the event is
 * sent; errors are formatted and logged as on HTTP. The connection's token is checked when it
 * opens, its session and account again at each event (by the resolvers), and the connection is
 * closed when the token expires (4403, which a graphql-ws client retries with a fresh token).
 */
export function webSocketOptions(pipeline: WebSocketPipeline): ServerOptions<Record<string, unknown> | undefined, Extra> {
  const { auth, audit, clock } = pipeline;
  const expired = (ctx: WsContext) => ctx.extra.tokenExpiresAt === undefined || ctx.extra.tokenExpiresAt <= clock.now().getTime();
  const close = (ctx: WsContext) => ctx.extra.socket.close(TOKEN_EXPIRED.code, TOKEN_EXPIRED.reason);
  return {
    onConnect: async (ctx) => {
      const token = bearer(ctx.connectionParams);
      if (token === '' || (await auth.authenticate(token)) === null) return false;
      const expiresAt = expiryOf(token);
      ctx.extra.tokenExpiresAt = expiresAt;
      const timer = setTimeout(() => close(ctx), Math.max(0, (expiresAt ?? 0) - clock.now().getTime()));
      timer.unref();
      ctx.extra.socket.once('close', () => clearTimeout(timer));
      return true;
    },
    onSubscribe: (ctx, _id, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] => {
      let document;
      try {
        document = parse(payload.query, pipeline.parseOptions);
      } catch (error) {
        const message = error instanceof GraphQLError ? error.message : 'The query could not be parsed.';
        return refusal(message, GraphqlErrorCode.GRAPHQL_PARSE_FAILED);
      }
      const schema = pipeline.schema();
      const invalid = validate(schema, document, [...specifiedRules, ...pipeline.rules]);
      if (invalid.length > 0) return invalid.map((error) => (error.extensions.code ? error : new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: GraphqlErrorCode.GRAPHQL_VALIDATION_FAILED } })));
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return refusal('Name one operation of the document to run.', GraphqlErrorCode.OPERATION_RESOLUTION_FAILURE);
      if (operation.operation !== 'subscription') {
        return refusal('The WebSocket carries subscriptions only: send queries and mutations by HTTP POST /graphql.', GraphqlErrorCode.SUBSCRIPTIONS_ONLY);
      }
      const unfit = unfitInput(payload.variables, document);
      if (unfit) return [unfit];
      return { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: contextOf(ctx) };
    },
    onNext: async (ctx, _id, payload, args, result) => {
      if (expired(ctx)) {
        // Closed before the send, which then sends nothing: no event reaches an expired token.
        close(ctx);
        return { data: null };
      }
      const context = args.contextValue as GraphqlContext;
      await recordOperationReads(audit, context, getOperationAST(args.document, payload.operationName));
      // The next event is read afresh: a pathway handed over or a counsellor changed since shows as it now is.
      forgetLoaders(context);
      if (!result.errors) return;
      logUnexpectedErrors(result.errors, context, payload.operationName);
      return { ...result, errors: result.errors.map((error) => pipeline.format(error.toJSON(), error)) };
    },
    onError: (_ctx, _id, payload, errors) => {
      logUnexpectedErrors(errors, undefined, payload.operationName);
      return errors.map((error) => pipeline.format(error.toJSON(), error));
    },
  };
}
