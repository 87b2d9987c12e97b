import { api, apiJson, Letter, Page } from '@rosterlink/ui';

/**
 * notification-service's calls, through the portal server (`/api/notification/…`, docs/contract.md): the
 * letter of a decided request (its PDF is PdfPreview's), and the user's notifications.
 */

/** The letters of one link request (one per decision), newest first. */
export function fetchLettersOfRequest(token: string, requestId: string): Promise<Page<Letter>> {
  return apiJson<Page<Letter>>(token, `/notification/letters?requestId=${encodeURIComponent(requestId)}&limit=10`);
}

/**
 * notification-service `GET /notifications`: one of the user's notifications. `subject` is what it is
 * about: a roster import's case number, or a link request's id (link decisions).
 */
export interface PortalNotification {
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  subject: string;
  groupId: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationsPage extends Page<PortalNotification> {
  unreadCount: number;
}

export function fetchNotifications(token: string, page: { limit: number; offset: number }): Promise<NotificationsPage> {
  return apiJson<NotificationsPage>(token, `/notification/notifications?limit=${page.limit}&offset=${page.offset}`);
}

/** `POST /notifications/{id}/read` (204); marking it again changes nothing. */
export async function markNotificationRead(token: string, notificationId: string): Promise<void> {
  await api(token, `/notification/notifications/${encodeURIComponent(notificationId)}/read`, { method: 'POST' });
}
