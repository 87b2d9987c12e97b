import type { Job } from 'bullmq';

/**
 * For jobs whose id names the work (a case number, a letter): adding one whose id is taken returns
 * the job already there, and does nothing. When that job used up its attempts while PostgreSQL
 * still says the work is unfinished (its final status update never landed, say because the
 * database was down), the recovery sweeps would otherwise re-add it in vain forever; it runs again.
 */
export async function runAgainIfSpent<T>(job: Job<T>): Promise<Job<T>> {
  if ((await job.getState()) === 'failed') await job.retry('failed');
  return job;
}
