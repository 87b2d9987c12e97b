import { DefaultJobOptions, Queue } from 'bullmq';
import { JobPayloads } from '@rosterlink/contracts';
import { runAgainIfSpent } from '@rosterlink/platform';
import type { NotificationServiceConfig } from '../config/notification-service.config';

export type LetterRenderQueue = Queue<JobPayloads['letter-render']>;
export type LetterDeliveryQueue = Queue<JobPayloads['letter-delivery']>;
export type TeamAlertEmailQueue = Queue<JobPayloads['team-alert-email']>;

/**
 * The jobs' retry policy, from the configuration: exponential backoff, and after the last attempt
 * the letter or e-mail is FAILED, visible with its error.
 */
export function deliveryJobOptions(config: NotificationServiceConfig): DefaultJobOptions {
  return {
    attempts: config.DELIVERY_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.DELIVERY_BACKOFF_MS },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}

/**
 * One job per letter and step, one per alert e-mail: the job id makes queuing twice harmless, and
 * a spent job of unfinished work runs again (runAgainIfSpent). Attempts and backoff are the
 * queues' defaults (deliveryJobOptions, in app.module).
 */
export async function queueRender(queue: LetterRenderQueue, letterId: string): Promise<void> {
  await runAgainIfSpent(await queue.add('render', { letterId }, { jobId: `render-${letterId}` }));
}

export async function queueDelivery(queue: LetterDeliveryQueue, letterId: string): Promise<void> {
  await runAgainIfSpent(await queue.add('deliver', { letterId }, { jobId: `deliver-${letterId}` }));
}

export async function queueTeamAlertEmail(queue: TeamAlertEmailQueue, notificationId: string): Promise<void> {
  await runAgainIfSpent(await queue.add('email', { notificationId }, { jobId: `team-alert-${notificationId}` }));
}

/** Whether a failed job has used its last attempt. */
export function isLastAttempt(job: { attemptsMade: number; opts: { attempts?: number } }): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}
