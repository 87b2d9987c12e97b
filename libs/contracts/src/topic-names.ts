/** Every Kafka topic of CONTRACT.md. A published name never changes: a new shape gets `.v2`. */
export const Topics = {
  ProviderMasterUpserted: 'provider-master.upserted.v1',
  RosterUploaded: 'roster.uploaded.v1',
  RosterImportCaseCreated: 'roster-import.case-created.v1',
  RosterImportCompleted: 'roster-import.completed.v1',
  PractitionerAffiliated: 'practitioner.affiliated.v1',
  LinkRequestSubmitted: 'link-request.submitted.v1',
  LinkRequestProcessed: 'link-request.processed.v1',
  LinkRequestSlaWarning: 'link-request.sla-warning.v1',
  LinkRequestSlaBreached: 'link-request.sla-breached.v1',
  LinkRequestAssigned: 'link-request.assigned.v1',
  LinkRequestNoteAdded: 'link-request.note-added.v1',
  LetterSent: 'letter.sent.v1',
  AccessGrantChanged: 'access.grant-changed.v1',
  BusinessCalendarChanged: 'business-calendar.changed.v1',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TopicSpec {
  name: string;
  partitions: number;
  /** `compact` keeps the latest value per key for ever: the provider master is a table, not a log. */
  cleanupPolicy: 'delete' | 'compact';
  retentionMs: number;
}

/**
 * Topics a service rebuilds its projection from, so they are never emptied by age: the provider
 * master (compacted: the newest record per PID), and the access grants (kept whole: the key is the
 * PID/SL and each event is about one user there, so compaction would drop other users' grants).
 */
const KEPT_FOR_EVER: readonly string[] = [Topics.ProviderMasterUpserted, Topics.AccessGrantChanged];

/** What the broker must hold: every contract topic, and a `.dlq` beside each. */
export const TOPIC_SPECS: readonly TopicSpec[] = Object.values(Topics).flatMap((name) => [
  {
    name,
    partitions: 6,
    cleanupPolicy: name === Topics.ProviderMasterUpserted ? 'compact' : 'delete',
    retentionMs: KEPT_FOR_EVER.includes(name) ? -1 : 14 * DAY_MS,
  } satisfies TopicSpec,
  { name: deadLetterTopicOf(name), partitions: 1, cleanupPolicy: 'delete', retentionMs: 30 * DAY_MS } satisfies TopicSpec,
]);

/** Where a consumer of `topic` sends what it cannot handle. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
