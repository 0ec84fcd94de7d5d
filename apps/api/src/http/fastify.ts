import fastifyCookie from '@fastify/cookie';
import { Logger } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppLogger } from '@parcours/lifecycle';
import { runInAuditScope } from '@parcours/unit-of-work';
import { AppConfig } from '@parcours/config';
import { IMPORT_LIMITS } from '@parcours/imports';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { unfitBody } from '../graphql/operation-checks';
import { CONSOLE_DIR } from '../project';
import { accessLog } from './access-log';
import { serveConsole } from './console';
import { helmetOptions, securityHeaders } from './security-headers';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** What browsers call the files an import takes (a .csv may be "Excel" on Windows). */
const UPLOAD_TYPES = ['application/octet-stream', 'text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/**
 * The HTTP layer, set explicitly: body limit, trusted proxies, request ids (taken from the
 * configured header when it is well-formed, else generated; the access log and every error line
 * name it).
 */
export function fastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (raw: IncomingMessage) => {
      const incoming = raw.headers[config.requestIdHeader];
      return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
  });
}

/** What every app instance gets, whether started by main or by a test. */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  accessLog(fastify, app.get(AppLogger).pino);
  // Every request runs in an audit scope: writes of personal data below it know who and which request.
  fastify.addHook('onRequest', (request, _reply, done) => runInAuditScope({ requestId: request.id, operation: 'http' }, done));
  // The REST routes (sessions, exports) hold their input to the rule GraphQL's has (operation-checks.ts), before any handler runs.
  fastify.addHook('preHandler', async (request, reply) => {
    if (request.url.startsWith('/graphql')) return;
    const unfit = unfitBody(request.query, 'query') ?? unfitBody(request.body, 'body');
    if (unfit) await reply.status(400).send({ statusCode: 400, code: 'BAD_USER_INPUT', message: `The request's ${unfit}` });
  });
  // A file uploaded (an import's list) arrives as its raw bytes, whatever the browser calls it, up to the import's own limit (and a little over, so that the import says in French what is too large).
  fastify.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.bytes + 1_048_576 }, (_request, body, done) => done(null, body));
  fastify.addHook('onSend', async (request, reply) => {
    reply.header(config.requestIdHeader, request.id);
  });
  // helmet's headers on every response, computed once (security-headers.ts). The console's pages carry their own policy (console.ts).
  const headers = securityHeaders(helmetOptions(config.isProduction));
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  // The console's refresh token travels in a cookie (accounts/browser-session.controller.ts).
  await fastify.register(fastifyCookie);
  const logger = new Logger('Console');
  if (await serveConsole(fastify, CONSOLE_DIR)) logger.log(`Serving the console (${CONSOLE_DIR}) at /`);
  else logger.warn(`No console built in ${CONSOLE_DIR} (npm run build:web): serving the API only`);
}
