import type { OperationsReport, ServiceStatus } from '../../../src/operations-report';
import { bannerProblems, problemOf } from './operations-alerts';

const thresholds = { warningMessages: 1000, criticalMessages: 10_000 };
const service = (name: string, status: ServiceStatus['status']): ServiceStatus => ({
  service: name,
  status,
  health: status === 'down' || status === 'unreachable' ? status : 'up',
  checks: {},
  lag: null,
});
const report = (...items: ServiceStatus[]): OperationsReport => ({ items, lagThresholds: thresholds, checkedAt: '2026-11-30T14:00:00Z' });

describe('the services banner', () => {
  it('is empty while every service is up or only behind, and before the first answer', () => {
    expect(bannerProblems(undefined)).toEqual([]);
    expect(bannerProblems(report(service('link-request', 'up'), service('notification', 'behind')))).toEqual([]);
  });

  it('names a service that is down and what it means for the analyst', () => {
    expect(bannerProblems(report(service('upload', 'up'), service('link-request', 'down')))).toEqual([
      { service: 'link-request', status: 'down', headline: 'link-request-service is down', meaning: 'decisions cannot be saved; the queue may be out of date' },
    ]);
  });

  it('names a service that does not answer, and one far behind with the threshold it is over', () => {
    expect(bannerProblems(report(service('notification', 'unreachable'))).map((p) => `${p.headline}: ${p.meaning}`)).toEqual([
      'notification-service is not answering: letters are not sent until it is back; the Letters page may be out of date',
    ]);
    expect(bannerProblems(report(service('link-request', 'far behind'))).map((p) => `${p.headline}: ${p.meaning}`)).toEqual([
      'link-request-service is far behind (over 10,000 messages waiting): new providers, roster affiliations and access changes reach link requests late',
    ]);
  });

  it('lists the services down or not answering before those far behind', () => {
    const problems = bannerProblems(
      report(service('upload', 'far behind'), service('import', 'up'), service('link-request', 'down'), service('notification', 'unreachable'), service('access', 'behind')),
    );
    expect(problems.map((p) => `${p.service} ${p.status}`)).toEqual(['notification unreachable', 'link-request down', 'upload far behind']);
  });

  it('says what a service it does not know means in general terms', () => {
    expect(problemOf({ service: 'payroll', status: 'down' }, thresholds)).toEqual({
      service: 'payroll',
      status: 'down',
      headline: 'payroll-service is down',
      meaning: 'the pages that need it may fail or be out of date',
    });
  });

  it('says behind with the warning threshold, for the Operations page', () => {
    expect(problemOf({ service: 'notification', status: 'behind' }, thresholds)?.headline).toBe('notification-service is behind (over 1,000 messages waiting)');
    expect(problemOf({ service: 'notification', status: 'up' }, thresholds)).toBeNull();
  });
});
