import { RunningService, startService } from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';

/** The operations series of issue 15 on a running link-request-service's /metrics, with plausible values. */
describe('link-request-service: /metrics for operations', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await startService(LINK_REQUEST_SERVICE);
  });

  afterAll(async () => {
    await service?.stop();
  });

  /** The value of the one sample of `name` whose labels include every one of `labels`. */
  function sample(text: string, name: string, labels: Record<string, string>): number {
    const lines = text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
    const found = lines.filter((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
    expect(found).toHaveLength(1);
    return Number(found[0].slice(found[0].lastIndexOf(' ') + 1));
  }

  it('has SLA state, queue depth, outbox age and dead-letter depth', async () => {
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const own = { service: 'link-request-service' };
    for (const state of ['ON_TRACK', 'WARNING', 'BREACHED']) {
      expect(sample(text, 'rosterlink_link_requests_open', { ...own, sla_state: state })).toBeGreaterThanOrEqual(0);
    }
    for (const state of ['waiting', 'active', 'delayed', 'failed']) {
      expect(sample(text, 'rosterlink_queue_jobs', { ...own, queue: 'link-request-sla', state })).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'rosterlink_queue_job_attempts_failed_total', { ...own, queue: 'link-request-sla' })).toBeGreaterThanOrEqual(0);
    const age = sample(text, 'rosterlink_outbox_oldest_unpublished_age_seconds', own);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(3600);
    expect(sample(text, 'rosterlink_kafka_dead_letter_messages', { ...own, topic: 'practitioner.affiliated.v1.dlq' })).toBeGreaterThanOrEqual(0);
    expect(text).toContain('# HELP rosterlink_link_requests_open ');
  });
});
