import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DeadLetterMetrics } from './dead-letter-metrics';
import { KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { MessagingMetrics } from './messaging-metrics';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { OutboxAgeMetrics } from './outbox-age-metrics';
import { OutboxPublisher } from './outbox-publisher';
import { OutboxRelay } from './outbox-relay';

/**
 * Kafka for one service: the outbox publisher its use cases write through, the relay that
 * drains the outbox, the transport that feeds its `@OnEvent` handlers, and a health check.
 * Needs a TypeORM `DataSource` and a prom-client `Registry` from the application.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaConnection,
        MessagingMetrics,
        OutboxPublisher,
        OutboxRelay,
        KafkaEventServer,
        KafkaHealthIndicator,
        OutboxAgeMetrics,
        DeadLetterMetrics,
      ],
      exports: [OutboxPublisher, OutboxRelay, KafkaEventServer, KafkaHealthIndicator, KafkaConnection],
    };
  }
}
