import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';

export class AccessServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3005;
}
