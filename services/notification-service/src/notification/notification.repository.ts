import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inOneSnapshot } from '@rosterlink/platform';
import { Notification } from './notification.entity';
import type { NotificationContent, NotificationReader } from './notification.rules';

/** A notification as its reader sees it: with whether that reader has read it. */
export interface ReadableNotification {
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  subjectRef: string;
  groupId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

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

/** The SQL form of a reader (notification.rules), its parameters numbered from `first`. */
function readerClause(reader: NotificationReader, first: number): { clause: string; params: unknown[] } {
  return reader.audience === 'BACK_OFFICE'
    ? { clause: `n.audience = 'BACK_OFFICE'`, params: [] }
    : { clause: `n.audience = 'GROUP' AND n.group_id = ANY($${first}::text[])`, params: [reader.groupIds] };
}

/** Notifications and who has read them (`notification.notifications`, `notification.notification_reads`). */
@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds the notification unless one with its id exists (the same event again). */
  async addOnce(tx: EntityManager, notificationId: string, createdAt: Date, content: NotificationContent): Promise<void> {
    await tx.createQueryBuilder().insert().into(Notification).values({ ...content, notificationId, createdAt }).orIgnore().execute();
  }

  async find(notificationId: string): Promise<Notification | null> {
    return this.dataSource.getRepository(Notification).findOneBy({ notificationId });
  }

  /** The reader's notifications, newest first, with the total and how many `userId` has not read. */
  async pageFor(
    reader: NotificationReader,
    userId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: ReadableNotification[]; total: number; unread: number }> {
    const { clause, params } = readerClause(reader, 2);
    const from = `FROM notification.notifications n
      LEFT JOIN notification.notification_reads r ON r.notification_id = n.notification_id AND r.user_id = $1
      WHERE ${clause}`;
    const next = 2 + params.length;
    const [rows, [{ total, unread }]]: [NotificationRow[], { total: number; unread: number }[]] = await inOneSnapshot(
      this.dataSource,
      async (tx) => [
        await tx.query(`SELECT n.*, r.read_at ${from} ORDER BY n.created_at DESC, n.notification_id LIMIT $${next} OFFSET $${next + 1}`, [
          userId,
          ...params,
          page.limit,
          page.offset,
        ]),
        await tx.query(`SELECT count(*)::int AS total, count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread ${from}`, [userId, ...params]),
      ],
    );
    const items = rows.map((n) => ({
      notificationId: n.notification_id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      subjectRef: n.subject_ref,
      groupId: n.group_id,
      createdAt: n.created_at,
      readAt: n.read_at,
    }));
    return { items, total, unread };
  }

  async isVisibleTo(reader: NotificationReader, notificationId: string): Promise<boolean> {
    const { clause, params } = readerClause(reader, 2);
    const [visible] = await this.dataSource.query(`SELECT 1 FROM notification.notifications n WHERE n.notification_id = $1 AND ${clause}`, [
      notificationId,
      ...params,
    ]);
    return Boolean(visible);
  }

  /** Records that `userId` read the notification; reading it again keeps the first time. */
  async markRead(notificationId: string, userId: string, readAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification.notification_reads (notification_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [notificationId, userId, readAt],
    );
  }
}
