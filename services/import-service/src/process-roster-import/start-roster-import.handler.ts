import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobPayloads, Queues } from '@rosterlink/contracts';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { runAgainIfSpent } from '@rosterlink/platform';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';

export interface ProcessingStarted {
  caseNumber: string;
  status: 'PROCESSING';
  /** False when the case was already being processed: a second click changes nothing. */
  started: boolean;
  message: string;
}

export type RosterImportQueue = Queue<JobPayloads['roster-import']>;

/**
 * "Process Roster Import": moves a NEW case to PROCESSING and queues the job. PostgreSQL holds the
 * status, so a job lost with Redis is queued again by the recovery sweep.
 */
@Injectable()
export class StartRosterImport {
  private readonly logger = new Logger(StartRosterImport.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(Queues.RosterImport) private readonly queue: RosterImportQueue,
  ) {}

  async execute(caseNumber: string, user: AuthenticatedUser): Promise<ProcessingStarted> {
    const transition = await this.dataSource.transaction(async (tx) => {
      const found = await tx.findOne(RosterImportCase, { where: { caseNumber }, lock: { mode: 'pessimistic_write' } });
      if (!found || !user.canActForGroup(found.groupId)) throw new NotFoundException(`Case ${caseNumber} not found`);
      if (found.status === 'PROCESSING') return 'already';
      if (found.status !== 'NEW') {
        throw new ConflictException({
          message: `Case ${caseNumber} is ${found.status}; only a NEW case can be processed`,
          status: found.status,
        });
      }
      await tx.update(RosterImportCase, { caseNumber }, { status: 'PROCESSING' });
      return 'started';
    });
    await enqueueRosterImport(this.queue, caseNumber).catch((error) =>
      // The case is PROCESSING in PostgreSQL; the recovery sweep queues it when Redis is back.
      this.logger.warn({ msg: 'Could not queue roster import; the recovery sweep will', caseNumber, error: String(error) }),
    );
    return transition === 'started'
      ? { caseNumber, status: 'PROCESSING', started: true, message: 'Processing started' }
      : { caseNumber, status: 'PROCESSING', started: false, message: 'This case is already being processed' };
  }
}

/**
 * One job per case: the case number is the job id, so queuing twice is harmless, and a spent job
 * of a case still PROCESSING (its FAILED status never landed) runs again.
 */
export async function enqueueRosterImport(queue: RosterImportQueue, caseNumber: string): Promise<void> {
  const job = await queue.add(Queues.RosterImport, { caseNumber }, {
    jobId: caseNumber,
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  });
  await runAgainIfSpent(job);
}
