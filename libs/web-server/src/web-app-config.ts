import { IsOptional, IsString, IsUrl } from 'class-validator';
import { ServiceConfig } from '@rosterlink/platform';
import { DevSignIn, parseDemoUsers } from './dev-sign-in';
import { ServiceName } from './service-names';

const serviceUrl = { require_tld: false, protocols: ['http', 'https'] };

/**
 * What a web app's server reads (the dashboard's, the portal's): where the services are, what it serves,
 * and the local sign-in. Each app extends it with its PORT and WEB_ROOT defaults.
 */
export class WebAppConfig extends ServiceConfig {
  @IsUrl(serviceUrl) UPLOAD_SERVICE_URL = 'http://127.0.0.1:3001';
  @IsUrl(serviceUrl) IMPORT_SERVICE_URL = 'http://127.0.0.1:3002';
  @IsUrl(serviceUrl) LINK_REQUEST_SERVICE_URL = 'http://127.0.0.1:3003';
  @IsUrl(serviceUrl) NOTIFICATION_SERVICE_URL = 'http://127.0.0.1:3004';
  @IsUrl(serviceUrl) ACCESS_SERVICE_URL = 'http://127.0.0.1:3005';
  /**
   * Local only: the demo users (a JSON list of `{ sub, name, roles, description }`; access comes from access-service) that
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

  /** The local sign-in when DEV_SIGN_IN_USERS is set; never in production. */
  devSignIn(): DevSignIn | undefined {
    if (!this.DEV_SIGN_IN_USERS) return undefined;
    if (this.NODE_ENV === 'production') throw new Error('DEV_SIGN_IN_USERS is refused in production: users sign in with the identity provider');
    return new DevSignIn(parseDemoUsers(this.DEV_SIGN_IN_USERS), this.AUTH_JWT_SECRET);
  }
}
