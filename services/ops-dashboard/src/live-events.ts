import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Consumer, KafkaMessage } from 'kafkajs';
import { CloudEventHeaders, TopicName, Topics } from '@rosterlink/contracts';
import { KafkaConnection } from '@rosterlink/messaging';
import type { LiveChange } from './live-change';

/** The events that change what a dashboard view shows. */
export const LIVE_TOPICS = [
  Topics.RosterImportCaseCreated,
  Topics.RosterImportCompleted,
  Topics.LinkRequestSubmitted,
  Topics.LinkRequestProcessed,
  Topics.LinkRequestSlaWarning,
  Topics.LinkRequestSlaBreached,
  Topics.LinkRequestAssigned,
  Topics.LinkRequestNoteAdded,
  Topics.LetterSent,
  Topics.BusinessCalendarChanged,
] as const;


const ID_FIELDS = ['requestId', 'caseNumber', 'letterId'] as const;

export function liveChangeOf(topic: TopicName, message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>): LiveChange {
  const change: LiveChange = { topic, key: message.key?.toString('utf8') ?? '', eventId: String(message.headers?.[CloudEventHeaders.id] ?? '') };
  let value: Record<string, unknown> = {};
  try {
    value = JSON.parse(message.value?.toString('utf8') ?? '{}') ?? {};
  } catch {
    // An unreadable value still says "something changed on this topic".
  }
  for (const field of ID_FIELDS) if (typeof value[field] === 'string') change[field] = value[field];
  return change;
}

/**
 * Feeds connected browsers from Kafka. Each dashboard instance is its own consumer group that
 * starts at the latest offsets: a browser wants to know what changes from now on, and reloads
 * its data itself. The group commits no offsets and is deleted on shutdown, so SRE's group
 * listings do not fill up with old dashboards (one that crashed is dropped by the broker once
 * empty, as a group without offsets).
 */
export class LiveEvents {
  private readonly clients = new Set<ServerResponse>();
  private consumer?: Consumer;
  private readonly groupId: string;
  private closed = false;
  /** True once the consumer has its partitions: from then on no change is missed. */
  consuming = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    /** The platform's Kafka client (libs/messaging): its settings, topic prefix and logging. */
    private readonly kafka: KafkaConnection,
    private readonly log: (message: string) => void,
  ) {
    this.groupId = kafka.prefixed(`ops-dashboard-${randomUUID()}`);
    // Comments keep idle connections open through proxies and show a dead one quickly.
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), 15_000).unref();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  start(): void {
    void this.consumeUntilClosed();
  }

  attach(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 3000\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  publish(change: LiveChange): void {
    this.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    if (!this.consumer) return;
    await this.consumer.disconnect().catch(() => undefined);
    try {
      await (await this.kafka.getAdmin()).deleteGroups([this.groupId]);
    } catch (error) {
      this.log(`live updates: consumer group not deleted (${String(error)})`);
    } finally {
      await this.kafka.onApplicationShutdown();
    }
  }

  private write(chunk: string): void {
    for (const client of this.clients) client.write(chunk);
  }

  private async consumeUntilClosed(): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      const consumer = this.kafka.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false });
      this.consumer = consumer;
      consumer.on(consumer.events.GROUP_JOIN, () => (this.consuming = true));
      consumer.on(consumer.events.CRASH, () => (this.consuming = false));
      try {
        await consumer.connect();
        await consumer.subscribe({ topics: LIVE_TOPICS.map((t) => this.kafka.prefixed(t)), fromBeginning: false });
        await consumer.run({
          autoCommit: false,
          eachMessage: async ({ topic, message }) => this.publish(liveChangeOf(topic.slice(this.kafka.options.topicPrefix.length) as TopicName, message)),
        });
        this.log('live updates: consuming');
        return;
      } catch (error) {
        if (attempt === 1) this.log(`live updates: Kafka consumer cannot start, retrying (${String(error)})`);
        await consumer.disconnect().catch(() => undefined);
        await sleep(Math.min(5_000, 500 * attempt));
      }
    }
  }
}
