import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from '@parcours/config';

/**
 * What every Parcours process (the API, the relay) does at its edges: read the environment or stop
 * with one line per problem; stop cleanly on SIGTERM/SIGINT within SHUTDOWN_TIMEOUT_MS; report a
 * failure to start in one line.
 */
export function readConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    exitOnConfigError(error);
    throw error;
  }
}

function exitOnConfigError(error: unknown): void {
  if (!(error instanceof ConfigError)) return;
  for (const problem of error.problems) process.stderr.write(`Configuration error: ${problem}\n`);
  process.exit(1);
}

/** SIGTERM/SIGINT: `app.close()` runs every shutdown hook (requests in flight, the relay, the database), then exit 0. */
export function stopOnSignals(app: INestApplicationContext, config: AppConfig, logger: LoggerService, what = 'finishing requests in flight'): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: ${what}, then stopping`);
    setTimeout(() => {
      logger.error(`Still stopping after ${config.shutdownTimeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    app.close().then(
      () => {
        logger.log('Stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Error while stopping: ${(error as Error).name}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** The last word of a process that could not start: one line, no personal data (messages of startup failures name hosts and files). */
export function exitOnStartFailure(name: string) {
  return (error: unknown): never => {
    exitOnConfigError(error);
    process.stderr.write(`${name} could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  };
}
