import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DatabaseMigrations } from '@parcours/db';
import { AppLogger, exitOnStartFailure, readConfigOrExit, stopOnSignals } from '@parcours/lifecycle';
import { OutboxRelay } from '@parcours/notifications';
import { WorkerModule } from './worker.module';

/**
 * `npm run relay`: the e-mail relay alone, beside API processes started with RELAY_IN_PROCESS=false.
 * It sends what the API wrote to the outbox; it migrates nothing (the API or `npm run migrate` does).
 */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  if (!config.mail.smtpUrl && !config.sms.provider) throw new Error('Neither SMTP_URL nor SMS_PROVIDER is set: the relay has nothing to send to');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.flushLogs();
  const logger = new NestLogger('Relay');
  try {
    const { pending } = await app.get(DatabaseMigrations).status();
    if (pending.length > 0) throw new Error(`the database has ${pending.length} migration(s) to apply: start the API once, or run npm run migrate`);
    await app.get(OutboxRelay).start();
  } catch (error) {
    await app.close();
    throw error;
  }
  stopOnSignals(app, config, logger, 'finishing the messages in hand');
  logger.log(`Relay running (database: ${config.database.driver}, NODE_ENV=${config.nodeEnv})`);
}

main().catch(exitOnStartFailure('The relay'));
