import type { LinkRequestView, ServicingProvider } from '../link-request-api';
import type { Letter } from '@rosterlink/ui';
import { businessDateOfInstant, formatShortDate } from './dates';
import { endDateBoundsOf, endDateProblem, endLinkStandingOf } from './end-link';
import { changeDateOf, decisionOf, dueDateNoteOf, letterStandingOf } from './my-requests';
import { notificationTargetOf, unreadBadgeOf } from './notifications';
import {
  accessStateLabel,
  AUDIT_ACTION_LABELS,
  grantAccessProblems,
  grantedMessageOf,
  grantRequestOf,
  managedLocationOf,
  userLabelOf,
} from './users-and-access';

const TODAY = '2026-12-01';
const REQUEST_ID = '3f1c2a4e-8b7d-4c1a-9e2f-0a1b2c3d4e5f';

const request = (change: Partial<LinkRequestView> = {}): LinkRequestView => ({
  requestId: REQUEST_ID,
  kind: 'LINK',
  pidsl: '110000001A',
  groupName: 'Harbor Family Medicine LLC',
  dbaName: 'Harbor Family Medicine',
  provider: { providerId: '210000001', npi: '1234567893', firstName: 'Ana', lastName: 'Souza', providerType: 'PHYSICIAN' },
  effectiveDate: '2026-12-02',
  endDate: null,
  status: 'SUBMITTED',
  submittedAt: '2026-12-01T15:00:00Z',
  dueDate: '2026-12-15',
  slaStartDate: '2026-12-01',
  businessDaysRemaining: 9,
  slaState: 'ON_TRACK',
  slaWarningAt: null,
  slaBreachedAt: null,
  decidedAt: null,
  decidedBy: null,
  reason: null,
  ...change,
});

const letter = (change: Partial<Letter> = {}): Letter => ({
  letterId: 'l-1',
  requestId: REQUEST_ID,
  kind: 'link-approved',
  pidsl: '110000001A',
  status: 'SENT',
  recipient: { name: 'Harbor Family Medicine', address: '12 WATER ST\nBOSTON MA 02109' },
  channel: 'PRINT_MAIL',
  error: null,
  createdAt: '2026-12-03T14:00:00Z',
  sentAt: '2026-12-03T14:05:00Z',
  npi: '1234567893',
  providerName: 'Souza, Ana',
  ...change,
});

describe('dates', () => {
  it('shows a calendar date short, whatever the time zone, and reads an instant in America/New_York', () => {
    expect(formatShortDate('2026-12-15')).toBe('Dec 15, 2026');
    expect(formatShortDate(null)).toBe('—');
    expect(businessDateOfInstant('2026-12-02T03:00:00Z')).toBe('2026-12-01');
  });
});

describe('My requests', () => {
  it('gives the date a request changes the link on: a link’s Effective Date, an unlink’s End Date', () => {
    expect(changeDateOf(request())).toBe('From Dec 2, 2026');
    expect(changeDateOf(request({ kind: 'UNLINK', effectiveDate: null, endDate: '2026-12-31' }))).toBe('Ends Dec 31, 2026');
  });

  it('says how many business days are left while a request waits, and nothing once decided', () => {
    expect(dueDateNoteOf(request())).toBe('9 business days left');
    expect(dueDateNoteOf(request({ businessDaysRemaining: 1 }))).toBe('1 business day left');
    expect(dueDateNoteOf(request({ businessDaysRemaining: 0 }))).toBe('Due today');
    expect(dueDateNoteOf(request({ businessDaysRemaining: -2 }))).toMatch(/Past its due date/);
    expect(dueDateNoteOf(request({ status: 'APPROVED', businessDaysRemaining: null }))).toBeNull();
  });

  it('reads the decision, its date in America/New_York and the reason', () => {
    expect(decisionOf(request())).toBeNull();
    expect(decisionOf(request({ status: 'DENIED', decidedAt: '2026-12-04T02:00:00Z', reason: ' Not a member of the group ' }))).toEqual({
      decision: 'Denied',
      decidedOn: '2026-12-03',
      reason: 'Not a member of the group',
    });
    expect(decisionOf(request({ status: 'APPROVED', decidedAt: '2026-12-03T15:00:00Z', reason: '' }))?.reason).toBeNull();
  });

  it('says where the letter stands, and shows the PDF only once it is rendered', () => {
    expect(letterStandingOf('SUBMITTED', undefined)).toMatchObject({ canShow: false, preparing: false });
    expect(letterStandingOf('APPROVED', undefined)).toMatchObject({ canShow: false, preparing: true });
    expect(letterStandingOf('APPROVED', letter({ status: 'PENDING', sentAt: null }))).toMatchObject({ canShow: false, preparing: true });
    expect(letterStandingOf('APPROVED', letter({ status: 'RENDERED', sentAt: null }))).toMatchObject({ canShow: true, preparing: true });
    const sent = letterStandingOf('APPROVED', letter());
    expect(sent).toMatchObject({ canShow: true, preparing: false });
    expect(sent.message).toBe('The decision letter was sent to Harbor Family Medicine by mail on Dec 3, 2026.');
    expect(letterStandingOf('DENIED', letter({ status: 'FAILED', sentAt: null })).message).toMatch(/could not be delivered .* yet; MassHealth will send it again/);
  });
});

describe('notifications', () => {
  it('leads a roster result to its case, and a link decision to the request in My requests', () => {
    expect(notificationTargetOf({ kind: 'roster-rejected', subject: 'RI-2026-000042', groupId: '110000001' })).toEqual({
      route: ['practices', '110000001', 'cases', 'RI-2026-000042'],
      label: 'Open case RI-2026-000042',
    });
    expect(notificationTargetOf({ kind: 'link-approved', subject: REQUEST_ID, groupId: '110000001' })).toEqual({
      route: ['requests', REQUEST_ID],
      label: 'Open the request in My requests',
    });
    expect(notificationTargetOf({ kind: 'unlink-denied', subject: REQUEST_ID, groupId: null })?.route).toEqual(['requests', REQUEST_ID]);
  });

  it('leads nowhere when it cannot tell where', () => {
    expect(notificationTargetOf({ kind: 'roster-completed', subject: 'RI-2026-000042', groupId: null })).toBeNull();
    expect(notificationTargetOf({ kind: 'link-approved', subject: 'not-a-request', groupId: '110000001' })).toBeNull();
    expect(notificationTargetOf({ kind: 'sla-warning', subject: REQUEST_ID, groupId: null })).toBeNull();
  });

  it('counts the unread for the header badge, up to 99+', () => {
    expect(unreadBadgeOf(0)).toBeNull();
    expect(unreadBadgeOf(7)).toBe('7');
    expect(unreadBadgeOf(140)).toBe('99+');
  });
});

describe('Users and Access', () => {
  const users = [
    { userId: 'demo-provider-harbor', name: 'Maria Santos' },
    { userId: 'dana', name: 'dana' },
  ];

  it('words access states and audit actions', () => {
    expect(accessStateLabel({ granted: false, primary: false })).toBe('No access');
    expect(accessStateLabel({ granted: true, primary: false })).toBe('User');
    expect(accessStateLabel({ granted: true, primary: true })).toBe('Primary User');
    expect(AUDIT_ACTION_LABELS.PRIMARY_REMOVED).toBe('No longer Primary User');
  });

  it('names a user by name and id when a name is known', () => {
    expect(userLabelOf('demo-provider-harbor', users)).toBe('Maria Santos (demo-provider-harbor)');
    expect(userLabelOf('dana', users)).toBe('dana');
    expect(userLabelOf('demo-back-office', users)).toBe('demo-back-office');
  });

  it('checks the Grant access form: user ID and name required, the e-mail optional but well formed', () => {
    expect(grantAccessProblems({ userId: '', name: ' ', email: '' })).toEqual({
      userId: expect.stringMatching(/Enter the user ID/),
      name: expect.stringMatching(/Enter the person’s name/),
    });
    expect(grantAccessProblems({ userId: 'dana reyes', name: 'Dana Reyes', email: 'dana@' })).toEqual({
      userId: expect.stringMatching(/no spaces or slashes/),
      email: expect.stringMatching(/Enter an e-mail address/),
    });
    expect(grantAccessProblems({ userId: ' dana ', name: 'Dana Reyes', email: '' })).toEqual({});
  });

  it('sends the form trimmed, the e-mail only when given', () => {
    expect(grantRequestOf({ userId: ' dana ', name: ' Dana Reyes ', email: ' ' })).toEqual({ userId: 'dana', name: 'Dana Reyes' });
    expect(grantRequestOf({ userId: 'dana', name: 'Dana Reyes', email: 'dana@example.org' })).toEqual({
      userId: 'dana',
      name: 'Dana Reyes',
      email: 'dana@example.org',
    });
  });

  it('tells a new grant from a user who already had access', () => {
    expect(grantedMessageOf({ userId: 'dana', name: 'Dana Reyes' }, '110000001A', true)).toBe('Dana Reyes (dana) now has access to 110000001A.');
    expect(grantedMessageOf({ userId: 'dana', name: 'Dana Reyes' }, '110000001A', false)).toMatch(/already had access to 110000001A: nothing changed/);
  });

  it('shows the PID/SL the route names only to its Primary User, else the first one they are Primary User of', () => {
    expect(managedLocationOf(undefined, ['110000001A', '110000001B'])).toBe('110000001A');
    expect(managedLocationOf('110000001B', ['110000001A', '110000001B'])).toBe('110000001B');
    expect(managedLocationOf('110000001C', ['110000001A'])).toBeNull();
    expect(managedLocationOf(undefined, [])).toBeNull();
  });
});

describe('End link', () => {
  const period = (change: Partial<ServicingProvider> = {}): ServicingProvider => ({
    providerId: '210000009',
    npi: '1234567893',
    firstName: 'Jo',
    lastName: 'Lee',
    providerType: 'PHYSICIAN',
    effectiveDate: '2025-01-02',
    endDate: null,
    active: true,
    source: 'ROSTER',
    sourceReference: 'RI-2026-000001',
    ...change,
  });

  it('offers End link on a current or later link, not on one that is over', () => {
    expect(endLinkStandingOf(period(), TODAY, [])).toMatchObject({ endable: true, link: { providerId: '210000009', effectiveDate: '2025-01-02' } });
    expect(endLinkStandingOf(period({ active: false, effectiveDate: '2027-01-01' }), TODAY, [])).toMatchObject({ endable: true });
    expect(endLinkStandingOf(period({ active: false, endDate: '2026-06-30' }), TODAY, [])).toBeNull();
  });

  it('says why a current link cannot be ended here: no Provider ID, or a request already waiting', () => {
    expect(endLinkStandingOf(period({ providerId: null }), TODAY, [])).toEqual({ endable: false, reason: expect.stringMatching(/Provider ID not known/) });
    const waiting = [{ kind: 'UNLINK' as const, provider: { providerId: '210000009', npi: '1234567893', firstName: 'Ana', lastName: 'Souza', providerType: 'PHYSICIAN' as const } }];
    expect(endLinkStandingOf(period(), TODAY, waiting)).toEqual({ endable: false, reason: 'End of link requested: waiting for MassHealth' });
  });

  it('takes an End Date from today, within the link period', () => {
    const link = { effectiveDate: '2025-01-02', endDate: null };
    expect(endDateProblem('', TODAY, link)).toMatch(/Enter the End Date/);
    expect(endDateProblem('2026-02-30', TODAY, link)).toMatch(/is not a date/);
    expect(endDateProblem('2026-11-30', TODAY, link)).toMatch(/cannot be before today \(2026-12-01\): MassHealth does not backdate/);
    expect(endDateProblem(TODAY, TODAY, link)).toBeNull();
    expect(endDateProblem('2027-01-15', TODAY, { effectiveDate: '2027-02-01', endDate: null })).toMatch(/starts on 2027-02-01/);
    expect(endDateProblem('2027-07-01', TODAY, { effectiveDate: '2025-01-02', endDate: '2027-06-30' })).toMatch(/already ends on 2027-06-30/);
    expect(endDateBoundsOf(TODAY, { effectiveDate: '2025-01-02', endDate: '2027-06-30' })).toEqual({ min: TODAY, max: '2027-06-30' });
    expect(endDateBoundsOf(TODAY, { effectiveDate: '2027-02-01', endDate: null })).toEqual({ min: '2027-02-01' });
  });
});
