import type { ClassConstructor } from 'class-transformer';
import {
  GroupUpsertedV1,
  IndividualUpsertedV1,
  ProviderMasterUpsertedV1,
} from './events/provider-master-upserted.event';
import { RosterUploadedV1 } from './events/roster-uploaded.event';
import { RosterImportCaseCreatedV1 } from './events/roster-import-case-created.event';
import { RosterImportCompletedV1 } from './events/roster-import-completed.event';
import { LetterSentV1 } from './events/letter-sent.event';
import { PractitionerAffiliatedV1 } from './events/practitioner-affiliated.event';
import {
  LinkRequestAssignedV1,
  LinkRequestNoteAddedV1,
  LinkRequestProcessedV1,
  LinkRequestSlaBreachedV1,
  LinkRequestSlaWarningV1,
  LinkRequestSubmittedV1,
} from './events/link-request.events';
import { AccessGrantChangedV1 } from './events/access-grant-changed.event';
import { BUSINESS_CALENDAR_KEY, BusinessCalendarChangedV1 } from './events/business-calendar-changed.event';

// Topic names and broker specs live in a plain file that the browser entry shares; re-exported here unchanged.
import type { TopicName } from './topic-names';
export { deadLetterTopicOf, TOPIC_SPECS, Topics } from './topic-names';
export type { TopicName, TopicSpec } from './topic-names';

/** Topic → payload type. A producer or consumer of the wrong shape does not compile. */
export interface EventPayloads {
  'provider-master.upserted.v1': ProviderMasterUpsertedV1;
  'roster.uploaded.v1': RosterUploadedV1;
  'roster-import.case-created.v1': RosterImportCaseCreatedV1;
  'roster-import.completed.v1': RosterImportCompletedV1;
  'practitioner.affiliated.v1': PractitionerAffiliatedV1;
  'link-request.submitted.v1': LinkRequestSubmittedV1;
  'link-request.processed.v1': LinkRequestProcessedV1;
  'link-request.sla-warning.v1': LinkRequestSlaWarningV1;
  'link-request.sla-breached.v1': LinkRequestSlaBreachedV1;
  'link-request.assigned.v1': LinkRequestAssignedV1;
  'link-request.note-added.v1': LinkRequestNoteAddedV1;
  'letter.sent.v1': LetterSentV1;
  'access.grant-changed.v1': AccessGrantChangedV1;
  'business-calendar.changed.v1': BusinessCalendarChangedV1;
}
export type EventTopic = keyof EventPayloads & TopicName;

export interface EventDefinition<T extends EventTopic> {
  /** The class that validates a consumed payload (class-validator), chosen by its content. */
  payloadClass(raw: Record<string, unknown>): ClassConstructor<EventPayloads[T]>;
  /** The message key, so that one group's (or one location's) events stay in order. */
  keyOf(payload: EventPayloads[T]): string;
  /**
   * Consumed apart: each service reads the topic with a consumer of its own, in consumer group
   * `<service>.<lane>`, so that it never waits behind a backlog on another topic (a revocation
   * holds within seconds while a 100,000-row roster is projected). Topics without a lane are
   * read by the service's main group, `<service>`.
   */
  lane?: ConsumerLane;
}

/** The consumer lanes beside a service's main consumer group. */
export type ConsumerLane = 'access';

/** The consumer group a service reads `topic` in (without the run's topic prefix). */
export function consumerGroupOf(serviceName: string, topic: EventTopic): string {
  const lane = EVENT_DEFINITIONS[topic].lane;
  return lane ? `${serviceName}.${lane}` : serviceName;
}

export const EVENT_DEFINITIONS: { [T in EventTopic]: EventDefinition<T> } = {
  'provider-master.upserted.v1': {
    payloadClass: (raw) => (raw['kind'] === 'GROUP' ? GroupUpsertedV1 : IndividualUpsertedV1),
    keyOf: (p) => p.pid,
  },
  'roster.uploaded.v1': { payloadClass: () => RosterUploadedV1, keyOf: (p) => p.groupId },
  'roster-import.case-created.v1': { payloadClass: () => RosterImportCaseCreatedV1, keyOf: (p) => p.groupId },
  'roster-import.completed.v1': { payloadClass: () => RosterImportCompletedV1, keyOf: (p) => p.groupId },
  'practitioner.affiliated.v1': { payloadClass: () => PractitionerAffiliatedV1, keyOf: (p) => p.groupId },
  'link-request.submitted.v1': { payloadClass: () => LinkRequestSubmittedV1, keyOf: (p) => p.pidsl },
  'link-request.processed.v1': { payloadClass: () => LinkRequestProcessedV1, keyOf: (p) => p.pidsl },
  'link-request.sla-warning.v1': { payloadClass: () => LinkRequestSlaWarningV1, keyOf: (p) => p.pidsl },
  'link-request.sla-breached.v1': { payloadClass: () => LinkRequestSlaBreachedV1, keyOf: (p) => p.pidsl },
  'link-request.assigned.v1': { payloadClass: () => LinkRequestAssignedV1, keyOf: (p) => p.pidsl },
  'link-request.note-added.v1': { payloadClass: () => LinkRequestNoteAddedV1, keyOf: (p) => p.pidsl },
  'letter.sent.v1': { payloadClass: () => LetterSentV1, keyOf: (p) => p.pidsl },
  'access.grant-changed.v1': { payloadClass: () => AccessGrantChangedV1, keyOf: (p) => p.pidsl, lane: 'access' },
  'business-calendar.changed.v1': { payloadClass: () => BusinessCalendarChangedV1, keyOf: () => BUSINESS_CALENDAR_KEY },
};
