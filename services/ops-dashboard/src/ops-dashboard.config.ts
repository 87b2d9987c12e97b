import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { WebAppConfig } from '@rosterlink/web-server';

/** The dashboard server: where the services are (WebAppConfig), its port, what it serves, and the local sign-in. */
export class OpsDashboardConfig extends WebAppConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3000;
  /** The built single-page app (Vite's output). */
  @IsString() WEB_ROOT = 'dist/services/ops-dashboard/web';
}
