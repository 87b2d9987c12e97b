import { AuthenticatedUser } from '@rosterlink/auth';
import type { LinkRequestSlaBreachedV1, LinkRequestSlaWarningV1, RosterImportCompletedV1 } from '@rosterlink/contracts';
import { linkRequestProcessed } from '@rosterlink/testing';
import {
  linkDecisionNotification,
  notificationRefusals,
  readerOf,
  rosterImportNotification,
  slaBreachedNotification,
  slaWarningNotification,
} from './notification.rules';

function completed(overrides: Partial<RosterImportCompletedV1> = {}): RosterImportCompletedV1 {
  return {
    caseNumber: 'RI-2026-000042',
    uploadId: '6f1c1c1e-0000-4000-8000-000000000001',
    groupId: '110000041',
    importType: 'ADD_UPDATE',
    status: 'COMPLETED',
    counts: { rows: 5, created: 3, updated: 2, terminated: 0, errors: 0 },
    completedAt: '2026-03-02T10:00:00Z',
    ...overrides,
  };
}

describe('notification rules', () => {
  it('reads a group notification to the group, in the seed words', () => {
    expect(rosterImportNotification(completed())).toEqual({
      audience: 'GROUP',
      groupId: '110000041',
      kind: 'roster-completed',
      subjectRef: 'RI-2026-000042',
      title: 'Roster processed: case RI-2026-000042',
      body: 'Roster processed: 3 practitioners added, 2 updated.',
    });
    const counts = { rows: 5, created: 3, updated: 1, terminated: 1, errors: 0 };
    expect(rosterImportNotification(completed({ counts }))?.body).toBe('Roster processed: 3 practitioners added, 1 updated, 1 terminated.');
  });

  it('tells a group about row errors and failures, and says nothing of a superseded case', () => {
    const rejected = rosterImportNotification(completed({ status: 'REJECTED', counts: { rows: 5, created: 0, updated: 0, terminated: 0, errors: 4 } }));
    expect(rejected).toMatchObject({ kind: 'roster-rejected', title: 'Roster has 4 errors' });
    expect(rejected?.body).toBe('Roster has 4 errors — open case RI-2026-000042, correct the file and upload a revised roster.');
    expect(rosterImportNotification(completed({ status: 'FAILED' }))).toMatchObject({
      kind: 'roster-failed',
      title: 'Roster could not be processed',
      body: 'Case RI-2026-000042 could not be processed; MassHealth has been alerted. Try again later.',
    });
    expect(rosterImportNotification(completed({ status: 'SUPERSEDED' }))).toBeNull();
  });

  it('tells the back office of SLA warnings and breaches', () => {
    const warning = { requestId: 'R1', pidsl: '110000041A', dueDate: '2026-03-13', businessDaysRemaining: 2 } as LinkRequestSlaWarningV1;
    expect(slaWarningNotification(warning)).toEqual({
      audience: 'BACK_OFFICE',
      groupId: null,
      kind: 'sla-warning',
      subjectRef: 'R1',
      title: 'Link request due 2026-03-13',
      body: 'Link request for 110000041A is due 2026-03-13: 2 business days left.',
    });
    const breach = { requestId: 'R1', pidsl: '110000041A', dueDate: '2026-03-13' } as LinkRequestSlaBreachedV1;
    expect(slaBreachedNotification(breach)).toMatchObject({
      audience: 'BACK_OFFICE',
      kind: 'sla-breached',
      title: 'Link request overdue since 2026-03-13',
      body: 'Link request for 110000041A passed its 10-business-day due date (2026-03-13) without a decision.',
    });
  });

  it('lets the back office read its own notifications and a provider user those of their groups', () => {
    expect(readerOf(new AuthenticatedUser('b', 'B', ['back-office'], []))).toEqual({ audience: 'BACK_OFFICE' });
    expect(readerOf(new AuthenticatedUser('p', 'P', ['provider'], ['110000041A', '110000041B', '120000002A']))).toEqual({
      audience: 'GROUP',
      groupIds: ['110000041', '120000002'],
    });
    expect(notificationRefusals.notFound('N1')).toBe('Notification N1 not found');
  });

  it('tells the group of a link decision: approved, or denied with the reason; unlinks in their own words', () => {
    expect(linkDecisionNotification(linkRequestProcessed())).toEqual({
      audience: 'GROUP',
      groupId: '110000001',
      kind: 'link-approved',
      subjectRef: '6f1c2a9e-4b7d-4e2a-9c31-8d5e0f7a2b14',
      title: 'Link request approved: Ana Souza',
      body: 'MassHealth approved your request to link Ana Souza (Provider ID 210000042) to 110000001A. A letter is on its way to your DBA address.',
    });
    const denied = linkDecisionNotification(linkRequestProcessed({ kind: 'UNLINK', decision: 'DENIED', reason: 'No such link.' }));
    expect(denied.kind).toBe('unlink-denied');
    expect(denied.title).toBe('Unlink request denied: Ana Souza');
    expect(denied.body).toBe(
      'MassHealth denied your request to end the link of Ana Souza (Provider ID 210000042) with 110000001A. Reason: No such link. A letter is on its way to your DBA address.',
    );
  });
});
