import type { Job, JobsOptions, Queue } from 'bullmq';
import { JobPayloads } from '@rosterlink/contracts';
import { runAgainIfSpent } from './job-once';

/** A BullMQ queue of the contract (`Queues`), by its name. */
export type QueueName = keyof JobPayloads;

/** The queue of `name`, typed by the contract's payload: a job of another shape does not compile. */
export type JobQueue<Q extends QueueName> = Queue<JobPayloads[Q]>;

/** A job taken from the queue of `name`, as its processor receives it. */
export type QueuedJob<Q extends QueueName> = Job<JobPayloads[Q]>;

/** How the jobs of one queue are added: the job name BullMQ shows, and the id that names the work. */
export interface JobKind<Q extends QueueName> {
  jobName: string;
  /**
   * One id per piece of work (a case, a letter's step): adding a job whose id is taken adds
   * nothing, so queuing twice is harmless.
   */
  jobId(payload: JobPayloads[Q]): string;
}

/**
 * Every queue of the contract, with its job name and id builder. The mapped type makes a queue
 * added to `JobPayloads` fail to compile here until its jobs are declared. (Proposed to move
 * next to `JobPayloads` in libs/contracts/src/jobs.ts; the values are published: never change one.)
 */
export const JOB_KINDS: { readonly [Q in QueueName]: JobKind<Q> } = {
  'roster-import': { jobName: 'roster-import', jobId: ({ caseNumber }) => caseNumber },
  // Added by BullMQ's job scheduler (link-request-service), which names the schedule, not the job.
  'link-request-sla': { jobName: 'sweep', jobId: () => 'link-request-sla-sweep' },
  'letter-render': { jobName: 'render', jobId: ({ letterId }) => `render-${letterId}` },
  'letter-delivery': { jobName: 'deliver', jobId: ({ letterId }) => `deliver-${letterId}` },
  'team-alert-email': { jobName: 'email', jobId: ({ notificationId }) => `team-alert-${notificationId}` },
};

/** The id of the job that does `payload`'s work on the queue of `name`. */
export function jobIdOf<Q extends QueueName>(name: Q, payload: JobPayloads[Q]): string {
  return JOB_KINDS[name].jobId(payload);
}

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
