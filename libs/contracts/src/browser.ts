/**
 * The browser-safe entry of the contracts (`@rosterlink/contracts/browser`), for the dashboard and the portal:
 * types, constants and pure helpers only. Nothing here may reach class-validator, class-transformer or
 * reflect-metadata — the payload classes that validate events stay in the Node entry (index.ts), which also
 * exports everything below. deploy/test/contracts-browser-entry.spec.ts checks the module graph.
 */
export * from './identifiers';
export * from './domain-codes';
export * from './linkability';
export * from './event-codes';
export * from './business-time';
export * from './topic-names';
export * from './back-office-views';
export * from './link-request-views';
export * from './access-views';
export * from './case-and-letter-views';
