import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import type { PageQuery } from '@rosterlink/platform';
import { NotificationRepository } from '../notification/notification.repository';
import { readerOf } from '../notification/notification.rules';

/** The caller's notifications, newest first, with how many are unread. */
@Injectable()
export class ViewNotifications {
  constructor(private readonly notifications: NotificationRepository) {}

  async execute(page: PageQuery, user: AuthenticatedUser) {
    const { items, total, unread } = await this.notifications.pageFor(readerOf(user), user.id, page);
    return {
      total,
      unreadCount: unread,
      items: items.map((n) => ({
        notificationId: n.notificationId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        subject: n.subjectRef,
        groupId: n.groupId,
        createdAt: n.createdAt.toISOString(),
        read: n.readAt !== null,
      })),
    };
  }
}
