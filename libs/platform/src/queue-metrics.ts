import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';

/** The job states `rosterlink_queue_jobs` reports, every one of them, zero included. */
export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

/** The BullMQ counts asked for: `prioritized` jobs are waiting too (BullMQ keeps them in a list of their own). */
const COUNTED_TYPES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

/** Longest a scrape waits for Redis: BullMQ's connection queues commands while Redis is away instead of failing them. */
const COUNTS_TIMEOUT_MS = 2000;

/** The gauge's value per state from BullMQ's counts; a state BullMQ did not return counts 0. */
export function jobCountsByState(counts: Readonly<Record<string, number | undefined>>): Record<QueueJobState, number> {
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
  };
}

/** `work` or a rejection after `ms`: a scrape never hangs on a server that does not answer. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The queues and workers among the application's providers, each once, by queue name. */
export function discoverQueues(discovery: DiscoveryService): { queues: Map<string, Queue>; workers: Map<string, Worker> } {
  const queues = new Map<string, Queue>();
  const workers = new Map<string, Worker>();
  for (const { instance } of discovery.getProviders()) {
    if (instance instanceof Queue) queues.set(instance.name, instance);
    if (instance instanceof WorkerHost) {
      try {
        workers.set(instance.worker.name, instance.worker);
      } catch {
        // A processor whose worker is not started (manual registration): nothing to count.
      }
    }
  }
  return { queues, workers };
}

/**
 * BullMQ on `/metrics`, for every queue the service registers (found among its providers, so a
 * new queue is covered without further wiring): `rosterlink_queue_jobs{queue,state}` read from
 * Redis with getJobCounts at scrape time, and `rosterlink_queue_job_attempts_failed_total{queue}`,
 * counted from this process's workers' `failed` events (every failed attempt, retried or final).
 * A queue whose counts do not come within two seconds has no sample on that scrape rather than a
 * stale one; the rest of the scrape is unaffected.
 */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap {
  private readonly logger = new Logger(QueueMetrics.name);
  private queues = new Map<string, Queue>();
  private readonly failedAttempts: Counter<'queue'>;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(Registry) registry: Registry,
  ) {
    const queuesOf = () => this.queues;
    new Gauge({
      name: 'rosterlink_queue_jobs',
      help: 'BullMQ jobs by queue and state (waiting includes prioritized), read from Redis at scrape time; absent while Redis does not answer',
      labelNames: ['queue', 'state'],
      registers: [registry],
      collect: async function (this: Gauge<'queue' | 'state'>) {
        this.reset();
        await Promise.all([...queuesOf()].map(async ([name, queue]) => {
          try {
            const counts = jobCountsByState(await withTimeout(queue.getJobCounts(...COUNTED_TYPES), COUNTS_TIMEOUT_MS, `queue ${name}`));
            for (const state of QUEUE_JOB_STATES) this.set({ queue: name, state }, counts[state]);
          } catch {
            // No sample for this queue on this scrape; the alert on absence and `up` tell the rest.
          }
        }));
      },
    });
    this.failedAttempts = new Counter({
      name: 'rosterlink_queue_job_attempts_failed_total',
      help: "Failed BullMQ job attempts by queue, counted by this process's workers (a retried attempt counts as well as a final one)",
      labelNames: ['queue'],
      registers: [registry],
    });
  }

  /** After every module's onModuleInit, when @nestjs/bullmq has created the workers. */
  onApplicationBootstrap(): void {
    const { queues, workers } = discoverQueues(this.discovery);
    this.queues = queues;
    for (const [name, worker] of workers) {
      // Zero from the start, so that `increase()` sees the first failure.
      this.failedAttempts.inc({ queue: name }, 0);
      worker.on('failed', () => this.failedAttempts.inc({ queue: name }));
    }
    if (queues.size > 0) this.logger.debug(`Queue metrics for ${[...queues.keys()].join(', ')}`);
  }
}
