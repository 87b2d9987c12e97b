import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { jobCountsByState, QueueMetrics, withTimeout } from './queue-metrics';

describe('jobCountsByState', () => {
  it('counts prioritized jobs as waiting and every state BullMQ left out as 0', () => {
    expect(jobCountsByState({ waiting: 3, prioritized: 2, active: 1, failed: 4 })).toEqual({ waiting: 5, active: 1, delayed: 0, failed: 4 });
  });
});

describe('withTimeout', () => {
  it('passes on an answer in time and rejects one that does not come', async () => {
    await expect(withTimeout(Promise.resolve(7), 50, 'x')).resolves.toBe(7);
    await expect(withTimeout(new Promise(() => undefined), 20, 'queue q')).rejects.toThrow('queue q: no answer within 20 ms');
  });
});

/** A Queue for `instanceof`, with getJobCounts replaced: no Redis. */
function fakeQueue(name: string, counts: () => Promise<Record<string, number>>): Queue {
  const queue = Object.create(Queue.prototype) as Queue;
  Object.defineProperty(queue, 'name', { value: name });
  queue.getJobCounts = counts as Queue['getJobCounts'];
  return queue;
}

function metricsOver(...instances: object[]): { registry: Registry; metrics: QueueMetrics } {
  const registry = new Registry();
  const discovery = { getProviders: () => instances.map((instance) => ({ instance })) } as unknown as DiscoveryService;
  const metrics = new QueueMetrics(discovery, registry);
  metrics.onApplicationBootstrap();
  return { registry, metrics };
}

describe('QueueMetrics', () => {
  it('reports every state of every queue among the providers, read on scrape', async () => {
    const { registry } = metricsOver(
      fakeQueue('letter-render', async () => ({ waiting: 2, prioritized: 1, active: 1, delayed: 0, failed: 3 })),
      fakeQueue('letter-delivery', async () => ({})),
      { notAQueue: true },
    );
    const text = await registry.metrics();
    expect(text).toContain('# HELP rosterlink_queue_jobs BullMQ jobs by queue and state');
    expect(text).toContain('rosterlink_queue_jobs{queue="letter-render",state="waiting"} 3');
    expect(text).toContain('rosterlink_queue_jobs{queue="letter-render",state="failed"} 3');
    expect(text).toContain('rosterlink_queue_jobs{queue="letter-delivery",state="delayed"} 0');
  });

  it('leaves out a queue whose counts fail, and keeps the others', async () => {
    const { registry } = metricsOver(
      fakeQueue('roster-import', () => Promise.reject(new Error('Redis away'))),
      fakeQueue('link-request-sla', async () => ({ waiting: 1 })),
    );
    const text = await registry.metrics();
    expect(text).not.toContain('queue="roster-import"');
    expect(text).toContain('rosterlink_queue_jobs{queue="link-request-sla",state="waiting"} 1');
  });

  it('has no series for a service without queues', async () => {
    const { registry } = metricsOver();
    expect(await registry.metrics()).not.toMatch(/^rosterlink_queue_jobs\{/m);
  });
});
