import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@parcours/config';
import { Logger } from 'nestjs-pino';
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
  app.useLogger(app.get(Logger));
  app.flushLogs();
  await configureHttp(app, config);
}
