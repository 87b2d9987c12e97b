import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@rosterlink/platform';
import { serviceEnv, testStack } from '@rosterlink/testing';
import { UPLOAD_SERVICE } from '../src/app.module';

/**
 * Liveness is the process, readiness its dependencies: with the broker unreachable an instance is
 * taken out of traffic (`/health` 503) but not restarted (`/health/live` 200), which is what the
 * Kubernetes probes ask of each (deploy/k8s).
 */
describe('upload-service: liveness without the broker', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createServiceApp(UPLOAD_SERVICE, serviceEnv(testStack(), { KAFKA_BROKERS: '127.0.0.1:1' }));
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers /health/live 200 without a token while /health reports Kafka down with 503', async () => {
    const live = await fetch(`${baseUrl}/health/live`);
    expect({ status: live.status, body: await live.json() }).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await fetch(`${baseUrl}/health`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('kafka');
  });
});
