import { describeChange, staleQueriesOf } from './live-invalidation';
import { dueRangeProblem, NO_QUEUE_FILTERS, pageParams, queueIsFiltered, queueParams, recordFilterProblems, recordParams, searchPaths } from './list-queries';

describe('the queue asks the service', () => {
  it('for the open requests soonest due first, and nothing else, without filters', () => {
    expect(queueParams(NO_QUEUE_FILTERS).toString()).toBe('status=SUBMITTED&sort=dueDate');
    expect(queueIsFiltered(NO_QUEUE_FILTERS)).toBe(false);
  });

  it('with every filter set, the assignee in the service’s words', () => {
    const params = queueParams({
      slaState: 'WARNING',
      pidsl: ' 110000002a ',
      assignee: { kind: 'analyst', userId: 'bo-lee', name: 'Lee Park' },
      search: ' Souza, Ana ',
      dueFrom: '2026-12-01',
      dueTo: '2026-12-31',
      sort: '-submittedAt',
    });
    expect(Object.fromEntries(params)).toEqual({
      status: 'SUBMITTED',
      slaState: 'WARNING',
      pidsl: '110000002A',
      assignee: 'bo-lee',
      q: 'Souza, Ana',
      dueFrom: '2026-12-01',
      dueTo: '2026-12-31',
      sort: '-submittedAt',
    });
    expect(queueParams({ ...NO_QUEUE_FILTERS, assignee: { kind: 'mine' } }).get('assignee')).toBe('me');
    expect(queueParams({ ...NO_QUEUE_FILTERS, assignee: { kind: 'unassigned' } }).get('assignee')).toBe('none');
    expect(queueIsFiltered({ ...NO_QUEUE_FILTERS, slaState: 'BREACHED' })).toBe(true);
    expect(queueIsFiltered({ ...NO_QUEUE_FILTERS, sort: 'provider' })).toBe(false);
  });

  it('leaves out what the service would refuse: an unfinished PID/SL, a reversed due range', () => {
    const params = queueParams({ ...NO_QUEUE_FILTERS, pidsl: '11000', dueFrom: '2026-12-31', dueTo: '2026-12-01' });
    expect(params.has('pidsl')).toBe(false);
    expect(params.has('dueFrom') || params.has('dueTo')).toBe(false);
    expect(dueRangeProblem({ dueFrom: '2026-12-31', dueTo: '2026-12-01' })).toMatch(/after/);
    expect(dueRangeProblem({ dueFrom: '2026-12-01', dueTo: '' })).toBeNull();
  });

  it('for a page of 50 at an offset', () => {
    expect(pageParams(new URLSearchParams({ status: 'SUBMITTED' }), 100).toString()).toBe('status=SUBMITTED&limit=50&offset=100');
  });
});

describe('the cases and letters filters', () => {
  const none = { status: '', search: '', npi: '', createdFrom: '', createdTo: '', sort: '-createdAt' };

  it('send only what is set and valid', () => {
    expect(recordParams(none).toString()).toBe('sort=-createdAt');
    expect(Object.fromEntries(recordParams({ ...none, status: 'NEW', search: 'RI-2026-000042', npi: '1234567893', createdFrom: '2026-11-01' }, { groupId: '110000001' }))).toEqual({
      groupId: '110000001',
      status: 'NEW',
      q: 'RI-2026-000042',
      npi: '1234567893',
      createdFrom: '2026-11-01',
      sort: '-createdAt',
    });
    expect(recordParams({ ...none, npi: '12345' }).has('npi')).toBe(false);
    expect(recordFilterProblems({ npi: '12345', createdFrom: '2026-12-02', createdTo: '2026-12-01' })).toEqual({ npi: expect.any(String), created: expect.any(String) });
  });
});

describe('the header search', () => {
  it('asks for an NPI by npi in cases and letters, and anything else by q', () => {
    expect(searchPaths('1234567893')).toEqual({
      requests: '/link-request/link-requests?q=1234567893&limit=20',
      cases: '/import/cases?npi=1234567893&limit=20',
      letters: '/notification/letters?npi=1234567893&limit=20',
    });
    expect(searchPaths(' Souza, Ana ').cases).toBe('/import/cases?q=Souza%2C+Ana&limit=20');
  });
});

describe('live updates', () => {
  it('refreshes the views an event touches', () => {
    expect(staleQueriesOf({ topic: 'link-request.sla-breached.v1', key: '110000001A', eventId: 'e' })).toContain('link-requests');
    expect(staleQueriesOf({ topic: 'roster-import.completed.v1', key: '110000001', eventId: 'e' })).toContain('case');
    expect(staleQueriesOf({ topic: 'letter.sent.v1', key: '110000001A', eventId: 'e' })).toEqual(['letters', 'letter-summary', 'search']);
    // The counts, the decision context and the group's practitioners are refetched too.
    expect(staleQueriesOf({ topic: 'link-request.submitted.v1', key: '110000001A', eventId: 'e' })).toEqual(
      expect.arrayContaining(['link-requests', 'link-request-summary', 'link-request-context']),
    );
    expect(staleQueriesOf({ topic: 'roster-import.completed.v1', key: '110000001', eventId: 'e' })).toEqual(expect.arrayContaining(['case-summary', 'group-practitioners']));
    expect(staleQueriesOf({ topic: 'link-request.note-added.v1', key: '110000001A', eventId: 'e' })).toEqual(['link-request']);
    // Another admin's closure: the calendar, its audit and the due dates of the queue.
    expect(staleQueriesOf({ topic: 'business-calendar.changed.v1', key: 'business-calendar', eventId: 'e' })).toEqual(
      expect.arrayContaining(['closures', 'calendar-audit', 'link-requests', 'link-request', 'link-request-summary']),
    );
    expect(describeChange({ topic: 'roster-import.completed.v1', key: '110000001', eventId: 'e', caseNumber: 'RI-2026-000001' })).toBe(
      'Roster-import case RI-2026-000001 finished for group 110000001',
    );
  });
});
