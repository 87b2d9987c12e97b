import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { IMPORT_TYPES, ImportType } from '../domain-codes';
import { CASE_NUMBER_PATTERN, FINAL_CASE_STATUSES, FinalCaseStatus } from '../event-codes';
import { PID_PATTERN } from '../identifiers';

export class CaseCountsV1 {
  @IsInt() @Min(0) rows: number;
  @IsInt() @Min(0) created: number;
  @IsInt() @Min(0) updated: number;
  @IsInt() @Min(0) terminated: number;
  @IsInt() @Min(0) errors: number;
}

/**
 * `roster-import.completed.v1` — a case reached a final status. `COMPLETED` is the seed's
 * "notification if there are no errors"; `REJECTED` means row errors and nothing applied;
 * `SUPERSEDED` means a revised file replaced it. Key: the group PID.
 */
export class RosterImportCompletedV1 {
  @Matches(CASE_NUMBER_PATTERN) caseNumber: string;
  @IsUUID() uploadId: string;
  @Matches(PID_PATTERN) groupId: string;
  @IsIn(IMPORT_TYPES) importType: ImportType;
  @IsIn(FINAL_CASE_STATUSES) status: FinalCaseStatus;
  @ValidateNested() @Type(() => CaseCountsV1) counts: CaseCountsV1;
  /** For SUPERSEDED: the case of the revised file. */
  @IsOptional() @Matches(CASE_NUMBER_PATTERN) supersededBy?: string;
  @IsISO8601({ strict: true }) completedAt: string;
}
