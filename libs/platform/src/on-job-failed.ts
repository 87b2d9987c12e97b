import { Logger } from '@nestjs/common';
import { OnWorkerEvent } from '@nestjs/bullmq';

/**
 * `@OnWorkerEvent('failed')` for a handler that records the failure somewhere (usually
 * PostgreSQL). BullMQ emits the event and awaits nothing, so a handler that rejects — the
 * database being away is exactly when jobs fail — would end the process as an unhandled
 * rejection. Here a failed record is logged instead; the service's recovery sweep finds the job's
 * row still unfinished and runs it again.
 */
export function OnJobFailed(): MethodDecorator {
  return (target, key, descriptor: PropertyDescriptor) => {
    const handler = descriptor.value as (...args: unknown[]) => unknown;
    const logger = new Logger(target.constructor.name);
    descriptor.value = function recordFailure(this: unknown, ...args: unknown[]): Promise<void> {
      return Promise.resolve()
        .then(() => handler.apply(this, args))
        .then(
          () => undefined,
          (error) => logger.warn({ msg: 'A failed job could not be recorded; the recovery sweep will see it again', error: String(error) }),
        );
    };
    OnWorkerEvent('failed')(target, key, descriptor);
  };
}
