import { Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { Clock, PageQuery } from '@rosterlink/platform';

interface NotificationRow {
  notification_id: string;
  kind: string;
  title: string;
  body: string;
  subject_ref: string;
  group_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

/** What the caller may see: their groups' notifications, or the back office's own. */
function audienceOf(user: AuthenticatedUser): { clause: string; params: unknown[] } {
  return user.isBackOffice
    ? { clause: `n.audience = 'BACK_OFFICE'`, params: [] }
    : { clause: `n.audience = 'GROUP' AND n.group_id = ANY($2::text[])`, params: [user.grantedGroupIds] };
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The caller's notifications, newest first, with how many are unread. */
  @Get()
  async list(@Query() page: PageQuery, @CurrentUser() user: AuthenticatedUser) {
    const { clause, params } = audienceOf(user);
    const from = `FROM notification.notifications n
      LEFT JOIN notification.notification_reads r ON r.notification_id = n.notification_id AND r.user_id = $1
      WHERE ${clause}`;
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT n.*, r.read_at ${from} ORDER BY n.created_at DESC, n.notification_id LIMIT ${page.limit} OFFSET ${page.offset}`,
      [user.id, ...params],
    );
    const [{ total, unread }] = await this.dataSource.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread ${from}`,
      [user.id, ...params],
    );
    return {
      total,
      unreadCount: unread,
      items: rows.map((n) => ({
        notificationId: n.notification_id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        subject: n.subject_ref,
        groupId: n.group_id,
        createdAt: n.created_at.toISOString(),
        read: n.read_at !== null,
      })),
    };
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  async markRead(@Param('notificationId', new ParseUUIDPipe()) notificationId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const { clause, params } = audienceOf(user);
    const [visible] = await this.dataSource.query(
      `SELECT 1 FROM notification.notifications n WHERE n.notification_id = $1 AND ${clause}`,
      [notificationId, ...params],
    );
    if (!visible) throw new NotFoundException(`Notification ${notificationId} not found`);
    await this.dataSource.query(
      `INSERT INTO notification.notification_reads (notification_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [notificationId, user.id, this.clock.now()],
    );
  }
}
