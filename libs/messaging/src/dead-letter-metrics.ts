import { Inject, Injectable } from '@nestjs/common';
import { Admin } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { deadLetterTopicOf } from '@rosterlink/contracts';
import { PartitionOffsets } from './consumer-lag';
import { KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';

const TIMEOUT_MS = 2000;

/** Messages held on a topic: log-end minus earliest offset, summed over partitions (retention lowers it). */
export function messagesHeld(partitions: readonly PartitionOffsets[]): number {
  return partitions.reduce((sum, p) => sum + Math.max(0, Number(p.high) - Number(p.low)), 0);
}

/** Messages held on each of `topics` (broker names), asked for together; fails after two seconds. */
export async function messagesHeldByTopic(admin: Admin, topics: readonly string[]): Promise<Map<string, number>> {
  const read = async (): Promise<Map<string, number>> => {
    const offsets = await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
    return new Map(topics.map((topic, i) => [topic, messagesHeld(offsets[i])]));
  };
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    read(),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('dead letters: broker did not answer')), TIMEOUT_MS);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * `rosterlink_kafka_dead_letter_messages{topic}`: the messages on the `.dlq` topic of each topic
 * this service consumes (labelled with the contract's dead-letter topic name), read from the
 * broker at scrape time. A `.dlq` topic is shared by every consumer group of its source topic,
 * so services reading the same topic report the same figure; `dlq_consumer` on each message says
 * whose handler refused it. Absent while the broker does not answer.
 */
@Injectable()
export class DeadLetterMetrics {
  constructor(
    kafka: KafkaConnection,
    server: KafkaEventServer,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    @Inject(Registry) registry: Registry,
  ) {
    new Gauge({
      name: 'rosterlink_kafka_dead_letter_messages',
      help: "Messages on the dead-letter (.dlq) topic of each topic this service consumes; absent while the broker does not answer",
      labelNames: ['topic'],
      registers: [registry],
      async collect() {
        this.reset();
        let topics: string[];
        try {
          // The handlers are known once the transport is connected; none yet (or none at all): no series.
          topics = server.handledTopics().map((t) => deadLetterTopicOf(t));
        } catch {
          return;
        }
        if (topics.length === 0) return;
        try {
          const held = await messagesHeldByTopic(await kafka.getAdmin(), topics.map((t) => options.topicPrefix + t));
          for (const topic of topics) this.set({ topic }, held.get(options.topicPrefix + topic) ?? 0);
        } catch {
          // No sample rather than a stale one.
        }
      },
    });
  }
}
