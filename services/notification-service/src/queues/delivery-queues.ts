import { Queue } from 'bullmq';
import { JobPayloads } from '@rosterlink/contracts';

export type LetterRenderQueue = Queue<JobPayloads['letter-render']>;
export type LetterDeliveryQueue = Queue<JobPayloads['letter-delivery']>;
export type TeamAlertEmailQueue = Queue<JobPayloads['team-alert-email']>;

/**
 * Retried with exponential backoff (2 s, 4 s, 8 s, …, about a minute in all); after the last attempt
 * the letter or e-mail is FAILED, visible with its error.
 */
export const DELIVERY_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: 1000,
} as const;

/** One job per letter and step, one per alert e-mail: the job id makes queuing twice harmless. */
export function queueRender(queue: LetterRenderQueue, letterId: string) {
  return queue.add('render', { letterId }, { ...DELIVERY_JOB_OPTIONS, jobId: `render-${letterId}` });
}

export function queueDelivery(queue: LetterDeliveryQueue, letterId: string) {
  return queue.add('deliver', { letterId }, { ...DELIVERY_JOB_OPTIONS, jobId: `deliver-${letterId}` });
}

export function queueTeamAlertEmail(queue: TeamAlertEmailQueue, notificationId: string) {
  return queue.add('email', { notificationId }, { ...DELIVERY_JOB_OPTIONS, jobId: `team-alert-${notificationId}` });
}

/** Whether a failed job has used its last attempt. */
export function isLastAttempt(job: { attemptsMade: number; opts: { attempts?: number } }): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}
