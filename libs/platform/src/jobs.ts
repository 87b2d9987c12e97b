import type { Job, JobsOptions, Queue } from 'bullmq';
import { JOB_KINDS, JobKind, jobIdOf, JobPayloads, QueueName } from '@rosterlink/contracts';
import { runAgainIfSpent } from './job-once';

/** The queue of `name`, typed by the contract's payload: a job of another shape does not compile. */
export type JobQueue<Q extends QueueName> = Queue<JobPayloads[Q]>;

/** A job taken from the queue of `name`, as its processor receives it. */
export type QueuedJob<Q extends QueueName> = Job<JobPayloads[Q]>;

function requireQueue(queue: { name: string }, name: QueueName): void {
  // A queue injected under the wrong token would take jobs no processor of this name reads.
  if (queue.name !== name) throw new Error(`Job for queue "${name}" added to queue "${queue.name}"`);
}

/**
 * Adds the job for `payload`'s work, under its declared name and id. A job of that id already
 * queued is left as it is; one that used up its attempts while the work is still unfinished runs
 * again (runAgainIfSpent). `options` are the producer's (attempts, backoff…) over the queue's defaults.
 */
export async function addJob<Q extends QueueName>(
  queue: JobQueue<Q>,
  name: Q,
  payload: JobPayloads[Q],
  options: Omit<JobsOptions, 'jobId'> = {},
): Promise<QueuedJob<Q>> {
  requireQueue(queue, name);
  const kind: JobKind<Q> = JOB_KINDS[name];
  // The signature holds the typing; BullMQ's own generics cannot follow a queue chosen by `Q`.
  const untyped: Queue = queue;
  const job: QueuedJob<Q> = await untyped.add(kind.jobName, payload, { ...options, jobId: kind.jobId(payload) });
  return runAgainIfSpent(job);
}

/** Removes the job of `payload`'s work (done or failed) so that adding it again starts afresh; a no-op when it is absent. */
export async function removeJob<Q extends QueueName>(queue: JobQueue<Q>, name: Q, payload: JobPayloads[Q]): Promise<void> {
  requireQueue(queue, name);
  await queue.remove(jobIdOf(name, payload));
}
