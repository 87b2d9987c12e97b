import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Empty, ErrorState, formatDateTime, href, Loading, Pager, useToken } from '@rosterlink/ui';
import { notificationTargetOf, unreadBadgeOf } from '../logic/notifications';
import { fetchNotifications, markNotificationRead, PortalNotification } from '../notification-api';

const PAGE = 25;
/** How often the header asks for the unread count. */
const UNREAD_REFRESH_MS = 30_000;

/** The header's Notifications link, with the number of unread notifications. */
export function NotificationsNavLink({ current }: { current: boolean }) {
  const token = useToken();
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => fetchNotifications(token, { limit: 1, offset: 0 }),
    refetchInterval: UNREAD_REFRESH_MS,
    retry: false,
  });
  const count = unread.data?.unreadCount ?? 0;
  const badge = unreadBadgeOf(count);
  return (
    <a href={href('notifications')} aria-current={current ? 'page' : undefined}>
      Notifications
      {badge && (
        <>
          <span className="count-badge" aria-hidden="true">
            {badge}
          </span>
          <span className="visually-hidden"> ({count} unread)</span>
        </>
      )}
    </a>
  );
}

/**
 * The user's notifications, newest first (notification-service `GET /notifications`): roster import results,
 * which open their case, and MassHealth's decisions on link requests, which open the request in My requests.
 * Each can be marked read; opening one marks it read too.
 */
export function NotificationsView() {
  const token = useToken();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const notifications = useQuery({
    queryKey: ['notifications', 'list', offset],
    queryFn: () => fetchNotifications(token, { limit: PAGE, offset }),
    refetchInterval: UNREAD_REFRESH_MS,
  });
  const markRead = useMutation({
    mutationFn: (ids: string[]) => Promise.all(ids.map((id) => markNotificationRead(token, id))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = notifications.data?.items ?? [];
  const unreadHere = items.filter((n) => !n.read).map((n) => n.notificationId);

  return (
    <section aria-labelledby="notifications-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={href()}>Home</a> › <span aria-current="page">Notifications</span>
      </nav>
      <div className="section-head">
        <h1 id="notifications-title">Notifications</h1>
        {unreadHere.length > 0 && (
          <button type="button" disabled={markRead.isPending} onClick={() => markRead.mutate(unreadHere)}>
            Mark all as read
          </button>
        )}
      </div>
      <p>The results of your practices&apos; roster imports and MassHealth&apos;s decisions on your link requests, newest first.</p>
      {notifications.data && (
        <p className="summary" role="status">
          {notifications.data.unreadCount === 0 ? 'No unread notification.' : `${notifications.data.unreadCount} unread.`}
        </p>
      )}
      {markRead.isError && <ErrorState error={markRead.error} />}
      {notifications.isPending && <Loading what="your notifications" />}
      {notifications.isError && <ErrorState error={notifications.error} onRetry={() => notifications.refetch()} />}
      {notifications.data && items.length === 0 && (
        <Empty>
          No notification yet. You are notified here when a roster import of your practice is processed, and when MassHealth decides one of your link
          requests.
        </Empty>
      )}
      {items.length > 0 && (
        <ul className="notifications" aria-label="Your notifications, newest first">
          {items.map((n) => (
            <NotificationItem key={n.notificationId} notification={n} busy={markRead.isPending} onRead={() => markRead.mutate([n.notificationId])} />
          ))}
        </ul>
      )}
      {notifications.data && (
        <Pager what="notifications" offset={offset} limit={PAGE} shown={items.length} total={notifications.data.total} onOffset={setOffset} />
      )}
    </section>
  );
}

function NotificationItem({ notification: n, busy, onRead }: { notification: PortalNotification; busy: boolean; onRead: () => void }) {
  const target = notificationTargetOf(n);
  return (
    <li className={n.read ? 'notification' : 'notification unread'}>
      <h2>{n.title}</h2>
      <p>{n.body}</p>
      <p className="hint">
        {!n.read && <span className="badge status-new">Unread</span>} {formatDateTime(n.createdAt)}
      </p>
      <div className="actions">
        {target && (
          <a className="button-link" href={href(...target.route)} onClick={() => !n.read && onRead()}>
            {target.label}
          </a>
        )}
        {!n.read && (
          <button type="button" disabled={busy} onClick={onRead} aria-label={`Mark as read: ${n.title}`}>
            Mark as read
          </button>
        )}
      </div>
    </li>
  );
}
