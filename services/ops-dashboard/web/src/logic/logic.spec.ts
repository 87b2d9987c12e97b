import type { LinkRequest } from '../types';
import { describeChange, staleQueriesOf } from './live-invalidation';
import { filterQueue } from './sla';
import { openByDaysLeft, weekOf, weeklyBreachesAndDecisions } from './workload';

function request(overrides: Partial<LinkRequest> & { name?: [string, string]; npi?: string } = {}): LinkRequest {
  const { name = ['Ana', 'Souza'], npi = '1234567893', ...rest } = overrides;
  return {
    requestId: Math.random().toString(36).slice(2),
    kind: 'LINK',
    pidsl: '110000001A',
    provider: { providerId: '210000001', npi, firstName: name[0], lastName: name[1], providerType: 'PHYSICIAN' },
    effectiveDate: '2026-12-01',
    endDate: null,
    status: 'SUBMITTED',
    submittedAt: '2026-11-20T15:00:00Z',
    dueDate: '2026-12-04',
    businessDaysRemaining: 5,
    slaState: 'ON_TRACK',
    slaWarningAt: null,
    slaBreachedAt: null,
    decidedAt: null,
    decidedBy: null,
    reason: null,
    ...rest,
  };
}

describe('the queue', () => {
  const queue = [
    request({ name: ['Ana', 'Souza'], dueDate: '2026-12-04', slaState: 'ON_TRACK' }),
    request({ name: ['Li', 'Nguyen'], npi: '1987654320', dueDate: '2026-11-20', slaState: 'BREACHED', pidsl: '110000002A' }),
    request({ name: ['Omar', 'Haddad'], dueDate: '2026-11-26', slaState: 'WARNING' }),
  ];
  const names = (rs: LinkRequest[]) => rs.map((r) => r.provider.lastName);

  it('is sorted by due date, soonest first', () => {
    expect(names(filterQueue(queue, { slaState: '', pidsl: '', search: '' }))).toEqual(['Nguyen', 'Haddad', 'Souza']);
  });

  it('filters by SLA state and location, and searches names and NPIs', () => {
    expect(names(filterQueue(queue, { slaState: 'WARNING', pidsl: '', search: '' }))).toEqual(['Haddad']);
    expect(names(filterQueue(queue, { slaState: '', pidsl: '110000002A', search: '' }))).toEqual(['Nguyen']);
    expect(names(filterQueue(queue, { slaState: '', pidsl: '', search: 'nguy' }))).toEqual(['Nguyen']);
    expect(names(filterQueue(queue, { slaState: '', pidsl: '', search: 'omar haddad' }))).toEqual(['Haddad']);
    expect(names(filterQueue(queue, { slaState: '', pidsl: '', search: '19876' }))).toEqual(['Nguyen']);
    expect(filterQueue(queue, { slaState: 'BREACHED', pidsl: '110000001A', search: '' })).toEqual([]);
  });
});

describe('the workload charts', () => {
  it('buckets open requests by business days left', () => {
    const buckets = openByDaysLeft([
      request({ businessDaysRemaining: -3 }),
      request({ businessDaysRemaining: 0 }),
      request({ businessDaysRemaining: 2 }),
      request({ businessDaysRemaining: 2 }),
      request({ businessDaysRemaining: 14 }),
      request({ status: 'APPROVED', businessDaysRemaining: null }),
    ]);
    expect(Object.fromEntries(buckets.map((b) => [b.label, b.value]))).toMatchObject({ overdue: 1, '0': 1, '2': 2, '10+': 1, '5': 0 });
    expect(buckets).toHaveLength(12);
  });

  it('weeks start on Monday', () => {
    expect(weekOf('2026-11-25')).toBe('2026-11-23');
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    expect(weekOf('2026-11-29')).toBe('2026-11-23');
  });

  it('counts decisions in the week they were made, and breaches in the week the service recorded them', () => {
    const points = weeklyBreachesAndDecisions(
      [
        // Decided on time: a decision, no breach.
        request({ status: 'APPROVED', dueDate: '2026-11-20', decidedAt: '2026-11-18T15:00:00Z' }),
        // Decided late: breached on the 14th (week of the 9th), decided in the week of the 16th.
        request({ status: 'DENIED', dueDate: '2026-11-13', slaBreachedAt: '2026-11-14T05:00:00Z', decidedAt: '2026-11-17T15:00:00Z' }),
        // Still open past its due date: breached the 24th.
        request({ dueDate: '2026-11-23', slaBreachedAt: '2026-11-24T05:00:00Z' }),
        // Due in the future: nothing yet.
        request({ dueDate: '2026-12-04' }),
      ],
      '2026-11-25',
      3,
    );
    expect(points).toEqual([
      { week: '2026-11-09', breaches: 1, decisions: 0 },
      { week: '2026-11-16', breaches: 0, decisions: 2 },
      { week: '2026-11-23', breaches: 1, decisions: 0 },
    ]);
  });
});

describe('live updates', () => {
  it('refreshes the views an event touches', () => {
    expect(staleQueriesOf({ topic: 'link-request.sla-breached.v1', key: '110000001A', eventId: 'e' })).toContain('link-requests');
    expect(staleQueriesOf({ topic: 'roster-import.completed.v1', key: '110000001', eventId: 'e' })).toContain('case');
    expect(staleQueriesOf({ topic: 'letter.sent.v1', key: '110000001A', eventId: 'e' })).toEqual(['letters']);
    expect(describeChange({ topic: 'roster-import.completed.v1', key: '110000001', eventId: 'e', caseNumber: 'RI-2026-000001' })).toBe(
      'Roster-import case RI-2026-000001 finished for group 110000001',
    );
  });
});
