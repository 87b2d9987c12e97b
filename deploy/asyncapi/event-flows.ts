import { EventTopic, Topics } from '@rosterlink/contracts';

/**
 * Who writes and who reads each topic. Written down here because the code says it in several ways
 * (`@OnEvent`/`@OnEventBatch` handlers in a service or in a library module it imports, outbox calls,
 * the dashboard's topic list); deploy/test/asyncapi.spec.ts reads the services' sources and fails
 * when this map and the code disagree.
 */
export interface Participant {
  description: string;
  /** `ce_source` of what it writes; absent when not fixed. */
  source?: string;
  /**
   * How it consumes: `service` = libs/messaging's consumer, in group `consumerGroupOf(name, topic)`,
   * idempotent through its inbox, dead-lettering to `<topic>.dlq`; `live-view` = the dashboard.
   */
  consumes?: 'service' | 'live-view';
}

const participants = {
  'upload-service': {
    description: 'Roster files: the approved template, uploads, and the case status shown to the group.',
    source: '/rosterlink/upload-service',
    consumes: 'service',
  },
  'import-service': {
    description: 'Roster-import cases, Process Roster Import, and the practitioner records of groups.',
    source: '/rosterlink/import-service',
    consumes: 'service',
  },
  'link-request-service': {
    description: 'Provider directory search, group links, link requests and their 10-business-day SLA.',
    source: '/rosterlink/link-request-service',
    consumes: 'service',
  },
  'notification-service': {
    description: 'Letters to the DBA address and notifications for portal and back-office users.',
    source: '/rosterlink/notification-service',
    consumes: 'service',
  },
  'access-service': {
    description: 'Portal users, their grants on PID/SLs, Primary Users and the access audit.',
    source: '/rosterlink/access-service',
    consumes: 'service',
  },
  'ops-dashboard': {
    description:
      "The operations dashboard's live view: each instance reads in a consumer group of its own, " +
      '`ops-dashboard-<uuid>`, from the latest offsets, commits no offsets and deletes the group on shutdown; ' +
      'it only tells browsers that something changed (no inbox, no dead letters).',
    consumes: 'live-view',
  },
  upstream: {
    description:
      'Systems outside this repository: the MMIS provider master. Locally `deploy/local/seed-demo-data.ts` writes ' +
      'the demo records with `ce_source` `/rosterlink/demo-seed`.',
  },
} as const satisfies Record<string, Participant>;

export type ParticipantName = keyof typeof participants;
export const PARTICIPANTS: Record<ParticipantName, Participant> = participants;

export interface EventFlow {
  producers: readonly ParticipantName[];
  consumers: readonly ParticipantName[];
}

export const EVENT_FLOWS: { [T in EventTopic]: EventFlow } = {
  [Topics.ProviderMasterUpserted]: { producers: ['upstream'], consumers: ['access-service', 'import-service', 'link-request-service', 'upload-service'] },
  [Topics.RosterUploaded]: { producers: ['upload-service'], consumers: ['import-service'] },
  [Topics.RosterImportCaseCreated]: { producers: ['import-service'], consumers: ['upload-service', 'ops-dashboard'] },
  [Topics.RosterImportCompleted]: { producers: ['import-service'], consumers: ['notification-service', 'upload-service', 'ops-dashboard'] },
  [Topics.PractitionerAffiliated]: { producers: ['import-service'], consumers: ['link-request-service'] },
  [Topics.LinkRequestSubmitted]: { producers: ['link-request-service'], consumers: ['ops-dashboard'] },
  [Topics.LinkRequestProcessed]: { producers: ['link-request-service'], consumers: ['notification-service', 'ops-dashboard'] },
  [Topics.LinkRequestSlaWarning]: { producers: ['link-request-service'], consumers: ['notification-service', 'ops-dashboard'] },
  [Topics.LinkRequestSlaBreached]: { producers: ['link-request-service'], consumers: ['notification-service', 'ops-dashboard'] },
  [Topics.LinkRequestAssigned]: { producers: ['link-request-service'], consumers: ['ops-dashboard'] },
  [Topics.LinkRequestNoteAdded]: { producers: ['link-request-service'], consumers: ['ops-dashboard'] },
  [Topics.LetterSent]: { producers: ['notification-service'], consumers: ['ops-dashboard'] },
  [Topics.AccessGrantChanged]: {
    producers: ['access-service'],
    consumers: ['import-service', 'link-request-service', 'notification-service', 'upload-service'],
  },
  [Topics.BusinessCalendarChanged]: { producers: ['link-request-service'], consumers: ['ops-dashboard'] },
};
