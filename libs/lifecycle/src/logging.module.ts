import { Global, Injectable, Module, type LoggerService } from '@nestjs/common';
import { AppConfig } from '@parcours/config';
import { pino, type DestinationStream, type Level, type Logger as Pino } from 'pino';
import { safeError } from './safe-error';

/** The process's pino: JSON lines on stdout (or `stream`), every `err` through safeError. */
export function appPino(level: string, stream?: DestinationStream): Pino {
  const options = { level, serializers: { err: safeError } };
  return stream ? pino(options, stream) : pino(options);
}

/** Nest's internal exception handler calls error(message, stack): that stack is an error's. */
const STACK = /\n\s*at /;

/**
 * JSON logs, one line per event (pino). Nest's loggers write through it: `new Logger('Context')`
 * gives `context`, an object first (`logger.error({ reqId, err }, 'Unexpected error')`) is merged
 * into the line, and every `err` goes through safeError (never an error's message). No request is
 * bound to the logger: a line about a request names its `reqId` itself, and the access log
 * (apps/api/src/http/access-log.ts) writes one line per request.
 */
@Injectable()
export class AppLogger implements LoggerService {
  readonly pino: Pino;

  constructor(config: AppConfig) {
    this.pino = appPino(config.logLevel);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest appends the logger's context as the last parameter; what comes before it is the message's. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const line: Record<string, unknown> = {};
    let rest = params;
    if (params.length > 0) {
      line.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    if (message instanceof Error) {
      line.err = message;
      this.pino[level](line, message.name);
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(line, message);
      this.pino[level](line, ...(rest.filter((part) => part !== undefined) as [string]));
    } else if (level === 'error' && rest.length === 1 && typeof rest[0] === 'string' && STACK.test(rest[0])) {
      const error = new Error();
      error.stack = rest[0];
      line.err = error;
      // Nest's own message quotes the error's: the line keeps the frames only.
      this.pino[level](line, 'Unexpected error');
    } else {
      this.pino[level](line, String(message));
    }
  }
}

/** The application's logger, for `app.useLogger(app.get(AppLogger))` and the access log. */
@Global()
@Module({ providers: [AppLogger], exports: [AppLogger] })
export class LoggingModule {}
