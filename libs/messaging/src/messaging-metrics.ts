import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/** Event counters and consumer lag on the service's own Prometheus registry (provided by the platform). */
@Injectable()
export class MessagingMetrics {
  readonly published: Counter<'topic'>;
  readonly consumed: Counter<'topic' | 'outcome'>;
  readonly consumerLag: Gauge<'topic'>;
  private readLag?: () => Promise<Map<string, number>>;

  constructor(@Inject(Registry) registry: Registry) {
    this.published = new Counter({
      name: 'rosterlink_events_published_total',
      help: 'Events relayed from the outbox to Kafka',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.consumed = new Counter({
      name: 'rosterlink_events_consumed_total',
      help: 'Events consumed, by outcome: handled, duplicate, dead_lettered',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    });
    this.consumerLag = new Gauge({
      name: 'rosterlink_kafka_consumer_lag',
      help: "Messages not yet consumed by this service's consumer group, by topic; absent while the broker does not answer",
      labelNames: ['topic'],
      registers: [registry],
      // Read at scrape time, so the figure is as fresh as the scrape.
      collect: () => this.collectLag(),
    });
  }

  /** Called by the consumer once it knows its topics and group. */
  observeConsumerLag(readLag: () => Promise<Map<string, number>>): void {
    this.readLag = readLag;
  }

  private async collectLag(): Promise<void> {
    this.consumerLag.reset();
    if (!this.readLag) return;
    try {
      for (const [topic, lag] of await this.readLag()) this.consumerLag.set({ topic }, lag);
    } catch {
      // No sample rather than a stale or made-up one: the dashboard shows the lag as unavailable.
    }
  }
}
