import { INestApplication, Logger as NestLogger, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { setFlagsFromString } from 'node:v8';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { KafkaEventServer } from '@rosterlink/messaging';
import { Logger } from 'nestjs-pino';
import { dataSourceOptions, DatabaseOptions, openDatabase } from './database';
import { ServicePlatformModule } from './service-platform.module';
import { Clock } from './clock';
import { loadConfig, ServiceConfig } from './service-config';

/** Everything that makes one service: its name, its config class, its schema and its feature module. */
export interface ServiceDefinition<C extends ServiceConfig & { PORT: number }> {
  name: string;
  description: string;
  configClass: new () => C;
  database: DatabaseOptions;
  module: Type<unknown>;
  /**
   * Where the guard reads provider users' grants: a module that provides `GrantSource`
   * (libs/access-grants' projection; access-service its own tables).
   */
  grants: Type<unknown>;
}

/**
 * Creates a service's application on the platform: HTTP with OpenAPI at `/docs` (`/docs-json`)
 * and its Kafka consumer. Tests call this with their own environment, then `listen(0)`.
 */
export async function createServiceApp<C extends ServiceConfig & { PORT: number }>(
  service: ServiceDefinition<C>,
  /** Defaults to the process environment. */
  env?: Record<string, string | undefined>,
  clock?: Clock,
): Promise<INestApplication> {
  const config = loadConfig(service.configClass, env);

  @Module({
    imports: [
      ServicePlatformModule.forRoot({ serviceName: service.name, config, database: service.database, grants: service.grants, clock }),
      service.module,
    ],
  })
  class ServiceRootModule {}

  // The body parser is set up here, not by Nest's default: JSON only, within the configured limit.
  const app = await NestFactory.create<NestExpressApplication>(ServiceRootModule, { bufferLogs: true, abortOnError: false, bodyParser: false });
  // No compressed bodies (inflate: false → 415): a small gzip could otherwise unpack past the limit's intent.
  app.useBodyParser('json', { limit: config.HTTP_JSON_BODY_LIMIT_BYTES, inflate: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`rosterlink ${service.name}`).setDescription(service.description).addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.connectMicroservice({ strategy: app.get(KafkaEventServer) }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  return app;
}

/**
 * V8 grows the heap by a factor of up to 4 over the data live after a full collection (more for a busy
 * process): a burst of short-lived work, whose objects outlive young-generation collections while they
 * wait on PostgreSQL or Kafka, left import-service 200 MiB over its live data for minutes. The factor is
 * read at every collection, so setting it once the process runs is enough (a flag such as
 * --max-old-space-size would need the command line, and a hard limit would turn a large upload into a crash).
 */
function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/**
 * The whole of a service's `main.ts`. `main.js migrate` applies the schema's migrations and
 * exits; `main.js migrate:revert` undoes the last one; no argument runs the service.
 */
export function runService<C extends ServiceConfig & { PORT: number }>(service: ServiceDefinition<C>): void {
  const logger = new NestLogger(service.name);
  const run = async () => {
    const command = process.argv[2];
    if (command === 'migrate' || command === 'migrate:revert') {
      const options = dataSourceOptions(loadConfig(service.configClass), service.database);
      const dataSource = await openDatabase(options, { migrate: command === 'migrate' });
      if (command === 'migrate:revert') await dataSource.undoLastMigration({ transaction: 'each' });
      await dataSource.destroy();
      return;
    }
    limitHeapGrowth(loadConfig(service.configClass).HEAP_GROWING_PERCENT);
    const app = await createServiceApp(service);
    const config = app.get(ServiceConfig) as C;
    await app.listen(config.PORT, config.HOST);
    logger.log(`listening on http://${config.HOST}:${config.PORT} (API docs at /docs)`);
  };
  run().catch((error) => {
    logger.error(`failed to start: ${error?.stack ?? error}`);
    process.exit(1);
  });
}
