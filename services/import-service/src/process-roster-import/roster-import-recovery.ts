import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Queues } from '@rosterlink/contracts';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import { enqueueRosterImport, RosterImportQueue } from './start-roster-import.handler';

const SWEEP_EVERY_MS = 30_000;

/**
 * PostgreSQL is the source of truth for work in progress: at start-up and every 30 s, every case
 * in PROCESSING is queued again (the job id is the case number, so a queued job is not doubled).
 * This brings back jobs lost with a Redis restart or flush, and ones whose queuing failed.
 */
@Injectable()
export class RosterImportRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RosterImportRecovery.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(RosterImportCase) private readonly cases: Repository<RosterImportCase>,
    @InjectQueue(Queues.RosterImport) private readonly queue: RosterImportQueue,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      const processing = await this.cases.find({ where: { status: 'PROCESSING' }, select: { caseNumber: true } });
      for (const { caseNumber } of processing) await enqueueRosterImport(this.queue, caseNumber);
      return processing.length;
    } catch (error) {
      this.logger.warn({ msg: 'Roster import recovery sweep failed; next sweep retries', error: String(error) });
      return 0;
    }
  }
}
