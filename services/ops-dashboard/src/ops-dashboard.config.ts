import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';

const serviceUrl = { require_tld: false, protocols: ['http', 'https'] };

/** The dashboard server: where the services are, what it serves, and the local sign-in. */
export class OpsDashboardConfig extends ServiceConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3000;
  @IsUrl(serviceUrl) UPLOAD_SERVICE_URL = 'http://127.0.0.1:3001';
  @IsUrl(serviceUrl) IMPORT_SERVICE_URL = 'http://127.0.0.1:3002';
  @IsUrl(serviceUrl) LINK_REQUEST_SERVICE_URL = 'http://127.0.0.1:3003';
  @IsUrl(serviceUrl) NOTIFICATION_SERVICE_URL = 'http://127.0.0.1:3004';
  @IsUrl(serviceUrl) ACCESS_SERVICE_URL = 'http://127.0.0.1:3005';
  /** The built single-page app (Vite's output). */
  @IsString() WEB_ROOT = 'dist/services/ops-dashboard/web';
  /**
   * Local only: the demo users (a JSON list of `{ sub, name, roles, grants, description }`) that
   * `POST /api/dev-sign-in` signs tokens for with AUTH_JWT_SECRET. Unset, there is no such sign-in.
   */
  @IsOptional() @IsString() DEV_SIGN_IN_USERS?: string = undefined;

  get serviceUrls(): Record<ServiceName, string> {
    return {
      upload: this.UPLOAD_SERVICE_URL,
      import: this.IMPORT_SERVICE_URL,
      'link-request': this.LINK_REQUEST_SERVICE_URL,
      notification: this.NOTIFICATION_SERVICE_URL,
      access: this.ACCESS_SERVICE_URL,
    };
  }
}

export const SERVICE_NAMES = ['upload', 'import', 'link-request', 'notification', 'access'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
