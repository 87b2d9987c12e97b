export interface MessagingOptions {
  /** The producing service, used as CloudEvents `ce_source` and as the consumer group. */
  serviceName: string;
  brokers: string[];
  /** Prepended to every topic and consumer group name; empty in production, unique per test run. */
  topicPrefix: string;
  /** How often the outbox relay looks for unpublished events when nothing woke it. */
  outboxPollIntervalMs: number;
  /** Most events the relay publishes in one send. */
  outboxBatchSize: number;
  /** Handler attempts before a message goes to the dead-letter topic. */
  maxHandlerAttempts: number;
  /** Most messages of one partition handled in one transaction. */
  consumerBatchSize: number;
  /** Longest the broker holds a fetch open while waiting for messages. */
  consumerBatchMaxWaitMs: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
