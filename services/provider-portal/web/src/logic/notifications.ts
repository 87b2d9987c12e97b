import { CASE_NUMBER_PATTERN } from '@rosterlink/contracts/browser';
import type { PortalNotification } from '../notification-api';

/**
 * Where a notification leads (route segments for `href`), and how the header counts the unread ones.
 * A roster result (`roster-completed`, `roster-rejected`, `roster-failed`) is about a case: its case page.
 * A link decision (`link-approved`, `link-denied`, and their unlink counterparts) is about a link request,
 * whose id is its subject: the request in My requests.
 */
export interface NotificationTarget {
  route: string[];
  label: string;
}

const LINK_DECISION_KIND = /^(un)?link-(approved|denied)$/;
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function notificationTargetOf(notification: Pick<PortalNotification, 'kind' | 'subject' | 'groupId'>): NotificationTarget | null {
  const { kind, subject, groupId } = notification;
  if (kind.startsWith('roster-') && groupId && CASE_NUMBER_PATTERN.test(subject)) {
    return { route: ['practices', groupId, 'cases', subject], label: `Open case ${subject}` };
  }
  if (LINK_DECISION_KIND.test(kind) && REQUEST_ID.test(subject)) {
    return { route: ['requests', subject], label: 'Open the request in My requests' };
  }
  return null;
}

/** The header badge's number: the count, or "99+". */
export function unreadBadgeOf(unreadCount: number): string | null {
  if (unreadCount <= 0) return null;
  return unreadCount > 99 ? '99+' : String(unreadCount);
}
