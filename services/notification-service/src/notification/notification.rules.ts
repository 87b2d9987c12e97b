import type { AuthenticatedUser } from '@rosterlink/auth';
import type { LinkRequestProcessedV1, LinkRequestSlaBreachedV1, LinkRequestSlaWarningV1, RosterImportCompletedV1 } from '@rosterlink/contracts';

/**
 * What users see, without a database: which events become which notification, in what words,
 * and who may see one.
 */
export const NOTIFICATION_AUDIENCES = ['GROUP', 'BACK_OFFICE'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

/** A notification's content; its id is the id of the event it comes from, so a replay adds nothing. */
export interface NotificationContent {
  audience: NotificationAudience;
  groupId: string | null;
  kind: string;
  /** The case number or link request the notification is about. */
  subjectRef: string;
  title: string;
  body: string;
}

/** What the caller may see: their groups' notifications, or the back office's own. */
export type NotificationReader = { audience: 'BACK_OFFICE' } | { audience: 'GROUP'; groupIds: string[] };

export function readerOf(user: AuthenticatedUser): NotificationReader {
  return user.isBackOffice ? { audience: 'BACK_OFFICE' } : { audience: 'GROUP', groupIds: user.grantedGroupIds };
}

/** The seed's "notification if there are no errors", and its counterpart when there are; none for other statuses. */
export function rosterImportNotification({ caseNumber, counts, status, groupId }: RosterImportCompletedV1): NotificationContent | null {
  const base = { audience: 'GROUP' as const, groupId, subjectRef: caseNumber, kind: `roster-${status.toLowerCase()}` };
  if (status === 'COMPLETED') {
    const terminated = counts.terminated > 0 ? `, ${counts.terminated} terminated` : '';
    return { ...base, title: `Roster processed: case ${caseNumber}`, body: `Roster processed: ${counts.created} practitioners added, ${counts.updated} updated${terminated}.` };
  }
  if (status === 'REJECTED') {
    return { ...base, title: `Roster has ${counts.errors} errors`, body: `Roster has ${counts.errors} errors — open case ${caseNumber}, correct the file and upload a revised roster.` };
  }
  if (status === 'FAILED') {
    return { ...base, title: `Roster could not be processed`, body: `Case ${caseNumber} could not be processed; MassHealth has been alerted. Try again later.` };
  }
  return null;
}

/**
 * The group's word that MassHealth decided its link or unlink request (`link-approved`, `link-denied`,
 * `unlink-approved`, `unlink-denied`), beside the letter that goes to the DBA address.
 */
export function linkDecisionNotification(processed: LinkRequestProcessedV1): NotificationContent {
  const { requestId, kind, pidsl, groupId, provider, decision, reason } = processed;
  const who = `${provider.firstName} ${provider.lastName} (Provider ID ${provider.providerId})`;
  const asked = kind === 'LINK' ? `link ${who} to ${pidsl}` : `end the link of ${who} with ${pidsl}`;
  const approved = decision === 'APPROVED';
  const outcome = approved ? 'approved' : 'denied';
  return {
    audience: 'GROUP',
    groupId,
    kind: `${kind.toLowerCase()}-${outcome}`,
    subjectRef: requestId,
    title: `${kind === 'LINK' ? 'Link' : 'Unlink'} request ${outcome}: ${provider.firstName} ${provider.lastName}`,
    body:
      `MassHealth ${outcome} your request to ${asked}.` +
      (!approved && reason ? ` Reason: ${reason}` : '') +
      ' A letter is on its way to your DBA address.',
  };
}

export function slaWarningNotification(warning: LinkRequestSlaWarningV1): NotificationContent {
  return {
    audience: 'BACK_OFFICE',
    groupId: null,
    kind: 'sla-warning',
    subjectRef: warning.requestId,
    title: `Link request due ${warning.dueDate}`,
    body: `Link request for ${warning.pidsl} is due ${warning.dueDate}: ${warning.businessDaysRemaining} business days left.`,
  };
}

export function slaBreachedNotification(breach: LinkRequestSlaBreachedV1): NotificationContent {
  return {
    audience: 'BACK_OFFICE',
    groupId: null,
    kind: 'sla-breached',
    subjectRef: breach.requestId,
    title: `Link request overdue since ${breach.dueDate}`,
    body: `Link request for ${breach.pidsl} passed its 10-business-day due date (${breach.dueDate}) without a decision.`,
  };
}

export const notificationRefusals = {
  notFound: (notificationId: string) => `Notification ${notificationId} not found`,
} as const;
