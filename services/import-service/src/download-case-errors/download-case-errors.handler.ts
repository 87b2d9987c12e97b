import { Injectable, NotFoundException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { readRosterRows, RosterFileStore, rosterErrorsWorkbook } from '@rosterlink/roster-file';
import { RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';
import { caseRefusals } from '../roster-import-case/roster-import-case.rules';
import { ViewCases } from '../view-cases/view-cases.handler';
import { markedRosterRows } from './marked-roster-rows';

/**
 * "Download errors as Excel": the case's roster file as the template lays it out, each cell with an error filled and
 * noted, then its errors as a sheet — what the practice corrects and uploads as the revised file. The file is read
 * with the reader Process Roster Import uses, and the workbook streamed as it is written: neither the file, nor its
 * rows, nor the errors are ever all in memory.
 */
@Injectable()
export class DownloadCaseErrors {
  constructor(
    private readonly viewCases: ViewCases,
    private readonly cases: RosterImportCaseRepository,
    private readonly fileStore: RosterFileStore,
  ) {}

  /** The workbook, if `user` may see the case (404 otherwise, as for no case) and its file is still stored (404 otherwise). */
  async execute(caseNumber: string, user: AuthenticatedUser): Promise<Readable> {
    const rosterCase = await this.viewCases.visibleCase(caseNumber, user);
    const file = await this.fileStore.openIfStored(rosterCase.storageKey);
    if (!file) throw new NotFoundException(caseRefusals.rosterFileGone(rosterCase.caseNumber));
    return rosterErrorsWorkbook({
      rows: markedRosterRows(readRosterRows(file, rosterCase.fileFormat), this.cases.errorsInRowOrder(rosterCase.caseNumber), rosterCase.importType),
      errors: () => this.cases.errorsInRowOrder(rosterCase.caseNumber),
    });
  }
}
