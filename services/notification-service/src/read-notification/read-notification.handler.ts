import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { Clock } from '@rosterlink/platform';
import { NotificationRepository } from '../notification/notification.repository';
import { notificationRefusals, readerOf } from '../notification/notification.rules';

/** Marks a notification the caller may see as read by them; reading it twice changes nothing. */
@Injectable()
export class ReadNotification {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(notificationId: string, user: AuthenticatedUser): Promise<void> {
    if (!(await this.notifications.isVisibleTo(readerOf(user), notificationId))) {
      throw new NotFoundException(notificationRefusals.notFound(notificationId));
    }
    await this.notifications.markRead(notificationId, user.id, this.clock.now());
  }
}
