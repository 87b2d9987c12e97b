import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { IMPORT_TYPES, ImportType } from '../domain-codes';
import { CASE_NUMBER_PATTERN, ROSTER_FILE_FORMATS, RosterFileFormat } from '../event-codes';
import { PID_PATTERN } from '../identifiers';

/** `roster.uploaded.v1` — upload-service accepted a roster file. Key: the group PID. */
export class RosterUploadedV1 {
  @IsUUID() uploadId: string;
  @Matches(PID_PATTERN) groupId: string;
  @IsIn(IMPORT_TYPES) importType: ImportType;
  @IsIn(ROSTER_FILE_FORMATS) fileFormat: RosterFileFormat;
  @IsString() @Length(1, 255) fileName: string;
  @IsInt() @Min(1) sizeBytes: number;
  @Matches(/^[0-9a-f]{64}$/) sha256: string;
  /** Where the file store keeps the bytes; readable through the file-store port. */
  @IsString() storageKey: string;
  @IsOptional() @Matches(CASE_NUMBER_PATTERN) supersedesCaseNumber?: string;
  /** The uploading user's id (`sub`), never their name. */
  @IsString() uploadedBy: string;
  @IsISO8601({ strict: true }) uploadedAt: string;
}
