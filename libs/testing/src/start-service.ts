import { INestApplication } from '@nestjs/common';
import { Clock, createServiceApp, ServiceConfig, ServiceDefinition } from '@rosterlink/platform';
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
  return { app, baseUrl: await app.getUrl(), stop: () => app.close() };
}
