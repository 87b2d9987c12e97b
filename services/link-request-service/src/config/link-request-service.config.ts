import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';

export class LinkRequestServiceConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3003;
  /** How often BullMQ runs the SLA sweep over open link requests. */
  @Type(() => Number) @IsInt() @Min(100) SLA_SWEEP_INTERVAL_MS = 60_000;
  /**
   * `true`: a request is decided only by its assignee or an admin (the supervisor), and a request
   * assigned to someone is handed on only by them or an admin. `false` (the default): any back-office user.
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'LINK_REQUEST_ASSIGNMENT_REQUIRED must be true or false' })
  LINK_REQUEST_ASSIGNMENT_REQUIRED = false;
}
