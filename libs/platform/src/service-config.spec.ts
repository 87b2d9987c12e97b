// service-config.ts uses class-transformer's @Type, which needs the Reflect metadata polyfill; the
// platform's index loads it through @nestjs/common, this file imports the module on its own.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Min } from 'class-validator';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig, ServiceConfig } from './service-config';

/** What a service adds to the common settings. */
class UploadServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
  @IsString() @Matches(/^\//) FILE_STORE_DIR = '/var/lib/rosterlink/files';
}

function configError(load: () => unknown): ConfigError {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('gives the local-stack defaults for an empty environment', () => {
    const config = loadConfig(ServiceConfig, {});
    expect(config).toBeInstanceOf(ServiceConfig);
    expect(config.NODE_ENV).toBe('development');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/rosterlink');
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:19092');
    expect(config.KAFKA_TOPIC_PREFIX).toBe('');
    expect(config.OUTBOX_POLL_INTERVAL_MS).toBe(1000);
    expect(config.OUTBOX_BATCH_SIZE).toBe(5000);
    expect(config.EVENT_HANDLER_MAX_ATTEMPTS).toBe(5);
    expect(config.CONSUMER_BATCH_SIZE).toBe(1000);
    expect(config.CONSUMER_BATCH_MAX_WAIT_MS).toBe(500);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.REDIS_KEY_PREFIX).toBe('rosterlink');
    expect(config.AUTH_JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
    expect(config.AUTH_JWKS_URL).toBeUndefined();
    expect(config.AUTH_ISSUER).toBeUndefined();
    expect(config.AUTH_AUDIENCE).toBeUndefined();
    expect(config.AUTH_MAX_TOKEN_LIFETIME_SECONDS).toBe(12 * 60 * 60);
    expect(config.HTTP_JSON_BODY_LIMIT_BYTES).toBe(100 * 1024);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig(ServiceConfig, { DATABASE_POOL_SIZE: '', LOG_LEVEL: '' });
    expect(config.DATABASE_POOL_SIZE).toBe(10);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('takes given values and parses numbers from strings', () => {
    const config = loadConfig(ServiceConfig, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgresql://app:pw@db:5432/roster',
      DATABASE_POOL_SIZE: '25',
      OUTBOX_POLL_INTERVAL_MS: '1000',
      EVENT_HANDLER_MAX_ATTEMPTS: '3',
      KAFKA_TOPIC_PREFIX: 'run-42.',
      REDIS_URL: 'rediss://cache:6380',
      AUTH_ISSUER: 'https://idp.example',
    });
    expect(config.NODE_ENV).toBe('test');
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.DATABASE_URL).toBe('postgresql://app:pw@db:5432/roster');
    expect(config.DATABASE_POOL_SIZE).toBe(25);
    expect(config.OUTBOX_POLL_INTERVAL_MS).toBe(1000);
    expect(config.EVENT_HANDLER_MAX_ATTEMPTS).toBe(3);
    expect(config.KAFKA_TOPIC_PREFIX).toBe('run-42.');
    expect(config.REDIS_URL).toBe('rediss://cache:6380');
    expect(config.AUTH_ISSUER).toBe('https://idp.example');
  });

  it.each([
    ['DATABASE_URL', 'mysql://x'],
    ['KAFKA_BROKERS', 'nohost'],
    ['KAFKA_BROKERS', 'kafka:9092, kafka2:9092'],
    ['DATABASE_POOL_SIZE', 'abc'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', '2.5'],
    ['DATABASE_POOL_SIZE', '101'],
    ['OUTBOX_POLL_INTERVAL_MS', '5'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['REDIS_URL', 'http://cache:6379'],
    ['REDIS_KEY_PREFIX', 'has space'],
    ['AUTH_JWT_SECRET', 'short'],
    ['AUTH_JWKS_URL', 'not a url'],
  ])('refuses %s=%j, naming it', (name, value) => {
    const error = configError(() => loadConfig(ServiceConfig, { [name]: value }));
    expect(error.message).toContain(name);
  });

  it('names every bad variable at once, and no good one', () => {
    const error = configError(() =>
      loadConfig(ServiceConfig, {
        DATABASE_URL: 'mysql://x',
        KAFKA_BROKERS: 'nohost',
        DATABASE_POOL_SIZE: 'abc',
        REDIS_URL: 'redis://cache:6379',
      }),
    );
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).toContain('KAFKA_BROKERS');
    expect(error.message).toContain('DATABASE_POOL_SIZE');
    expect(error.message).not.toContain('REDIS_URL');
    expect(error.message).not.toContain('LOG_LEVEL');
  });

  it('ignores unrelated environment variables', () => {
    const config = loadConfig(ServiceConfig, {
      PATH: '/usr/bin',
      HOME: '/home/app',
      npm_config_cache: '/tmp',
      FOO: 'bar',
    }) as ServiceConfig & Record<string, unknown>;
    expect(config.PATH).toBeUndefined();
    expect(config.FOO).toBeUndefined();
    expect(config.DATABASE_POOL_SIZE).toBe(10);
  });

  describe('in production', () => {
    it('refuses the development secret without AUTH_JWKS_URL', () => {
      const error = configError(() => loadConfig(ServiceConfig, { NODE_ENV: 'production' }));
      expect(error.message).toContain('AUTH_JWT_SECRET');
    });

    it('refuses the development secret given explicitly', () => {
      const error = configError(() =>
        loadConfig(ServiceConfig, { NODE_ENV: 'production', AUTH_JWT_SECRET: DEVELOPMENT_JWT_SECRET }),
      );
      expect(error.message).toContain('AUTH_JWT_SECRET');
    });

    it('accepts a real secret', () => {
      const config = loadConfig(ServiceConfig, {
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: 'k3J9-production-secret-0f8a1c2e',
      });
      expect(config.NODE_ENV).toBe('production');
      expect(config.AUTH_JWT_SECRET).toBe('k3J9-production-secret-0f8a1c2e');
    });

    it('accepts a JWKS URL in place of a secret', () => {
      const config = loadConfig(ServiceConfig, {
        NODE_ENV: 'production',
        AUTH_JWKS_URL: 'https://idp.example/.well-known/jwks.json',
      });
      expect(config.AUTH_JWKS_URL).toBe('https://idp.example/.well-known/jwks.json');
    });
  });

  it('allows the development secret outside production', () => {
    expect(loadConfig(ServiceConfig, { NODE_ENV: 'test' }).AUTH_JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
  });

  describe('a service subclass', () => {
    it('gets its own defaults besides the common ones', () => {
      const config = loadConfig(UploadServiceConfig, {});
      expect(config).toBeInstanceOf(UploadServiceConfig);
      expect(config.MAX_UPLOAD_BYTES).toBe(10 * 1024 * 1024);
      expect(config.FILE_STORE_DIR).toBe('/var/lib/rosterlink/files');
      expect(config.DATABASE_POOL_SIZE).toBe(10);
    });

    it('reads its own variables from the environment', () => {
      const config = loadConfig(UploadServiceConfig, {
        MAX_UPLOAD_BYTES: '1024',
        FILE_STORE_DIR: '/data/files',
        DATABASE_POOL_SIZE: '4',
      });
      expect(config.MAX_UPLOAD_BYTES).toBe(1024);
      expect(config.FILE_STORE_DIR).toBe('/data/files');
      expect(config.DATABASE_POOL_SIZE).toBe(4);
    });

    it('checks its own variables', () => {
      const error = configError(() => loadConfig(UploadServiceConfig, { MAX_UPLOAD_BYTES: 'lots' }));
      expect(error.message).toContain('MAX_UPLOAD_BYTES');
      expect(error.message).not.toContain('FILE_STORE_DIR');
    });

    it('does not see the variables of the base class loaded alone', () => {
      const config = loadConfig(ServiceConfig, { MAX_UPLOAD_BYTES: '1024' }) as ServiceConfig & Record<string, unknown>;
      expect(config.MAX_UPLOAD_BYTES).toBeUndefined();
    });
  });
});

describe('ServiceConfig.kafkaBrokers', () => {
  it('splits the broker list', () => {
    expect(loadConfig(ServiceConfig, { KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092,10.0.0.3:9093' }).kafkaBrokers).toEqual([
      'kafka-1:9092',
      'kafka-2:9092',
      '10.0.0.3:9093',
    ]);
  });

  it('gives a one-element list for the default', () => {
    expect(loadConfig(ServiceConfig, {}).kafkaBrokers).toEqual(['127.0.0.1:19092']);
  });
});
