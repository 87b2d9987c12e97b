import { IsIn, IsISO8601, IsUUID, Matches } from 'class-validator';
import { IMPORT_TYPES, ImportType } from '../domain-codes';
import { CASE_NUMBER_PATTERN } from '../event-codes';
import { PID_PATTERN } from '../identifiers';

/** `roster-import.case-created.v1` — import-service opened a case for an upload. Key: the group PID. */
export class RosterImportCaseCreatedV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber: string;
  @IsUUID() uploadId: string;
  @Matches(PID_PATTERN) groupId: string;
  @IsIn(IMPORT_TYPES) importType: ImportType;
  @IsIn(['NEW']) status: 'NEW';
  @IsISO8601({ strict: true }) createdAt: string;
}
