import { Logger as NestLogger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AccountsBootstrap } from '@parcours/accounts';
import { EntityManager } from '@mikro-orm/core';
import { AppConfig, ConfigError } from '@parcours/config';
import { DatabaseLocks, DatabaseMigrations } from '@parcours/db';
import { AppLogger } from '@parcours/lifecycle';
import { OutcomeModel } from '@parcours/outcomes';
import { AppModule } from './app.module';
import { configureHttp, fastifyAdapter } from './http/fastify';

/** Builds the API application, as main starts it; tests build theirs with the same two calls. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), fastifyAdapter(config), {
    bufferLogs: true,
  });
  await prepareApiApp(app, config);
  return app;
}

export async function prepareApiApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(AppLogger));
  app.flushLogs();
  await configureHttp(app, config);
}

/**
 * What runs before the first request: the pending migrations (unless MIGRATE_ON_START=false), then
 * the first administrator on an empty database. Under the startup lock, so that of several
 * processes started at once on an empty database one migrates and bootstraps, and the others then
 * find it done. A generated password is printed once, on stdout, outside the JSON logs.
 */
/**
 * CLOCK_START may not go back before what the database already holds (the journey's history and
 * the audit, both written at the clock's time): a rehearsal moves forward only.
 */
async function assertClockStartsAfterRecords(app: INestApplicationContext, clockStart: Date): Promise<void> {
  // Two raw reads before anything runs: no unit of work is needed.
  const em = app.get(EntityManager);
  const [events, audit] = await Promise.all([
    em.getConnection().execute<{ latest: unknown }[]>('select max(at) as latest from pathway_event'),
    em.getConnection().execute<{ latest: unknown }[]>('select max(at) as latest from audit_entry'),
  ]);
  // SQLite stores instants as milliseconds; PostgreSQL answers them as text its platform parses.
  const instant = (value: unknown): Date => (value instanceof Date ? value : /^\d+$/.test(String(value)) ? new Date(Number(value)) : em.getPlatform().parseDate(String(value)));
  const instants = [events[0]?.latest, audit[0]?.latest].filter((value) => value !== null && value !== undefined).map(instant);
  const latest = instants.sort((a, b) => b.getTime() - a.getTime())[0];
  if (latest && clockStart < latest) {
    throw new ConfigError([`CLOCK_START: ${clockStart.toISOString()} is earlier than the latest instant this database records (${latest.toISOString()}): a rehearsal's clock only moves forward`]);
  }
}

export async function prepareDatabase(app: INestApplicationContext, config: AppConfig): Promise<void> {
  const logger = new NestLogger('Parcours');
  const bootstrap = await app.get(DatabaseLocks).exclusive('startup', async () => {
    if (config.migrateOnStart) {
      const applied = await app.get(DatabaseMigrations).up();
      if (applied.length > 0) logger.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    }
    if (await app.get(OutcomeModel).ensureCurrent()) logger.log('Counted the outcome model from the journey tables');
    return app.get(AccountsBootstrap).run();
  });
  if (config.clockStart) await assertClockStartsAfterRecords(app, config.clockStart);
  app.get(DatabaseMigrations).markReady();
  if (!bootstrap.created) return;
  logger.log(`Created the operator organisation "${config.bootstrap.operatorName}" and its first administrator`);
  if (bootstrap.generatedPassword) {
    process.stdout.write(
      `\nFirst administrator: ${bootstrap.adminEmail}\nGenerated password (shown this once; change it with changePassword): ${bootstrap.generatedPassword}\n\n`,
    );
  }
}
