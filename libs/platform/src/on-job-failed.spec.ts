import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { OnJobFailed } from './on-job-failed';

class RecordsFailures {
  recorded: string[] = [];
  @OnJobFailed()
  async onFailed(jobId: string): Promise<void> {
    if (jobId === 'database-away') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    this.recorded.push(jobId);
  }
}

describe('OnJobFailed', () => {
  it('runs the handler with its instance, and turns a rejection into a log line instead of an unhandled rejection', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const handler = new RecordsFailures();
    await expect(handler.onFailed('job-1')).resolves.toBeUndefined();
    await expect(handler.onFailed('database-away')).resolves.toBeUndefined();
    expect(handler.recorded).toEqual(['job-1']);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ error: expect.stringContaining('ECONNREFUSED') }));
  });

  it("registers the handler for BullMQ's failed event", () => {
    const keys = Reflect.getMetadataKeys(RecordsFailures.prototype.onFailed);
    expect(keys.length).toBeGreaterThan(0);
  });
});
