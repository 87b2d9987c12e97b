import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { OnJobFailed, QueuedJob } from '@rosterlink/platform';
import { Queues } from '@rosterlink/contracts';
import { ImportServiceConfig } from '../config/import-service.config';
import { RunRosterImport } from './run-roster-import.handler';

type RosterImportJob = QueuedJob<typeof Queues.RosterImport>;

/**
 * The BullMQ worker of Process Roster Import: retried with backoff, FAILED after the last attempt.
 * The job lock is renewed every 7.5 s while a worker lives; if the worker dies, the job is seen as
 * stalled within about 30 s and runs again (its first run left nothing behind).
 */
@Processor(Queues.RosterImport, { lockDuration: 15_000, stalledInterval: 15_000 })
export class RosterImportProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(RosterImportProcessor.name);

  constructor(
    private readonly runRosterImport: RunRosterImport,
    private readonly config: ImportServiceConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.ROSTER_IMPORT_CONCURRENCY;
  }

  process(job: RosterImportJob) {
    return this.runRosterImport.execute(job.data.caseNumber);
  }

  @OnJobFailed()
  async onFailed(job: RosterImportJob | undefined, error: Error): Promise<void> {
    if (!job) return;
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn({ msg: 'Roster import attempt failed', caseNumber: job.data.caseNumber, attempt: job.attemptsMade, finalAttempt, error: error.message });
    if (finalAttempt) await this.runRosterImport.markFailed(job.data.caseNumber);
  }
}
