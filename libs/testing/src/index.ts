export { testStack, serviceEnv } from './stack';
export type { TestStack } from './stack';
export { startService } from './start-service';
export { ServiceProcess } from './service-process';
export { LoopbackMailbox } from './smtp-mailbox';
export type { RunningService } from './start-service';
export { eventually } from './eventually';
export { ManualClock } from './manual-clock';
export { readPdf } from './pdf-text';
export { linkRequestProcessed, practitionerAffiliated } from './link-request-factory';
export type { AffiliationStatement } from './link-request-factory';
export type { PdfReadBack } from './pdf-text';
export { stopKafka, startKafka } from './kafka-control';
export { KafkaProbe } from './kafka-probe';
export type { ProbedMessage } from './kafka-probe';
export { tokenFor, providerUser, backOfficeUser } from './tokens';
export type { TestUser } from './tokens';
export { grantAccess, revokeAccess, ensureGranted, grantsCaughtUp } from './grants';
export { backlogsConsumed } from './backlogs';
export type { GrantOptions, GrantStack } from './grants';
export { rosterRow, rosterCsv, rosterXlsx } from './roster-factory';
export type { RosterRowValues } from './roster-factory';
export {
  mulberry32,
  npiFromPrefix,
  validNpi,
  demoGroups,
  demoServiceLocationIds,
  demoIndividuals,
  groupPractice,
  individualProvider,
  countByProviderType,
  PROVIDER_TYPE_WEIGHTS,
  DEMO_UPDATED_AT,
  DEMO_SEED,
  DEMO_PROVIDER_COUNT,
  FIRST_GROUP_PID,
  FIRST_INDIVIDUAL_PID,
} from './provider-master-factory';
export { recordBench, judge, percentile, format as formatBenchValue } from './bench-results';
export type { BenchResult, JudgedBenchResult } from './bench-results';
