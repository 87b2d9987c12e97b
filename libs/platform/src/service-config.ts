// class-transformer's @Type reads decorator metadata.
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import type { AuthOptions } from '@rosterlink/auth';
import type { MessagingOptions } from '@rosterlink/messaging';
import { DEFAULT_JSON_BODY_LIMIT_BYTES } from './request-limits';

export const DEVELOPMENT_JWT_SECRET = 'rosterlink-local-development-secret';

/**
 * What every service reads from its environment, with the local-stack defaults. A service
 * extends it with its own settings; `loadConfig` is the only place that reads `process.env`.
 */
export class ServiceConfig {
  @IsIn(['development', 'test', 'production']) NODE_ENV = 'development';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** Interface the HTTP server binds to. */
  @IsString() HOST = '127.0.0.1';
  /**
   * How far V8 lets the heap grow past what was live after a full collection before the next one
   * (`--heap-growing-percent`, set by runService): after a burst (a 100,000-row import, a consumed
   * backlog) memory goes back in seconds instead of the heap doubling first. 0 leaves V8's own factor.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(300) HEAP_GROWING_PERCENT = 20;

  @IsString() @Matches(/^postgres(ql)?:\/\//) DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/rosterlink';
  @Type(() => Number) @IsInt() @Min(1) @Max(100) DATABASE_POOL_SIZE = 10;

  /** Comma-separated bootstrap brokers. */
  @IsString() @Matches(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/) KAFKA_BROKERS = '127.0.0.1:19092';
  /** Prepended to topic and consumer-group names: empty in production, unique per test run. */
  @IsString() @Matches(/^[\w.-]*$/) KAFKA_TOPIC_PREFIX = '';
  /** The relay is woken when events commit (LISTEN/NOTIFY); this poll is its safety net. */
  @Type(() => Number) @IsInt() @Min(10) OUTBOX_POLL_INTERVAL_MS = 1000;
  @Type(() => Number) @IsInt() @Min(1) @Max(50_000) OUTBOX_BATCH_SIZE = 5000;
  @Type(() => Number) @IsInt() @Min(1) EVENT_HANDLER_MAX_ATTEMPTS = 5;
  /** Most messages of one partition a consumer handles in one transaction. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) CONSUMER_BATCH_SIZE = 1000;
  /** Longest a consumer's fetch waits for messages to arrive. */
  @Type(() => Number) @IsInt() @Min(10) @Max(30_000) CONSUMER_BATCH_MAX_WAIT_MS = 500;

  @IsString() @Matches(/^rediss?:\/\//) REDIS_URL = 'redis://127.0.0.1:6379';
  /** Prefix of every Redis key (BullMQ queues), so runs and environments never share keys. */
  @IsString() @Matches(/^[\w.:-]+$/) REDIS_KEY_PREFIX = 'rosterlink';

  @IsString() @MinLength(16) AUTH_JWT_SECRET = DEVELOPMENT_JWT_SECRET;
  @IsOptional() @IsUrl({ require_tld: false }) AUTH_JWKS_URL?: string = undefined;
  @IsOptional() @IsString() AUTH_ISSUER?: string = undefined;
  @IsOptional() @IsString() AUTH_AUDIENCE?: string = undefined;
  /** The largest JSON body a service parses; larger ones are 413. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(10 * 1024 * 1024) HTTP_JSON_BODY_LIMIT_BYTES = DEFAULT_JSON_BODY_LIMIT_BYTES;
  /** Tokens without `exp`, or living longer than this (seconds), are refused. */
  @Type(() => Number) @IsInt() @Min(60) @Max(7 * 24 * 3600) AUTH_MAX_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

  /** The bearer-token settings, for the services' guard and the dashboard's server alike. */
  get authOptions(): AuthOptions {
    return {
      jwtSecret: this.AUTH_JWT_SECRET,
      jwksUrl: this.AUTH_JWKS_URL,
      issuer: this.AUTH_ISSUER,
      audience: this.AUTH_AUDIENCE,
      maxTokenLifetimeSeconds: this.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    };
  }

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }

  /** The messaging settings of the process named `serviceName` (its client id, consumer group and ce_source). */
  messagingOptions(serviceName: string): MessagingOptions {
    return {
      serviceName,
      brokers: this.kafkaBrokers,
      topicPrefix: this.KAFKA_TOPIC_PREFIX,
      outboxPollIntervalMs: this.OUTBOX_POLL_INTERVAL_MS,
      outboxBatchSize: this.OUTBOX_BATCH_SIZE,
      maxHandlerAttempts: this.EVENT_HANDLER_MAX_ATTEMPTS,
      consumerBatchSize: this.CONSUMER_BATCH_SIZE,
      consumerBatchMaxWaitMs: this.CONSUMER_BATCH_MAX_WAIT_MS,
    };
  }
}

export class ConfigError extends Error {}

/** Builds `configClass` from the environment, checked; throws naming every bad variable. */
export function loadConfig<T extends ServiceConfig>(
  configClass: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const declared = Object.keys(new configClass());
  const given = Object.fromEntries(declared.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(configClass, given, { exposeDefaultValues: true });
  // One reason per variable: the first rule it breaks.
  const problems = validateSync(config, { stopAtFirstError: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((message) => `${e.property}: ${message}`),
  );
  if (config.NODE_ENV === 'production' && config.AUTH_JWT_SECRET === DEVELOPMENT_JWT_SECRET && !config.AUTH_JWKS_URL) {
    problems.push('AUTH_JWT_SECRET: the development secret is refused in production (or set AUTH_JWKS_URL)');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}
