import { Queue } from 'bullmq';
import { JobPayloads } from '@rosterlink/contracts';

export type LetterRenderQueue = Queue<JobPayloads['letter-render']>;
export type LetterDeliveryQueue = Queue<JobPayloads['letter-delivery']>;

/** Retried with exponential backoff (2 s, 4 s, 8 s, …); the letter is FAILED after the last attempt. */
export const LETTER_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: true,
  removeOnFail: 1000,
} as const;

/** One job per letter and step: the job id makes queuing twice harmless. */
export function queueRender(queue: LetterRenderQueue, letterId: string) {
  return queue.add('render', { letterId }, { ...LETTER_JOB_OPTIONS, jobId: `render-${letterId}` });
}

export function queueDelivery(queue: LetterDeliveryQueue, letterId: string) {
  return queue.add('deliver', { letterId }, { ...LETTER_JOB_OPTIONS, jobId: `deliver-${letterId}` });
}
