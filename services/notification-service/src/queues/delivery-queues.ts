import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DefaultJobOptions } from 'bullmq';
import { Queues } from '@rosterlink/contracts';
import { addJob, JobQueue, removeJob } from '@rosterlink/platform';
import type { NotificationServiceConfig } from '../config/notification-service.config';

/** The service's queues; each has exactly one processor, checked at start-up (JobProcessorsCheckModule). */
export const DELIVERY_QUEUES = [Queues.LetterRender, Queues.LetterDelivery, Queues.TeamAlertEmail] as const;

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

/** Whether a failed job has used its last attempt. */
export function isLastAttempt(job: { attemptsMade: number; opts: { attempts?: number } }): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** A failed attempt's error as the letter or alert shows it (bounded: an error can quote a whole response). */
export function recordedError(error: Error): string {
  return error.message.slice(0, 500);
}

/**
 * The delivery work waiting in Redis: one job per letter and step, one per alert e-mail, under the
 * ids declared in @rosterlink/platform (JOB_KINDS), so queuing twice is harmless and a spent job of
 * unfinished work runs again. Attempts and backoff are the queues' defaults (deliveryJobOptions).
 */
@Injectable()
export class DeliveryJobs {
  constructor(
    @InjectQueue(Queues.LetterRender) private readonly renderQueue: JobQueue<typeof Queues.LetterRender>,
    @InjectQueue(Queues.LetterDelivery) private readonly deliveryQueue: JobQueue<typeof Queues.LetterDelivery>,
    @InjectQueue(Queues.TeamAlertEmail) private readonly teamAlertQueue: JobQueue<typeof Queues.TeamAlertEmail>,
  ) {}

  async render(letterId: string): Promise<void> {
    await addJob(this.renderQueue, Queues.LetterRender, { letterId });
  }

  async deliver(letterId: string): Promise<void> {
    await addJob(this.deliveryQueue, Queues.LetterDelivery, { letterId });
  }

  async emailTeam(notificationId: string): Promise<void> {
    await addJob(this.teamAlertQueue, Queues.TeamAlertEmail, { notificationId });
  }

  /**
   * Renders and delivers the letter afresh. Its earlier jobs are kept a while after they fail;
   * with them in place, the same job ids would make the new render and delivery no-ops.
   */
  async renderAgain(letterId: string): Promise<void> {
    await Promise.all([
      removeJob(this.renderQueue, Queues.LetterRender, { letterId }),
      removeJob(this.deliveryQueue, Queues.LetterDelivery, { letterId }),
    ]);
    await this.render(letterId);
  }
}
