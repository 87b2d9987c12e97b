import type { JobsOptions } from 'bullmq';
import { jobIdOf } from '@rosterlink/contracts';
import { addJob, JobQueue, removeJob } from './jobs';

/** The part of a BullMQ queue addJob and removeJob use, recording what they were asked. */
function fakeQueue(name: string, state = 'waiting') {
  const retried: string[] = [];
  const queue = {
    name,
    added: [] as { jobName: string; data: unknown; opts: JobsOptions }[],
    removed: [] as string[],
    retried,
    async add(jobName: string, data: unknown, opts: JobsOptions) {
      queue.added.push({ jobName, data, opts });
      return { id: opts.jobId, getState: async () => state, retry: async () => void retried.push(String(opts.jobId)) };
    },
    async remove(jobId: string) {
      queue.removed.push(jobId);
      return 1;
    },
  };
  return queue;
}

describe('jobs', () => {
  it('builds each job id from its payload, as the ids were before they were declared once', () => {
    expect(jobIdOf('letter-render', { letterId: 'L1' })).toBe('render-L1');
    expect(jobIdOf('letter-delivery', { letterId: 'L1' })).toBe('deliver-L1');
    expect(jobIdOf('team-alert-email', { notificationId: 'N1' })).toBe('team-alert-N1');
    expect(jobIdOf('roster-import', { caseNumber: 'RI-2026-000042' })).toBe('RI-2026-000042');
  });

  it('adds a job under its declared name and id, with the producer options', async () => {
    const queue = fakeQueue('roster-import');
    await addJob(queue as unknown as JobQueue<'roster-import'>, 'roster-import', { caseNumber: 'RI-2026-000042' }, { attempts: 5 });
    expect(queue.added).toEqual([{ jobName: 'roster-import', data: { caseNumber: 'RI-2026-000042' }, opts: { attempts: 5, jobId: 'RI-2026-000042' } }]);
    expect(queue.retried).toEqual([]);
  });

  it('runs a spent job of the same id again', async () => {
    const queue = fakeQueue('letter-render', 'failed');
    await addJob(queue as unknown as JobQueue<'letter-render'>, 'letter-render', { letterId: 'L1' });
    expect(queue.added[0]).toMatchObject({ jobName: 'render', opts: { jobId: 'render-L1' } });
    expect(queue.retried).toEqual(['render-L1']);
  });

  it('removes the job of a piece of work by its id', async () => {
    const queue = fakeQueue('letter-delivery');
    await removeJob(queue as unknown as JobQueue<'letter-delivery'>, 'letter-delivery', { letterId: 'L1' });
    expect(queue.removed).toEqual(['deliver-L1']);
  });

  it('refuses a queue injected under another name', async () => {
    const queue = fakeQueue('letter-delivery');
    await expect(addJob(queue as unknown as JobQueue<'letter-render'>, 'letter-render', { letterId: 'L1' })).rejects.toThrow(
      'Job for queue "letter-render" added to queue "letter-delivery"',
    );
    expect(queue.added).toEqual([]);
  });

  it('does not compile a payload of another queue, (a queue of the same payload under another name is refused at run time)', () => {
    const wrong = (queue: JobQueue<'letter-render'>) => {
      // @ts-expect-error a team alert's payload is not a letter's
      void addJob(queue, 'letter-render', { notificationId: 'N1' });
    };
    expect(wrong).toBeInstanceOf(Function);
  });
});
