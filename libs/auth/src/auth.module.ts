import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_OPTIONS, AuthOptions } from './auth-options';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator';
import { TokenVerifier } from './token-verifier';

/**
 * Installs the bearer-token guard on every route of the application. `grants` is the module that
 * provides the service's GrantSource (libs/access-grants' projection, or access-service's own).
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions, grants: Type<unknown> | DynamicModule): DynamicModule {
    return {
      module: AuthModule,
      imports: [grants],
      providers: [{ provide: AUTH_OPTIONS, useValue: options }, TokenVerifier, Authenticator, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [TokenVerifier, Authenticator],
    };
  }
}
