import { MikroORM } from '@mikro-orm/core';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from '@parcours/config';
import { Clock } from '@parcours/core';
import { prepareApiApp, prepareDatabase } from '../../apps/api/src/api-app';
import { AppModule } from '../../apps/api/src/app.module';
import { fastifyAdapter } from '../../apps/api/src/http/fastify';
import { GraphqlClient } from './graphql-client';
import { TestClock } from './test-clock';
import { assertTestDatabase, createTestDatabase, type TestDatabase } from './test-database';

/** The administrator every test app starts with. */
export const TEST_ADMIN = { email: 'admin@parcours.test', password: 'Parcours-test-2026' };

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  api: GraphqlClient;
  clock: TestClock;
  orm: MikroORM;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment, as an operator would set it. */
  env?: Record<string, string>;
  /** Modules only tests need (probes of the platform's conventions). */
  imports?: (Type | DynamicModule)[];
  /** Work on the fresh database before the app starts and migrates it (an older schema, filled). */
  prepare?: (databaseUrl: string) => Promise<void>;
  /** The port to listen on (a free one by default): a provider must know the callback's address beforehand. */
  port?: number;
}

/**
 * The API as main starts it, on a fresh database of its own, migrated by the real migrations,
 * listening on a free port, with a clock the test controls.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  // Migrated once for the whole run and copied, unless the test prepares an older schema itself.
  const database: TestDatabase = await createTestDatabase({ migrated: !options.prepare });
  await options.prepare?.(database.url);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    SWEEP_INTERVAL_MINUTES: '0',
    // Statement counts see no background query: the tests that resume an import call the runner.
    IMPORT_RESUME_SECONDS: '0',
    DIGEST_ENABLED: 'false',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...options.env,
    DATABASE_URL: database.url,
  });
  assertTestDatabase(config.database.url);
  const clock = new TestClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config), ...(options.imports ?? [])] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(fastifyAdapter(config), { bufferLogs: true });
  try {
    await prepareApiApp(app, config);
    await prepareDatabase(app, config);
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    await database.drop();
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    config,
    url,
    api: new GraphqlClient(url),
    clock,
    orm: app.get(MikroORM),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * Undoes the one migration whose name ends with `suffix`, leaving the later ones in place, then
 * applies it again: what the migration does to rows already there, tested on the rows a test
 * wrote. Its name.
 */
export async function migrateAgain(orm: MikroORM, suffix: string): Promise<string> {
  const migrator = orm.getMigrator();
  const name = (await migrator.getExecutedMigrations()).map((migration) => migration.name).find((executed) => executed.endsWith(suffix));
  if (!name) throw new Error(`no migration ${suffix} applied`);
  await migrator.down({ migrations: [name] });
  await migrator.up({ migrations: [name] });
  return name;
}
