import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CaseError } from '../roster-import-case/case-error.entity';
import { CASE_STATUSES, CaseStatus, ImportType, PID_PATTERN } from '@rosterlink/contracts';
import { PageQuery } from '@rosterlink/platform';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';

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
}

export class CaseCounts {
  @ApiProperty() rows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() terminated: number;
  @ApiProperty() errors: number;
}

/** A case as the portal and the dashboard see it (CONTRACT.md). */
export class CaseView {
  @ApiProperty({ example: 'RI-2026-000042' }) caseNumber: string;
  @ApiProperty() groupId: string;
  @ApiProperty() uploadId: string;
  @ApiProperty() importType: ImportType;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty() counts: CaseCounts;
  @ApiPropertyOptional() supersedesCaseNumber?: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(c: RosterImportCase): CaseView {
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
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
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

export class CaseErrorView {
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
