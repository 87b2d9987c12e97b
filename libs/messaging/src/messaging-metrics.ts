import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';

/** Event counters on the service's own Prometheus registry (provided by the platform). */
@Injectable()
export class MessagingMetrics {
  readonly published: Counter<'topic'>;
  readonly consumed: Counter<'topic' | 'outcome'>;

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
  }
}
