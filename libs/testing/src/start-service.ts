import { INestApplication } from '@nestjs/common';
import { Clock, createServiceApp, ServiceConfig, ServiceDefinition } from '@rosterlink/platform';
import { grantsCaughtUp } from './grants';
import { serviceEnv, testStack } from './stack';

export interface RunningService {
  app: INestApplication;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Runs a service in the test process against the test stack, on a free port. */
export async function startService<C extends ServiceConfig & { PORT: number }>(
  service: ServiceDefinition<C>,
  overrides: Record<string, string> = {},
  clock?: Clock,
): Promise<RunningService> {
  const app = await createServiceApp(service, serviceEnv(testStack(), overrides), clock);
  await app.listen(0, '127.0.0.1');
  // Ready once it holds the access grants made so far (grants made before it started hold at once), on its topics.
  const stack = testStack();
  await grantsCaughtUp(service.name, { stack: { kafkaBrokers: stack.kafkaBrokers, topicPrefix: overrides['KAFKA_TOPIC_PREFIX'] ?? stack.topicPrefix } });
  return { app, baseUrl: await app.getUrl(), stop: () => app.close() };
}
