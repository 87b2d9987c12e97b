import { Registry } from 'prom-client';
import { ViewLinkRequests } from '../view-link-requests/view-link-requests.handler';
import { cachedFor, SlaMetrics } from './sla-metrics';

describe('cachedFor', () => {
  it('reuses one read for the time given, then reads again', async () => {
    let now = 1_000;
    let reads = 0;
    const read = cachedFor(15_000, async () => ++reads, () => now);
    expect(await read()).toBe(1);
    now += 14_999;
    expect(await read()).toBe(1);
    now += 1;
    expect(await read()).toBe(2);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const read = cachedFor(15_000, async () => {
      if (fail) throw new Error('database away');
      return 'ok';
    }, () => 0);
    await expect(read()).rejects.toThrow('database away');
    fail = false;
    expect(await read()).toBe('ok');
  });
});

describe('SlaMetrics', () => {
  it('reports open requests in every SLA state, as the summary counts them, one summary per 15 s', async () => {
    const summary = jest.fn(async () => ({ bySlaState: { ON_TRACK: 4, WARNING: 1, BREACHED: 2 } }));
    const registry = new Registry();
    new SlaMetrics({ summary } as unknown as ViewLinkRequests, registry);
    const text = await registry.metrics();
    expect(text).toContain('# HELP rosterlink_link_requests_open');
    expect(text).toContain('rosterlink_link_requests_open{sla_state="ON_TRACK"} 4');
    expect(text).toContain('rosterlink_link_requests_open{sla_state="WARNING"} 1');
    expect(text).toContain('rosterlink_link_requests_open{sla_state="BREACHED"} 2');
    await registry.metrics();
    expect(summary).toHaveBeenCalledTimes(1);
  });
});
