import { liveChangeOf } from './live-events';
import { checksOf, consumerLagOf } from './operations-status';

describe('consumerLagOf', () => {
  it('reads the lag gauge by topic from a Prometheus exposition', () => {
    const text = [
      '# HELP rosterlink_kafka_consumer_lag Messages not yet consumed',
      '# TYPE rosterlink_kafka_consumer_lag gauge',
      'rosterlink_kafka_consumer_lag{topic="link-request.processed.v1",service="notification-service"} 3',
      'rosterlink_kafka_consumer_lag{service="notification-service",topic="roster-import.completed.v1"} 0',
      'rosterlink_events_consumed_total{topic="x",outcome="handled"} 9',
    ].join('\n');
    expect(consumerLagOf(text)).toEqual({ 'link-request.processed.v1': 3, 'roster-import.completed.v1': 0 });
  });

  it('is null when the service reports no lag', () => {
    expect(consumerLagOf('# TYPE rosterlink_kafka_consumer_lag gauge\nprocess_cpu_seconds_total 1')).toBeNull();
  });
});

describe('checksOf', () => {
  it('lists each dependency of a terminus health body', () => {
    expect(checksOf({ status: 'error', details: { database: { status: 'up' }, kafka: { status: 'down', message: 'x' } } })).toEqual({
      database: 'up',
      kafka: 'down',
    });
    expect(checksOf(null)).toEqual({});
  });
});

describe('liveChangeOf', () => {
  it('keeps identifiers only: never names, addresses or NPIs', () => {
    const value = {
      requestId: 'r-1',
      provider: { npi: '1234567893', firstName: 'Ana', lastName: 'Souza' },
      recipient: { name: 'Harbor Family Medicine', address: { line1: '12 Water St' } },
    };
    const change = liveChangeOf('link-request.processed.v1', {
      key: Buffer.from('110000001A'),
      value: Buffer.from(JSON.stringify(value)),
      headers: { ce_id: Buffer.from('evt-1') },
    });
    expect(change).toEqual({ topic: 'link-request.processed.v1', key: '110000001A', eventId: 'evt-1', requestId: 'r-1' });
  });

  it('still reports an event whose value is unreadable', () => {
    expect(liveChangeOf('letter.sent.v1', { key: null, value: Buffer.from('{oops'), headers: {} })).toEqual({
      topic: 'letter.sent.v1',
      key: '',
      eventId: '',
    });
  });
});
