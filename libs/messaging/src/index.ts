export { MessagingModule } from './messaging.module';
export type { MessagingOptions } from './messaging-options';
export { OutboxPublisher } from './outbox-publisher';
export { EVENT_ID_BYTES_SQL, eventIdFromBytesSql, newEventId, newTimeOrderedId } from './event-ids';
export { OutboxRelay } from './outbox-relay';
export { KafkaEventServer } from './kafka-event.server';
export { KafkaConnection } from './kafka-connection';
export { KafkaHealthIndicator } from './kafka-health.indicator';
export { OnEvent, OnEventBatch } from './received-event';
export type { ReceivedEvent, EventHandler } from './received-event';
export { createMessagingTables, dropMessagingTables, OutboxEventIdNotIndexed1765400000000 } from './messaging-tables';
export { createTopicsAndWait, provisionTopics } from './topic-provisioner';
export type { TopicChange } from './topic-provisioner';
export { isTransientError, retryWhileUnavailable } from './transient-error';
export { consumerLagByTopic } from './consumer-lag';
export { messagesHeld, messagesHeldByTopic } from './dead-letter-metrics';
export { oldestUnpublishedAgeSql } from './outbox-age-metrics';
export type { PublishOptions } from './outbox-publisher';
export {
  bindToCurrentTrace,
  childOf,
  continueTrace,
  currentTrace,
  formatTraceparent,
  newTrace,
  outgoingTraceparent,
  parseTraceparent,
  runInTrace,
} from './trace-context';
export type { TraceContext } from './trace-context';
