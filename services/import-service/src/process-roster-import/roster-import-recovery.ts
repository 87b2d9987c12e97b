import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queues } from '@rosterlink/contracts';
import { RecurringTask } from '@rosterlink/platform';
import { RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';
import { enqueueRosterImport, RosterImportQueue } from './start-roster-import.handler';

/**
 * PostgreSQL is the source of truth for work in progress: at start-up and every 30 s, every case
 * in PROCESSING is queued again (the job id is the case number, so a queued job is not doubled).
 * This brings back jobs lost with a Redis restart or flush, and ones whose queuing failed.
 */
@Injectable()
export class RosterImportRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly recurring = new RecurringTask('Roster import recovery', 30_000, () => this.sweep());

  constructor(
    private readonly cases: RosterImportCaseRepository,
    @InjectQueue(Queues.RosterImport) private readonly queue: RosterImportQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.recurring.start();
  }

  onApplicationShutdown(): void {
    this.recurring.stop();
  }

  async sweep(): Promise<number> {
    const processing = await this.cases.processingCaseNumbers();
    for (const caseNumber of processing) await enqueueRosterImport(this.queue, caseNumber);
    return processing.length;
  }
}
