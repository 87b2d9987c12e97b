import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';

export class UploadServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3001;
  /** Where roster files are kept, content-addressed; import-service reads the same store. */
  @IsString() ROSTER_FILE_STORE_DIR = '.local/roster-files';
  /** Larger uploads are refused with 413. */
  @Type(() => Number) @IsInt() @Min(1024) UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
  /** How often files left by uploads that did not complete (a crash mid-upload) are swept. */
  @Type(() => Number) @IsInt() @Min(100) ROSTER_FILE_SWEEP_INTERVAL_MS = 60 * 60 * 1000;
  /** Only files at least this old are swept: longer than any upload takes. */
  @Type(() => Number) @IsInt() @Min(0) ROSTER_FILE_ORPHAN_AGE_MS = 60 * 60 * 1000;
}
