import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CaseError } from '../roster-import-case/case-error.entity';
import {
  CASE_SORTS,
  CASE_STATUSES,
  CASE_TIMELINE_EVENTS,
  CaseSort,
  CaseStatus,
  CaseTimelineEvent,
  ImportType,
  PID_PATTERN,
} from '@rosterlink/contracts';
import type * as Contracts from '@rosterlink/contracts';
import { IsCalendarDate, PageQuery } from '@rosterlink/platform';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import type { CaseTimelineEntry } from '../roster-import-case/roster-import-case.rules';

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '110000001' })
  @IsOptional() @Matches(PID_PATTERN, { message: 'groupId must be a 9-digit provider ID' })
  groupId?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional() @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID()
  uploadId?: string;

  @ApiPropertyOptional({ description: 'a case number (that case), otherwise text the file name contains (any case)', example: 'RI-2026-000042' })
  @IsOptional() @IsString() @Length(1, 100, { message: 'q must be 1 to 100 characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'the case that last applied this practitioner at each group that has them (10 digits)', example: '1234567893' })
  @IsOptional() @Matches(/^\d{10}$/, { message: 'npi must be 10 digits' })
  npi?: string;

  @ApiPropertyOptional({ description: 'opened on or after this business date (YYYY-MM-DD, America/New_York)', example: '2026-11-01' })
  @IsOptional() @IsCalendarDate()
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'opened on or before this business date (YYYY-MM-DD, America/New_York)', example: '2026-11-30' })
  @IsOptional() @IsCalendarDate()
  createdTo?: string;

  @ApiPropertyOptional({ enum: CASE_SORTS, default: '-createdAt', description: 'most recent first (default), oldest first, by status, by group' })
  @IsOptional() @IsIn(CASE_SORTS)
  sort: CaseSort = '-createdAt';
}

export class CaseCounts {
  @ApiProperty() rows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() terminated: number;
  @ApiProperty() errors: number;
}

/** A case as the portal and the dashboard see it (CONTRACT.md). */
export class CaseView implements Contracts.RosterCase {
  @ApiProperty({ example: 'RI-2026-000042' }) caseNumber: string;
  @ApiProperty() groupId: string;
  @ApiProperty() uploadId: string;
  @ApiProperty() importType: ImportType;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty() counts: CaseCounts;
  @ApiPropertyOptional() supersedesCaseNumber?: string;
  @ApiPropertyOptional({ description: 'the case of the revised file that replaced this one, when one did', example: 'RI-2026-000043' })
  supersededByCaseNumber?: string;
  @ApiProperty({ example: 'roster.xlsx' }) fileName: string;
  @ApiProperty({ type: String, nullable: true, description: 'the uploader’s user id (null for cases opened before it was kept)' })
  uploadedBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO-8601' }) uploadedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(c: RosterImportCase, supersededByCaseNumber?: string): CaseView {
    return {
      caseNumber: c.caseNumber,
      groupId: c.groupId,
      uploadId: c.uploadId,
      importType: c.importType,
      status: c.status,
      counts: {
        rows: c.rowCount,
        created: c.createdCount,
        updated: c.updatedCount,
        terminated: c.terminatedCount,
        errors: c.errorCount,
      },
      ...(c.supersedesCaseNumber ? { supersedesCaseNumber: c.supersedesCaseNumber } : {}),
      ...(supersededByCaseNumber ? { supersededByCaseNumber } : {}),
      fileName: c.fileName,
      uploadedBy: c.uploadedBy,
      uploadedAt: c.uploadedAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

export class CaseTimelineEntryView implements Contracts.CaseTimelineEntry {
  @ApiProperty({ description: 'ISO-8601' }) at: string;
  @ApiProperty({ enum: CASE_TIMELINE_EVENTS }) event: CaseTimelineEvent;
  @ApiProperty({ type: String, nullable: true, description: 'the user who made the step; null for the system’s own' }) by: string | null;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;

  static of(entry: CaseTimelineEntry): CaseTimelineEntryView {
    return { at: entry.at.toISOString(), event: entry.event, by: entry.by, detail: entry.detail };
  }
}

/** One case with its story (`GET /cases/{caseNumber}`). */
export class CaseDetailView extends CaseView implements Contracts.RosterCaseDetail {
  @ApiProperty({ type: [CaseTimelineEntryView], description: 'oldest first' }) timeline: CaseTimelineEntryView[];
}

export class CaseStatusCounts implements Record<CaseStatus, number> {
  @ApiProperty() NEW: number;
  @ApiProperty() PROCESSING: number;
  @ApiProperty() COMPLETED: number;
  @ApiProperty() REJECTED: number;
  @ApiProperty() FAILED: number;
  @ApiProperty() SUPERSEDED: number;
}

export class CaseSummary {
  @ApiProperty() total: number;
  @ApiProperty({ type: CaseStatusCounts }) byStatus: CaseStatusCounts;
}

export class CasePage {
  @ApiProperty({ type: [CaseView] }) items: CaseView[];
  @ApiProperty() total: number;
}

export class CaseErrorQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['row', '-row'], default: 'row', description: 'by row number, ascending or descending' })
  @IsOptional() @IsIn(['row', '-row'])
  sort: 'row' | '-row' = 'row';
}

export class CaseErrorView implements Contracts.CaseError {
  @ApiProperty({ description: 'as a spreadsheet shows it: header = 1, first data row = 2' }) row: number;
  @ApiProperty({ example: 'Date of Birth' }) column: string;
  @ApiProperty({ example: 'TOO_YOUNG' }) code: string;
  @ApiProperty() message: string;

  static of(e: CaseError): CaseErrorView {
    return { row: e.row, column: e.column, code: e.code, message: e.message };
  }
}

export class CaseErrorPage {
  @ApiProperty({ type: [CaseErrorView] }) items: CaseErrorView[];
  @ApiProperty() total: number;
}
