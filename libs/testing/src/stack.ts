/**
 * The real servers a test run uses, as jest's global setup prepared them (see jest/global-setup.ts):
 * its own database, its own topic prefix and consumer groups, its own Redis key prefix.
 */
export interface TestStack {
  mode: 'local' | 'testcontainers';
  databaseUrl: string;
  kafkaBrokers: string;
  topicPrefix: string;
  redisUrl: string;
  redisKeyPrefix: string;
  fileStoreDir: string;
  /** How tests stop and start the broker: `local:<instance>` or `container:<id>`. */
  kafkaControl: string;
}

const ENV = {
  mode: 'ROSTERLINK_TEST_MODE',
  databaseUrl: 'ROSTERLINK_TEST_DATABASE_URL',
  kafkaBrokers: 'ROSTERLINK_TEST_KAFKA_BROKERS',
  topicPrefix: 'ROSTERLINK_TEST_TOPIC_PREFIX',
  redisUrl: 'ROSTERLINK_TEST_REDIS_URL',
  redisKeyPrefix: 'ROSTERLINK_TEST_REDIS_KEY_PREFIX',
  fileStoreDir: 'ROSTERLINK_TEST_FILE_STORE_DIR',
  kafkaControl: 'ROSTERLINK_TEST_KAFKA_CONTROL',
} as const satisfies Record<keyof TestStack, string>;

/** Hands the stack to the test workers (they inherit the environment of jest's main process). */
export function publishTestStack(stack: TestStack): void {
  for (const [field, variable] of Object.entries(ENV)) process.env[variable] = stack[field as keyof TestStack];
}

export function testStack(): TestStack {
  const entries = Object.entries(ENV).map(([field, variable]) => {
    const value = process.env[variable];
    if (value === undefined) throw new Error(`${variable} is not set: run through jest.integration.config.cts or jest.e2e.config.cts`);
    return [field, value];
  });
  return Object.fromEntries(entries) as TestStack;
}

/** The environment a service needs to run against the test stack. */
export function serviceEnv(stack: TestStack, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['ROSTERLINK_TEST_LOG_LEVEL'] ?? 'warn',
    DATABASE_URL: stack.databaseUrl,
    DATABASE_POOL_SIZE: '4',
    KAFKA_BROKERS: stack.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: stack.topicPrefix,
    OUTBOX_POLL_INTERVAL_MS: '50',
    REDIS_URL: stack.redisUrl,
    REDIS_KEY_PREFIX: stack.redisKeyPrefix,
    ROSTER_FILE_STORE_DIR: stack.fileStoreDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    ...overrides,
  };
}

export const TEST_JWT_SECRET = 'rosterlink-test-secret-0123456789';
