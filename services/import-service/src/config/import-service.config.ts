import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { PROVIDER_TYPES, ProviderType } from '@rosterlink/contracts';
import { DEFAULT_CREDENTIALING_REQUIRED } from '@rosterlink/roster';
import { ServiceConfig } from '@rosterlink/platform';

export class ImportServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3002;
  /** The roster file store upload-service writes (read-only here). */
  @IsString() ROSTER_FILE_STORE_DIR = '.local/roster-files';
  /** Provider types that need credentialing (comma-separated): WAITING_FOR_CAQH unless already credentialed. */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value))
  @ArrayNotEmpty()
  @IsIn(PROVIDER_TYPES, { each: true })
  CREDENTIALING_REQUIRED_PROVIDER_TYPES: ProviderType[] = [...DEFAULT_CREDENTIALING_REQUIRED];
  /** Roster imports processed at once by this instance. */
  @Type(() => Number) @IsInt() @Min(1) @Max(16) ROSTER_IMPORT_CONCURRENCY = 2;
}
