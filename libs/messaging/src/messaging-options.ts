export interface MessagingOptions {
  /** The producing service, used as CloudEvents `ce_source` and as the consumer group. */
  serviceName: string;
  brokers: string[];
  /** Prepended to every topic and consumer group name; empty in production, unique per test run. */
  topicPrefix: string;
  /** How often the outbox relay looks for unpublished events. */
  outboxPollIntervalMs: number;
  /** Handler attempts before a message goes to the dead-letter topic. */
  maxHandlerAttempts: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
