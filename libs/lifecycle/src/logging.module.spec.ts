import { Logger } from '@nestjs/common';
import type { AppConfig } from '@parcours/config';
import { Writable } from 'node:stream';
import { AppLogger, appPino } from './logging.module';

/** An AppLogger writing to memory, and the lines it wrote. */
function capture(level = 'info'): { logger: AppLogger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => (chunks.push(String(chunk)), done()) });
  const logger = new AppLogger({ logLevel: level } as AppConfig);
  Object.assign(logger, { pino: appPino(level, stream) });
  return { logger, lines: () => chunks.join('').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('AppLogger: Nest\'s loggers written as pino lines', () => {
  afterEach(() => Logger.overrideLogger(false));

  it('a message with its context, an object merged into its line, levels as Nest names them', () => {
    const { logger, lines } = capture('debug');
    Logger.overrideLogger(logger);
    const nest = new Logger('Relay');
    nest.log('Relay running');
    nest.warn({ reqId: 'r-1', pending: 3 }, 'Messages waiting');
    nest.debug('detail');
    nest.verbose('below the level');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 30, context: 'Relay', msg: 'Relay running' }),
      expect.objectContaining({ level: 40, context: 'Relay', reqId: 'r-1', pending: 3, msg: 'Messages waiting' }),
      expect.objectContaining({ level: 20, context: 'Relay', msg: 'detail' }),
    ]);
  });

  it('never writes an error\'s message: an error, a caller\'s err and Nest\'s own (message, stack) keep their class, code and frames only', () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    const nest = new Logger('GraphQL');
    const failure = Object.assign(new Error('insert into participant values (\'Dupont\', \'1970-01-01\')'), { code: 'SQLITE_ERROR' });
    nest.error({ reqId: 'r-2', err: failure }, 'Unexpected error');
    logger.error(failure);
    logger.error('Unhandled: Dupont', failure.stack, 'ExceptionsHandler');
    const written = lines();
    expect(written).toHaveLength(3);
    expect(written[0]).toMatchObject({ level: 50, reqId: 'r-2', msg: 'Unexpected error', err: { type: 'Error', code: 'SQLITE_ERROR' } });
    expect(written[1]).toMatchObject({ level: 50, err: { type: 'Error', code: 'SQLITE_ERROR' } });
    expect(written[2]).toMatchObject({ level: 50, context: 'ExceptionsHandler', msg: 'Unexpected error', err: { stack: expect.stringContaining('at ') } });
    // The value's forms, not its year alone: a line's own timestamp (milliseconds) may hold the digits 1970.
    expect(JSON.stringify(written)).not.toMatch(/Dupont|1970-01-01|insert into/);
  });
});
