import { Module } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { safeError } from './safe-error';

/**
 * JSON logs, one line per event, each with the request id. Requests are logged by method, path
 * and status only: no headers (tokens), no query strings or bodies (personal data).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          // The id fastify chose (see http/fastify.ts), set on the raw request.
          genReqId: (req: IncomingMessage) => req.id ?? 'unknown',
          // Every line logged during a request carries its id as reqId, and nothing else of it.
          quietReqLogger: true,
          serializers: {
            req: (req: { id?: string; method?: string; url?: string }) => ({
              id: req.id,
              method: req.method,
              path: (req.url ?? '').split('?')[0],
            }),
            res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            err: safeError,
          },
          autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
          customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
            error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        },
      }),
    }),
  ],
})
export class LoggingModule {}
