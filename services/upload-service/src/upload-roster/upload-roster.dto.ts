import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CASE_NUMBER_PATTERN, IMPORT_TYPES, ImportType, PID_PATTERN } from '@rosterlink/contracts';

/** The form fields of `POST /roster-uploads` (the `file` part is streamed separately). */
export class UploadRosterFields {
  @ApiProperty({ example: '110000001', description: 'The group practice (PID)' })
  @Matches(PID_PATTERN, { message: 'groupId must be a 9-digit provider ID' })
  groupId: string;

  @ApiProperty({ enum: IMPORT_TYPES })
  @IsIn(IMPORT_TYPES)
  importType: ImportType;

  @ApiPropertyOptional({ example: 'RI-2026-000042', description: 'The case a revised file replaces' })
  @IsOptional()
  @Matches(CASE_NUMBER_PATTERN, { message: 'supersedesCaseNumber must look like RI-2026-000042' })
  supersedesCaseNumber?: string;
}

export class RosterUploadAccepted {
  @ApiProperty() uploadId: string;
  @ApiProperty({ enum: ['ACCEPTED'] }) status: 'ACCEPTED';
  @ApiProperty() sha256: string;
}
