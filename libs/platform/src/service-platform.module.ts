import { DynamicModule, MiddlewareConsumer, Module, NestModule, Type } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_FILTER, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@rosterlink/auth';
import { MessagingModule } from '@rosterlink/messaging';
import { LoggerModule } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { dataSourceOptions, DatabaseOptions, openDatabase } from './database';
import { HealthController, SchemaHealthIndicator } from './health.controller';
import { ErrorResponseFilter, strictValidationPipe } from './http-errors';
import { loggingParams } from './logging';
import { createMetricsRegistry, HttpMetricsMiddleware, MetricsController } from './metrics';
import { QueueMetrics } from './queue-metrics';
import { createRedis, REDIS, RedisHealthIndicator, RedisLifecycle } from './redis';
import { Clock, SystemClock } from './clock';
import { ServiceConfig } from './service-config';
import { jobTraceTelemetry, TraceContextMiddleware } from './trace-context';

export interface ServicePlatformOptions {
  serviceName: string;
  config: ServiceConfig;
  database: DatabaseOptions;
  /** The module that provides the guard's GrantSource. */
  grants: Type<unknown>;
  /** Tests pass a clock they can move; otherwise the system clock. */
  clock?: Clock;
}

/**
 * What every rosterlink service stands on: typed config, JSON logs, its own PostgreSQL schema
 * (migrated at start), Kafka through the outbox, Redis and BullMQ, the bearer-token guard,
 * strict DTO validation, the contract's error shape, `/health` and `/metrics`, and W3C trace
 * context from the HTTP request through the outbox, Kafka and BullMQ into every log line.
 */
@Module({})
export class ServicePlatformModule implements NestModule {
  static forRoot({ serviceName, config, database, grants, clock }: ServicePlatformOptions): DynamicModule {
    return {
      module: ServicePlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggingParams(serviceName, config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions(config, database),
          dataSourceFactory: (options) => openDatabase(options!),
        }),
        TerminusModule.forRoot({ logger: false }),
        // Queues a service registers (BullModule.registerQueue) share this connection and key prefix,
        // and carry the trace context from where a job is added to where it runs.
        BullModule.forRoot({ connection: { url: config.REDIS_URL }, prefix: config.REDIS_KEY_PREFIX, telemetry: jobTraceTelemetry }),
        // QueueMetrics finds those queues among the providers, whichever module registers them.
        DiscoveryModule,
        AuthModule.forRoot(config.authOptions, grants),
        MessagingModule.forRoot(config.messagingOptions(serviceName)),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: ServiceConfig, useValue: config },
        { provide: Clock, useValue: clock ?? new SystemClock() },
        { provide: config.constructor, useValue: config },
        { provide: Registry, useValue: createMetricsRegistry(serviceName) },
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL) },
        { provide: APP_FILTER, useClass: ErrorResponseFilter },
        { provide: APP_PIPE, useFactory: strictValidationPipe },
        RedisLifecycle,
        RedisHealthIndicator,
        SchemaHealthIndicator,
        QueueMetrics,
      ],
      exports: [ServiceConfig, config.constructor, Registry, REDIS, Clock, AuthModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The trace first: whatever follows (metrics, guards, handlers, logs) runs within it.
    consumer.apply(TraceContextMiddleware, HttpMetricsMiddleware).forRoutes('*path');
  }
}
