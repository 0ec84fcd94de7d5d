import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AccountsModule, AuthService } from '@parcours/accounts';
import { AuditService } from '@parcours/audit';
import { ExceptionsFilter } from '../http/exceptions.filter';
import { AppConfig } from '@parcours/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditPersonalFields } from '../audit/audit-reads';
import { auditReadsPlugin } from '../audit/audit-reads.plugin';
import { errorLoggingPlugin } from './error-logging.plugin';
import { formatError, rejectAsTooComplex, repeatedFieldsRule } from './errors';
import { isWsContext, wsGraphqlContext, type GraphqlContext, type WsContext } from './graphql-context';
import { inputHygienePlugin } from './input-hygiene.plugin';
import { InputValidationPipe } from './input-validation.pipe';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { UserErrorsInterceptor } from './user-errors.interceptor';

/** The GraphQL conventions every feature inherits: limits, errors, scalars, no batching. */
export function graphqlOptions(config: AppConfig, audit: AuditService, auth: AuthService): ApolloDriverConfig {
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
    blockFieldSuggestion: { enabled: config.isProduction },
  }).protect();
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    transformSchema: auditPersonalFields,
    introspection: !config.isProduction,
    playground: false,
    allowBatchedHttpRequests: false,
    // No automatic persisted queries: clients send the query; a hash is answered PERSISTED_QUERY_NOT_SUPPORTED.
    persistedQueries: false,
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: config.isDevelopment,
    autoTransformHttpErrors: false,
    formatError: formatError(config.isDevelopment),
    validationRules: [...armor.validationRules, repeatedFieldsRule(limits.maxRepeatedField)],
    plugins: [
      ...armor.plugins,
      inputHygienePlugin(),
      errorLoggingPlugin(),
      auditReadsPlugin(audit),
      config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
    context: (request: FastifyRequest | WsContext, reply?: FastifyReply): GraphqlContext =>
      isWsContext(request) ? wsGraphqlContext(request) : { req: request, reply: reply as FastifyReply },
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // The token is checked when the connection opens (and again by the guard, and at each event).
        onConnect: async (context: { connectionParams?: Record<string, unknown> }) => {
          const header = context.connectionParams?.authorization;
          const token = typeof header === 'string' ? header.replace(/^Bearer /i, '') : '';
          return token !== '' && (await auth.authenticate(token)) !== null;
        },
      },
    },
  };
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AccountsModule],
      inject: [AppConfig, AuditService, AuthService],
      useFactory: graphqlOptions,
    }),
  ],
  providers: [
    { provide: APP_PIPE, useClass: InputValidationPipe },
    { provide: APP_FILTER, useClass: ExceptionsFilter },
    { provide: APP_INTERCEPTOR, useClass: UserErrorsInterceptor },
  ],
})
export class ApiGraphqlModule {}
