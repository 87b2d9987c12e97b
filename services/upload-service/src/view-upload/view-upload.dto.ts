import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CASE_STATUSES, type CaseStatus, IMPORT_TYPES, type ImportType } from '@rosterlink/contracts';

export class UploadParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'uploadId must be a UUID' })
  uploadId: string;
}

export class RosterUploadView {
  @ApiProperty({ format: 'uuid' }) uploadId: string;
  @ApiProperty({ example: '110000001' }) groupId: string;
  @ApiProperty({ enum: IMPORT_TYPES }) importType: ImportType;
  @ApiProperty({ example: 'roster.csv' }) fileName: string;
  @ApiProperty({ enum: ['ACCEPTED'] }) status: 'ACCEPTED';
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
  @ApiPropertyOptional({ example: 'RI-2026-000001', description: 'once import-service has opened the case' }) caseNumber?: string;
  @ApiPropertyOptional({ enum: CASE_STATUSES, description: "the case's status as upload-service last heard it" }) caseStatus?: CaseStatus;
}
