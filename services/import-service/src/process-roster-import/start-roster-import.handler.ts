import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Queues } from '@rosterlink/contracts';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { addJob, Clock, JobQueue } from '@rosterlink/platform';
import { RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';
import { canSeeCase, CASE_TRANSITIONS, caseRefusals, processingDecision, transitionEntry } from '../roster-import-case/roster-import-case.rules';

export interface ProcessingStarted {
  caseNumber: string;
  status: 'PROCESSING';
  /** False when the case was already being processed: a second click changes nothing. */
  started: boolean;
  message: string;
}

export type RosterImportQueue = JobQueue<typeof Queues.RosterImport>;

/**
 * "Process Roster Import": moves a NEW case to PROCESSING and queues the job. PostgreSQL holds the
 * status, so a job lost with Redis is queued again by the recovery sweep.
 */
@Injectable()
export class StartRosterImport {
  private readonly logger = new Logger(StartRosterImport.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: RosterImportCaseRepository,
    @InjectQueue(Queues.RosterImport) private readonly queue: RosterImportQueue,
    private readonly clock: Clock,
  ) {}

  async execute(caseNumber: string, user: AuthenticatedUser): Promise<ProcessingStarted> {
    const decision = await this.dataSource.transaction(async (tx) => {
      const found = await this.cases.lock(tx, caseNumber);
      if (!found || !canSeeCase(user, found)) throw new NotFoundException(caseRefusals.notFound(caseNumber));
      const decided = processingDecision(found.status);
      if (decided === 'refuse') {
        throw new ConflictException({ message: caseRefusals.notNew(caseNumber, found.status), status: found.status });
      }
      if (decided === 'start') {
        await this.cases.setStatus(tx, caseNumber, CASE_TRANSITIONS.process.to, transitionEntry('process', this.clock.now(), user.id, null));
      }
      return decided;
    });
    await enqueueRosterImport(this.queue, caseNumber).catch((error) =>
      // The case is PROCESSING in PostgreSQL; the recovery sweep queues it when Redis is back.
      this.logger.warn({ msg: 'Could not queue roster import; the recovery sweep will', caseNumber, error: String(error) }),
    );
    return decision === 'start'
      ? { caseNumber, status: 'PROCESSING', started: true, message: 'Processing started' }
      : { caseNumber, status: 'PROCESSING', started: false, message: 'This case is already being processed' };
  }
}

/**
 * One job per case: the case number is the job id (addJob), so queuing twice is harmless, and a
 * spent job of a case still PROCESSING (its FAILED status never landed) runs again.
 */
export async function enqueueRosterImport(queue: RosterImportQueue, caseNumber: string): Promise<void> {
  await addJob(queue, Queues.RosterImport, { caseNumber }, {
    attempts: 5,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}
