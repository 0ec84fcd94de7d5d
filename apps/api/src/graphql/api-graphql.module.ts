import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { GraphQLModule, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { AccountsModule, AuthService } from '@parcours/accounts';
import { AuditService } from '@parcours/audit';
import { ExceptionsFilter } from '../http/exceptions.filter';
import { AppConfig } from '@parcours/config';
import { Clock } from '@parcours/core';
import type { GraphQLSchema } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { auditPersonalFields } from '../audit/audit-reads';
import { auditReadsPlugin } from '../audit/audit-reads.plugin';
import { errorLoggingPlugin } from './error-logging.plugin';
import { formatError } from './errors';
import type { GraphqlContext } from './graphql-context';
import { inputHygienePlugin } from './input-hygiene.plugin';
import { InputValidationPipe } from './input-validation.pipe';
import { parseOptions, validationRules } from './operation-checks';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { UserErrorsInterceptor } from './user-errors.interceptor';
import { webSocketOptions } from './websocket';

/** The GraphQL conventions every feature inherits: limits, errors, scalars, no batching — on both transports. */
export function graphqlOptions(config: AppConfig, audit: AuditService, auth: AuthService, clock: Clock): ApolloDriverConfig {
  const rules = validationRules(config);
  const format = formatError({ includeStacktrace: config.isDevelopment, hideSuggestions: config.isProduction });
  let served: GraphQLSchema | undefined;
  return {
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    transformSchema: (schema) => (served = auditPersonalFields(schema)),
    // Refused in production by the validation rules, on both transports (operation-checks.ts).
    introspection: true,
    playground: false,
    allowBatchedHttpRequests: false,
    // No automatic persisted queries: clients send the query; a hash is answered PERSISTED_QUERY_NOT_SUPPORTED.
    persistedQueries: false,
    parseOptions: parseOptions(config),
    includeStacktraceInErrorResponses: config.isDevelopment,
    autoTransformHttpErrors: false,
    formatError: format,
    validationRules: rules,
    plugins: [
      inputHygienePlugin(),
      errorLoggingPlugin(),
      auditReadsPlugin(audit),
      config.isProduction ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
    context: (request: FastifyRequest, reply: FastifyReply): GraphqlContext => ({ req: request, reply }),
    subscriptions: {
      // Nest's type names a few of graphql-ws' options; all of them reach graphql-ws' useServer.
      'graphql-ws': {
        path: '/graphql',
        ...(webSocketOptions({
          auth,
          audit,
          clock,
          schema: () => {
            if (!served) throw new Error('The schema is not built yet.');
            return served;
          },
          rules,
          parseOptions: parseOptions(config),
          format,
        }) as unknown as GraphQLWsSubscriptionsConfig),
      },
    },
  };
}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AccountsModule],
      inject: [AppConfig, AuditService, AuthService, Clock],
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
