import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '@rosterlink/platform';
import { OpsDashboardConfig } from './ops-dashboard.config';
import type { LagThresholds, TopicLag } from './operations-report';
import { lagStatusOf, operationsReport, operationsStatusOf, serviceStatus, sharedFor, topicLagsOf } from './operations-status';

const thresholds: LagThresholds = { warningMessages: 1000, criticalMessages: 10_000 };
const lag = (...messages: number[]): TopicLag[] => topicLagsOf(Object.fromEntries(messages.map((m, i) => [`topic-${i}.v1`, m])), thresholds) ?? [];

describe('a topic’s lag against the thresholds', () => {
  it('is behind over the warning threshold and far behind over the critical one', () => {
    expect(lagStatusOf(0, thresholds)).toBe('ok');
    expect(lagStatusOf(1000, thresholds)).toBe('ok');
    expect(lagStatusOf(1001, thresholds)).toBe('behind');
    expect(lagStatusOf(10_000, thresholds)).toBe('behind');
    expect(lagStatusOf(10_001, thresholds)).toBe('far behind');
    expect(lagStatusOf(53_500, thresholds)).toBe('far behind');
  });

  it('is listed by topic, in topic order, each with its status', () => {
    expect(topicLagsOf({ 'provider-master.upserted.v1': 53_500, 'access.grant-changed.v1': 2 }, thresholds)).toEqual([
      { topic: 'access.grant-changed.v1', messages: 2, status: 'ok' },
      { topic: 'provider-master.upserted.v1', messages: 53_500, status: 'far behind' },
    ]);
    expect(topicLagsOf(null, thresholds)).toBeNull();
  });
});

describe('a service’s status', () => {
  it('is up when it answers healthy and no topic is over the warning threshold', () => {
    expect(operationsStatusOf('up', lag(0, 1000))).toBe('up');
  });

  it('is up when its lag is unknown: it is rated by its health alone', () => {
    expect(operationsStatusOf('up', null)).toBe('up');
  });

  it('is the worst of its topics: one topic far behind is enough, whatever the others', () => {
    expect(operationsStatusOf('up', lag(0, 1001))).toBe('behind');
    expect(operationsStatusOf('up', lag(1001, 53_500, 0))).toBe('far behind');
  });

  it('is down or unreachable before anything its lag says', () => {
    expect(operationsStatusOf('down', lag(53_500))).toBe('down');
    expect(operationsStatusOf('unreachable', null)).toBe('unreachable');
  });
});

describe('asking a service', () => {
  let answers: { health: number; metrics: string };
  const service = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(answers.health, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: answers.health === 200 ? 'ok' : 'error', details: { database: { status: answers.health === 200 ? 'up' : 'down' } } }));
    } else {
      res.end(answers.metrics);
    }
  });
  let baseUrl: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  });
  afterAll(() => service.close());

  it('rates its health and its lag by topic', async () => {
    answers = { health: 200, metrics: 'rosterlink_kafka_consumer_lag{topic="provider-master.upserted.v1"} 53500\nrosterlink_kafka_consumer_lag{topic="access.grant-changed.v1"} 0' };
    expect(await serviceStatus('link-request', baseUrl, thresholds)).toEqual({
      service: 'link-request',
      status: 'far behind',
      health: 'up',
      checks: { database: 'up' },
      lag: [
        { topic: 'access.grant-changed.v1', messages: 0, status: 'ok' },
        { topic: 'provider-master.upserted.v1', messages: 53_500, status: 'far behind' },
      ],
    });
  });

  it('says down when its /health fails, and unreachable when nothing answers', async () => {
    answers = { health: 503, metrics: '' };
    expect(await serviceStatus('notification', baseUrl, thresholds)).toMatchObject({ status: 'down', health: 'down', checks: { database: 'down' }, lag: null });
    const unused = await new Promise<Server>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
    });
    const closedUrl = `http://127.0.0.1:${(unused.address() as AddressInfo).port}`;
    await new Promise((resolve) => unused.close(resolve));
    expect(await serviceStatus('notification', closedUrl, thresholds)).toEqual({ service: 'notification', status: 'unreachable', health: 'unreachable', checks: {}, lag: null });
  });

  it('reports every service with the thresholds and when they were asked', async () => {
    answers = { health: 200, metrics: '' };
    const report = await operationsReport({ upload: baseUrl, import: baseUrl, 'link-request': baseUrl, notification: baseUrl, access: baseUrl }, thresholds, () => new Date('2026-11-30T14:00:00Z'));
    expect(report.items.map((s) => `${s.service} ${s.status}`)).toEqual(['upload up', 'import up', 'link-request up', 'notification up', 'access up']);
    expect(report).toMatchObject({ lagThresholds: thresholds, checkedAt: '2026-11-30T14:00:00.000Z' });
  });
});

describe('sharing one round of answers between dashboards', () => {
  it('answers callers within the age from one load, and loads again after it', async () => {
    let now = 0;
    let loads = 0;
    const shared = sharedFor(5000, async () => ++loads, () => now);
    expect(await Promise.all([shared(), shared()])).toEqual([1, 1]);
    now = 4999;
    expect(await shared()).toBe(1);
    now = 5000;
    expect(await shared()).toBe(2);
  });

  it('does not keep a failed load', async () => {
    let fail = true;
    const shared = sharedFor(5000, async () => {
      if (fail) throw new Error('no answer');
      return 'ok';
    }, () => 0);
    await expect(shared()).rejects.toThrow('no answer');
    fail = false;
    expect(await shared()).toBe('ok');
  });
});

describe('the lag thresholds in the configuration', () => {
  it('default to 1,000 and 10,000 messages', () => {
    expect(loadConfig(OpsDashboardConfig, {}).lagThresholds).toEqual({ warningMessages: 1000, criticalMessages: 10_000 });
  });

  it('are read from OPS_LAG_WARNING_MESSAGES and OPS_LAG_CRITICAL_MESSAGES', () => {
    const config = loadConfig(OpsDashboardConfig, { OPS_LAG_WARNING_MESSAGES: '500', OPS_LAG_CRITICAL_MESSAGES: '2000' });
    expect(config.lagThresholds).toEqual({ warningMessages: 500, criticalMessages: 2000 });
  });

  it('refuse what is not a whole number of messages, or a critical threshold not above the warning one, naming the variable', () => {
    const lots = () => loadConfig(OpsDashboardConfig, { OPS_LAG_WARNING_MESSAGES: 'lots' });
    expect(lots).toThrow(/^Invalid configuration:\n {2}OPS_LAG_WARNING_MESSAGES: [^\n]*$/);
    expect(() => loadConfig(OpsDashboardConfig, { OPS_LAG_WARNING_MESSAGES: '0' })).toThrow(/OPS_LAG_WARNING_MESSAGES: .*not be less than 1/);
    expect(() => loadConfig(OpsDashboardConfig, { OPS_LAG_CRITICAL_MESSAGES: '1000' })).toThrow(ConfigError);
    expect(() => loadConfig(OpsDashboardConfig, { OPS_LAG_WARNING_MESSAGES: '5000', OPS_LAG_CRITICAL_MESSAGES: '2000' })).toThrow(
      'OPS_LAG_CRITICAL_MESSAGES: must be greater than OPS_LAG_WARNING_MESSAGES (5000)',
    );
  });
});
