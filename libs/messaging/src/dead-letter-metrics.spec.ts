import { Admin } from 'kafkajs';
import { Registry } from 'prom-client';
import { DeadLetterMetrics, messagesHeld, messagesHeldByTopic } from './dead-letter-metrics';
import { KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';
import { MessagingOptions } from './messaging-options';

describe('messagesHeld', () => {
  it('sums log-end minus earliest offset over partitions', () => {
    expect(
      messagesHeld([
        { partition: 0, high: '12', low: '2' },
        { partition: 1, high: '5', low: '5' },
      ]),
    ).toBe(10);
  });
});

function fakeAdmin(offsets: Record<string, { high: string; low: string }>): Admin {
  return {
    fetchTopicOffsets: async (topic: string) => [{ partition: 0, offset: offsets[topic].high, ...offsets[topic] }],
  } as unknown as Admin;
}

describe('messagesHeldByTopic', () => {
  it('fails rather than waiting on a broker that does not answer', async () => {
    const silent = { fetchTopicOffsets: () => new Promise(() => undefined) } as unknown as Admin;
    jest.useFakeTimers();
    try {
      const read = messagesHeldByTopic(silent, ['t.dlq']);
      jest.advanceTimersByTime(2000);
      await expect(read).rejects.toThrow('dead letters: broker did not answer');
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('DeadLetterMetrics', () => {
  const options = { topicPrefix: 'run1-' } as MessagingOptions;

  function scrape(handled: () => string[], admin: Admin): Promise<string> {
    const registry = new Registry();
    const kafka = { getAdmin: async () => admin } as unknown as KafkaConnection;
    const server = { handledTopics: handled } as unknown as KafkaEventServer;
    new DeadLetterMetrics(kafka, server, options, registry);
    return registry.metrics();
  }

  it("reports the messages on the .dlq topic of each consumed topic, by the contract's name", async () => {
    const text = await scrape(
      () => ['roster.uploaded.v1', 'provider-master.upserted.v1'],
      fakeAdmin({ 'run1-roster.uploaded.v1.dlq': { high: '3', low: '0' }, 'run1-provider-master.upserted.v1.dlq': { high: '0', low: '0' } }),
    );
    expect(text).toContain('# HELP rosterlink_kafka_dead_letter_messages');
    expect(text).toContain('rosterlink_kafka_dead_letter_messages{topic="roster.uploaded.v1.dlq"} 3');
    expect(text).toContain('rosterlink_kafka_dead_letter_messages{topic="provider-master.upserted.v1.dlq"} 0');
  });

  it('has no sample while the broker fails, or before the handlers are known', async () => {
    const failing = { fetchTopicOffsets: () => Promise.reject(new Error('down')) } as unknown as Admin;
    expect(await scrape(() => ['roster.uploaded.v1'], failing)).not.toMatch(/^rosterlink_kafka_dead_letter_messages\{/m);
    expect(await scrape(() => [], failing)).not.toMatch(/^rosterlink_kafka_dead_letter_messages\{/m);
    const misWired = () => {
      throw new Error('no contract');
    };
    expect(await scrape(misWired, failing)).not.toMatch(/^rosterlink_kafka_dead_letter_messages\{/m);
  });
});
