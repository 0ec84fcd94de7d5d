import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApiApp, prepareDatabase } from './api-app';
import { exitOnStartFailure, readConfigOrExit, stopOnSignals } from '@parcours/lifecycle';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = new Logger('Parcours');
  const app = await createApiApp(config);
  await prepareDatabase(app, config);
  await app.listen({ port: config.port, host: config.host });
  logger.log(`Listening on ${await app.getUrl()} (database: ${config.database.driver}, NODE_ENV=${config.nodeEnv})`);
  stopOnSignals(app, config, logger);
}

main().catch(exitOnStartFailure('Parcours'));
