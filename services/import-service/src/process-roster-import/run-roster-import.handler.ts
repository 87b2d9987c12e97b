import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { businessDateOf, FinalCaseStatus, ProviderType, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { createRowValidator, isBlankRow, matchRosterHeader, RosterRowValidator, RowError } from '@rosterlink/roster';
import { readRosterRows, RosterFileError, RosterFileStore } from '@rosterlink/roster-file';
import { ImportServiceConfig } from '../config/import-service.config';
import { PractitionerRepository } from '../practitioner/practitioner.repository';
import { importedStatusRule } from '../practitioner/practitioner.rules';
import { ProviderGroupRepository } from '../provider-group/provider-group.repository';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import { RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';
import {
  CASE_TRANSITIONS,
  CaseCounts,
  caseCompletedEvent,
  canFinishProcessing,
  countsWithoutChanges,
  fileProblems,
  importOutcome,
  outcomeDetail,
  transitionEntry,
} from '../roster-import-case/roster-import-case.rules';
import { RosterImportMetrics } from './roster-import-metrics';
import { RosterStaging } from './roster-staging.repository';

type Changes = Pick<CaseCounts, 'created' | 'updated' | 'terminated'>;

/**
 * The Process Roster Import job. In one transaction: stream the file, validate every row (all
 * errors, not the first), stage the valid rows and the errors in temporary tables, check the rows
 * against the group, then either apply everything with set-based writes and announce it, or apply
 * nothing and record every error on the case (REJECTED). Neither the file, nor its rows, nor its
 * errors are ever all in memory. A crash anywhere before the commit leaves nothing behind; a rerun
 * starts over.
 */
@Injectable()
export class RunRosterImport {
  private readonly logger = new Logger(RunRosterImport.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: RosterImportCaseRepository,
    private readonly practitioners: PractitionerRepository,
    private readonly groups: ProviderGroupRepository,
    private readonly outbox: OutboxPublisher,
    private readonly fileStore: RosterFileStore,
    private readonly config: ImportServiceConfig,
    private readonly clock: Clock,
    private readonly metrics: RosterImportMetrics,
  ) {}

  async execute(caseNumber: string): Promise<FinalCaseStatus | 'NOT_PROCESSING'> {
    const run = this.metrics.startRun();
    let rows = 0;
    const finished = this.dataSource.transaction(async (tx) => {
      const rosterCase = await this.lockProcessingCase(tx, caseNumber);
      if (!rosterCase) return 'NOT_PROCESSING';
      const staging = await RosterStaging.create(tx);
      rows = await this.validateAndStage(tx, rosterCase, staging);
      await staging.checkDuplicateNpis();
      if (rosterCase.importType === 'TERMINATE') await staging.checkTerminations(rosterCase.groupId);
      if (importOutcome(staging.errorCount) === 'reject') {
        // Nothing of the file was applied (its rows are only staged): record the errors instead.
        const errors = await this.cases.replaceErrors(tx, caseNumber, staging.errors);
        return this.finish(tx, rosterCase, 'reject', countsWithoutChanges(rows, errors));
      }
      const changes = await this.apply(tx, rosterCase, staging);
      return this.finish(tx, rosterCase, 'complete', { rows, errors: 0, ...changes });
    });
    // Recorded once the transaction has committed (or failed), never for a rerun of a finished case.
    return finished.then(
      (status) => {
        if (status === 'COMPLETED' || status === 'REJECTED') run.end(status, rows);
        return status;
      },
      (error: unknown) => {
        run.end('FAILED', 0);
        throw error;
      },
    );
  }

  /** After the job's last attempt failed: the case is FAILED, visible, and announced. */
  async markFailed(caseNumber: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const rosterCase = await this.lockProcessingCase(tx, caseNumber);
      if (rosterCase) await this.finish(tx, rosterCase, 'fail', countsWithoutChanges(0, 0));
    });
  }

  /** The case, locked for this transaction, if its job may still finish it (a rerun of a finished job is a no-op). */
  private async lockProcessingCase(tx: EntityManager, caseNumber: string): Promise<RosterImportCase | null> {
    const found = await this.cases.lock(tx, caseNumber);
    return found && canFinishProcessing(found.status) ? found : null;
  }

  /** Reads, checks and stages every row of the file; returns how many data rows it has. */
  private async validateAndStage(tx: EntityManager, rosterCase: RosterImportCase, staging: RosterStaging): Promise<number> {
    const serviceLocations = await this.groups.serviceLocationsOf(tx, rosterCase.groupId);
    const statusesOf = importedStatusRule(rosterCase.importType, new Set(this.config.CREDENTIALING_REQUIRED_PROVIDER_TYPES));
    const errors: RowError[] = []; // one batch's
    let validator: RosterRowValidator | undefined;
    let rows = 0;
    try {
      for await (const batch of readRosterRows(this.fileStore.open(rosterCase.storageKey), rosterCase.fileFormat)) {
        let start = 0;
        if (!validator) {
          const header = matchRosterHeader(batch.rows[0], rosterCase.importType);
          if (!header.ok) {
            for (const p of header.problems) staging.addError({ row: 1, column: p.column, code: p.code, message: p.message });
            break;
          }
          validator = createRowValidator({
            importType: rosterCase.importType,
            columns: header.columns,
            today: businessDateOf(this.clock.now()),
            serviceLocations,
          });
          start = 1;
        }
        for (let i = start; i < batch.rows.length; i++) {
          if (isBlankRow(batch.rows[i])) continue;
          const row = batch.firstRow + i;
          rows++;
          const record = validator.validate(batch.rows[i], row, errors);
          if (record) {
            // A termination row has no provider type; its status does not depend on one.
            const [status, statusIfCredentialed] = statusesOf(record.providerType as ProviderType);
            staging.addRow(row, record, status, statusIfCredentialed);
          }
        }
        for (const error of errors) staging.addError(error);
        errors.length = 0;
        await staging.flushBatch();
      }
    } catch (error) {
      if (!(error instanceof RosterFileError)) {
        await staging.abort();
        throw error;
      }
      staging.addError(fileProblems.unreadable(error.message, error.row));
    }
    if (validator && rows === 0) staging.addError(fileProblems.noDataRows());
    await staging.finish();
    return rows;
  }

  /** Applies the staged rows to the group's practitioners and announces each change (practitioner.affiliated.v1). */
  private async apply(tx: EntityManager, rosterCase: RosterImportCase, staging: RosterStaging): Promise<Changes> {
    const { groupId, caseNumber, importType } = rosterCase;
    await staging.applyCredentialing();
    await staging.markExisting(groupId);
    let changes: Changes;
    if (importType === 'TERMINATE') {
      const terminated = await this.practitioners.terminateStaged(tx, staging.rows, groupId, caseNumber);
      await staging.takeAnnouncedDetailsFromGroup(groupId);
      changes = { created: 0, updated: 0, terminated };
    } else {
      await this.practitioners.upsertStaged(tx, staging.rows, groupId, caseNumber);
      changes = { ...(await staging.changeCounts()), terminated: 0 };
    }
    const events = staging.affiliationEvents(groupId, importType, caseNumber, this.clock.now().toISOString());
    await this.outbox.publishSelected(tx, Topics.PractitionerAffiliated, events.select, events.params);
    return changes;
  }

  /** Moves the case to the transition's final status with its counts, and announces it (roster-import.completed.v1). */
  private async finish(
    tx: EntityManager,
    rosterCase: RosterImportCase,
    transition: 'complete' | 'reject' | 'fail',
    counts: CaseCounts,
  ): Promise<FinalCaseStatus> {
    const status = CASE_TRANSITIONS[transition].to;
    const finishedAt = this.clock.now();
    await this.cases.finish(tx, rosterCase.caseNumber, status, counts, transitionEntry(transition, finishedAt, null, outcomeDetail(transition, counts)));
    await this.outbox.publish(tx, Topics.RosterImportCompleted, caseCompletedEvent(rosterCase, status, counts, finishedAt));
    this.logger.log({ msg: 'Roster import finished', caseNumber: rosterCase.caseNumber, status, ...counts });
    return status;
  }
}
