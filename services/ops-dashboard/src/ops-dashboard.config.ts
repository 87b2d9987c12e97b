import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { WebAppConfig } from '@rosterlink/web-server';
import type { LagThresholds } from './operations-report';

/** A whole-number setting that must be greater than another of the same config (when that one is valid: else it is the one named). */
function IsGreaterThan(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isGreaterThan',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: {
        message: ({ object }) => `must be greater than ${other} (${String((object as Record<string, unknown>)[other])})`,
        ...options,
      },
      validator: {
        validate: (value: unknown, args) => {
          const limit = (args?.object as Record<string, unknown> | undefined)?.[other];
          return typeof value === 'number' && (!Number.isInteger(limit) || value > (limit as number));
        },
      },
    });
}

/**
 * The dashboard server: where the services are (WebAppConfig), its port, what it serves, the local
 * sign-in, and when a service's consumer lag makes the Operations page and the banner raise their hand.
 */
export class OpsDashboardConfig extends WebAppConfig {
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) PORT = 3000;
  /** The built single-page app (Vite's output). */
  @IsString() WEB_ROOT = 'dist/services/ops-dashboard/web';
  /** More messages than this waiting on one topic a service consumes: the service is `behind` (the Operations page says so). */
  @Type(() => Number) @IsInt() @Min(1) OPS_LAG_WARNING_MESSAGES = 1000;
  /** More than this: `far behind`, and every page of the dashboard shows a banner naming the service. */
  @Type(() => Number) @IsInt() @Min(1) @IsGreaterThan('OPS_LAG_WARNING_MESSAGES') OPS_LAG_CRITICAL_MESSAGES = 10_000;

  get lagThresholds(): LagThresholds {
    return { warningMessages: this.OPS_LAG_WARNING_MESSAGES, criticalMessages: this.OPS_LAG_CRITICAL_MESSAGES };
  }
}
