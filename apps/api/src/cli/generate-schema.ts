import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@parcours/config';
import { writeFileSync } from 'node:fs';
import { AppModule } from '../app.module';
import { printApiSchema, SCHEMA_FILE } from '../graphql/print-schema';
import { fastifyAdapter } from '../http/fastify';

/** npm run schema: writes schema.gql from the code (on a throwaway in-memory database). */
async function generateSchema(): Promise<void> {
  const config = loadConfig({ ...process.env, DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'warn', NODE_ENV: 'development' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), fastifyAdapter(config), { logger: ['error'] });
  await app.init();
  writeFileSync(SCHEMA_FILE, printApiSchema(app.get(GraphQLSchemaHost).schema));
  await app.close();
  process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
}

generateSchema().catch((error: unknown) => {
  process.stderr.write(`Could not generate the schema: ${(error as Error).message}\n`);
  process.exit(1);
});
