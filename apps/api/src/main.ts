import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError, loadConfig } from '@parcours/config';
import { createApiApp, prepareDatabase } from './api-app';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = new Logger('Parcours');
  const app = await createApiApp(config);
  await prepareDatabase(app, config);
  await app.listen({ port: config.port, host: config.host });
  logger.log(`Listening on ${await app.getUrl()} (database: ${config.database.driver}, NODE_ENV=${config.nodeEnv})`);
  stopOnSignals(app, config, logger);
}

function readConfigOrExit(): AppConfig {
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

/** SIGTERM/SIGINT: stop taking requests, finish those in flight, stop background work, close the database. */
function stopOnSignals(app: NestFastifyApplication, config: AppConfig, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing requests in flight, then stopping`);
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

main().catch((error: unknown) => {
  exitOnConfigError(error);
  // Messages of startup failures name hosts and files, not personal data.
  process.stderr.write(`Parcours could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
