import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';

export class LinkRequestServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3003;
  /** How often BullMQ runs the SLA sweep over open link requests. */
  @Type(() => Number) @IsInt() @Min(100) SLA_SWEEP_INTERVAL_MS = 60_000;
}
