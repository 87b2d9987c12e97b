// class-transformer's @Type reads decorator metadata: load the polyfill wherever the contracts are.
import 'reflect-metadata';

export * from './identifiers';
export * from './validators';
export * from './domain-codes';
export * from './linkability';
export * from './event-codes';
export * from './business-time';
export * from './back-office-views';
export * from './link-request-views';
export * from './access-views';
export * from './case-and-letter-views';
export * from './cloud-events';
export * from './topics';
export * from './events/provider-master-upserted.event';
export * from './events/roster-uploaded.event';
export * from './events/roster-import-case-created.event';
export * from './events/roster-import-completed.event';
export * from './events/practitioner-affiliated.event';
export * from './jobs';
export * from './events/link-request.events';
export * from './events/letter-sent.event';
export * from './events/access-grant-changed.event';
export * from './events/business-calendar-changed.event';
export * from './payload-decoding';
