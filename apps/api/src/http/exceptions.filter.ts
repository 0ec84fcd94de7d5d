import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@parcours/core';
import { safeError } from '@parcours/lifecycle';

/**
 * Replaces Nest's default exception handler, which logs every error thrown below a resolver with
 * its message, at error level: a driver's message is the SQL with its values (names, birth dates,
 * password hashes), and NOT_FOUND is an expected answer. GraphQL errors go on to Apollo, which
 * answers them (errors.ts) and logs the unexpected ones by type, code and frames
 * (error-logging.plugin.ts); an HTTP route's unexpected error is answered 500 and logged the same way.
 */
@Catch()
export class ExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException) return reply.status(exception.getStatus()).send(exception.getResponse());
    // A route's expected refusal (the outcome export's rules): its code, as GraphQL would answer it.
    if (exception instanceof DomainError) {
      const status = exception.code === 'NOT_FOUND' ? 404 : exception.code === 'FORBIDDEN' ? 403 : 400;
      return reply.status(status).send({ statusCode: status, code: exception.code, message: exception.message });
    }
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    this.logger.error({ reqId: request.id, err: safeError(exception) }, 'Unexpected error');
    return reply.status(500).send({ statusCode: 500, message: 'Internal server error.' });
  }
}
