import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { cloudEventHeaders, EVENT_DEFINITIONS, EventPayloads, EventTopic } from '@rosterlink/contracts';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { qualifiedTable } from './schema-of';

/**
 * Records an event in the outbox inside the caller's transaction, so the state change and
 * the event announcing it commit together or not at all. The relay publishes it later.
 */
@Injectable()
export class OutboxPublisher {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async publish<T extends EventTopic>(tx: EntityManager, topic: T, payload: EventPayloads[T]): Promise<string> {
    const id = randomUUID();
    const headers = cloudEventHeaders({
      id,
      type: topic,
      source: `/rosterlink/${this.options.serviceName}`,
      time: new Date().toISOString(),
    });
    await tx.query(
      `INSERT INTO ${qualifiedTable(tx, 'outbox')} (event_id, topic, message_key, headers, payload)
       VALUES ($1, $2, $3, $4, $5)`,
      [id, topic, EVENT_DEFINITIONS[topic].keyOf(payload), headers, payload],
    );
    return id;
  }
}
