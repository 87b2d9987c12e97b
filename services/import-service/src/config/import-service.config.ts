import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';

export class ImportServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3002;
  /** The roster file store upload-service writes (read-only here). */
  @IsString() ROSTER_FILE_STORE_DIR = '.local/roster-files';
}
