import { randomUUID } from 'node:crypto';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { runAgainIfSpent } from '../src/job-once';

// The run's Redis, as jest's global setup published it (the testing library cannot be imported
// here: it depends on this library).
const REDIS_URL = process.env['ROSTERLINK_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const KEY_PREFIX = process.env['ROSTERLINK_TEST_REDIS_KEY_PREFIX'] ?? 'rosterlink-test';

/** runAgainIfSpent against the test run's real Redis, with a real BullMQ queue and worker. */
describe('runAgainIfSpent', () => {
  // A queue, its events and a worker each hold a connection of their own; all are closed afterwards.
  const [connection, eventsConnection, workerConnection] = [1, 2, 3].map(() => new IORedis(REDIS_URL, { maxRetriesPerRequest: null }));
  const prefix = `${KEY_PREFIX}:job-once`;
  const name = `job-once-${randomUUID()}`;
  const queue = new Queue<{ n: number }>(name, { connection, prefix });
  const events = new QueueEvents(name, { connection: eventsConnection, prefix });
  let failNext = true;
  const worker = new Worker<{ n: number }>(
    name,
    async () => {
      if (failNext) throw new Error('the database is away');
      return 'done';
    },
    { connection: workerConnection, prefix },
  );

  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await Promise.all([connection, eventsConnection, workerConnection].map((c) => c.quit()));
  });

  async function settled(job: Job): Promise<string> {
    return job.waitUntilFinished(events, 10_000).then(
      () => 'completed',
      () => 'failed',
    );
  }

  it('runs again a job that used up its attempts, when it is added again under its id', async () => {
    await events.waitUntilReady();
    const first = await queue.add('work', { n: 1 }, { jobId: 'case-1', attempts: 1 });
    expect(await settled(first)).toBe('failed');

    // Adding it again alone is a no-op: BullMQ returns the spent job, still failed.
    const again = await queue.add('work', { n: 1 }, { jobId: 'case-1', attempts: 1 });
    expect(await again.getState()).toBe('failed');

    failNext = false;
    await runAgainIfSpent(again);
    expect(await settled(again)).toBe('completed');
  });

  it('leaves a job that is waiting, running or done alone', async () => {
    failNext = false;
    const job = await queue.add('work', { n: 2 }, { jobId: 'case-2' });
    expect(await settled(job)).toBe('completed');
    await runAgainIfSpent(job);
    expect(await job.getState()).toBe('completed');
    expect((await queue.getJobCounts('wait', 'active', 'delayed')).wait).toBe(0);
  });
});
