import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { EventPayloads, EventTopic } from '@rosterlink/contracts';

/** A consumed event: its CloudEvents attributes, its key and its validated payload. */
export interface ReceivedEvent<T> {
  id: string;
  type: string;
  source: string;
  time: string;
  key: string;
  payload: T;
  /**
   * The message's `traceparent` header as received, if it was a valid one. The transport runs a
   * one-event handler within a child of this trace, so its log lines and what it publishes
   * continue it. A batch handler runs within the first event's trace; one that publishes on behalf
   * of a particular event passes that event's `traceparent` to OutboxPublisher (`{ traceparent }`).
   */
  traceparent?: string;
  /**
   * Runs `task` once the handler's transaction has committed: for work outside the database that
   * needs what the handler wrote, such as queuing a job for a new row. A task that fails is logged
   * and not retried, so what it starts must also be recovered from the database.
   */
  afterCommit(task: () => Promise<unknown>): void;
}

export type EventHandler<T extends EventTopic> = (
  event: ReceivedEvent<EventPayloads[T]>,
  /** The transaction that also records the event as handled: write through it. */
  tx: EntityManager,
) => Promise<void>;

export type EventBatchHandler<T extends EventTopic> = (
  /** New events only (replays are filtered out by the inbox), in the partition's order. */
  events: ReceivedEvent<EventPayloads[T]>[],
  tx: EntityManager,
) => Promise<void>;

/**
 * The handler's argument: the event (or batch) as the transport decoded and validated it. Not
 * Nest's @Payload(), whose parameter type is `body` to pipes: the services' global request pipe
 * (request limits, DTO validation) would walk every field of every event of a batch again.
 */
const DecodedEvents = createParamDecorator((_data: unknown, context: ExecutionContext) => context.switchToRpc().getData());

/** How the transport tells a batch handler from a one-event handler (the pattern's extras). */
export const BATCH_HANDLER = 'rosterlinkBatch';

/**
 * Marks a consumer controller's method as the handler of a contract topic. The method's
 * signature is checked against the topic's payload type at compile time; a topic with no
 * contract, or with two handlers, fails at start-up.
 */
export function OnEvent<T extends EventTopic>(topic: T) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<EventHandler<T>>): void => {
    EventPattern(topic)(target, key, descriptor);
    // Nest passes an event handler only its payload unless told where the context goes.
    DecodedEvents()(target, key, 0);
    Ctx()(target, key, 1);
  };
}

/**
 * Like OnEvent, for handlers that write set-based: the method receives every new event of a
 * consumed batch at once (in partition order) and the batch's one transaction. Should the batch
 * fail, the transport hands the events over again one at a time (lists of one), so a poison
 * message is retried and dead-lettered alone.
 */
export function OnEventBatch<T extends EventTopic>(topic: T) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<EventBatchHandler<T>>): void => {
    EventPattern(topic, { [BATCH_HANDLER]: true })(target, key, descriptor);
    DecodedEvents()(target, key, 0);
    Ctx()(target, key, 1);
  };
}
