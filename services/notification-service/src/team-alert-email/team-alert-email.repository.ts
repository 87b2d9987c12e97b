import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TeamAlertEmail } from './team-alert-email.entity';
import { NEW_TEAM_ALERT_EMAIL_STATUS, TEAM_ALERT_EMAIL_STATUSES, TEAM_ALERT_EMAIL_TRANSITIONS, TeamAlertEmailStatus } from './team-alert-email.rules';

/** The e-mails to the back-office team (`notification.team_alert_emails`): every read and write of them. */
@Injectable()
export class TeamAlertEmailRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The alert e-mail of a notification, once, in `tx`: false when it exists already (the same event again). */
  async createOnce(tx: EntityManager, notificationId: string, recipient: string): Promise<boolean> {
    const [created] = await tx.query(
      `INSERT INTO notification.team_alert_emails (notification_id, recipient, status) VALUES ($1, $2, $3)
       ON CONFLICT (notification_id) DO NOTHING RETURNING notification_id`,
      [notificationId, recipient, NEW_TEAM_ALERT_EMAIL_STATUS],
    );
    return Boolean(created);
  }

  async find(notificationId: string): Promise<TeamAlertEmail | null> {
    return this.dataSource.getRepository(TeamAlertEmail).findOneBy({ notificationId });
  }

  /** The ids of the alerts still to send, for the recovery sweep. */
  async pendingIds(): Promise<string[]> {
    const { from } = TEAM_ALERT_EMAIL_TRANSITIONS.send;
    const pending = await this.dataSource.getRepository(TeamAlertEmail).find({ where: { status: from }, select: { notificationId: true } });
    return pending.map((e) => e.notificationId);
  }

  /** How many alerts have each status, every status included (zero when none). */
  async countByStatus(): Promise<Record<TeamAlertEmailStatus, number>> {
    const rows: { status: TeamAlertEmailStatus; n: number }[] = await this.dataSource.query(
      'SELECT status, count(*)::int AS n FROM notification.team_alert_emails GROUP BY status',
    );
    return Object.fromEntries(TEAM_ALERT_EMAIL_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0])) as Record<
      TeamAlertEmailStatus,
      number
    >;
  }

  /** PENDING → SENT. */
  async markSent(notificationId: string, sentAt: Date): Promise<void> {
    const { from, to } = TEAM_ALERT_EMAIL_TRANSITIONS.send;
    await this.dataSource.getRepository(TeamAlertEmail).update({ notificationId, status: from }, { status: to, sentAt, lastError: null });
  }

  /** A failed attempt's error on a PENDING alert; with `failed`, it becomes FAILED too. */
  async recordFailure(notificationId: string, lastError: string, failed: boolean): Promise<void> {
    const { from, to } = TEAM_ALERT_EMAIL_TRANSITIONS.fail;
    await this.dataSource.getRepository(TeamAlertEmail).update({ notificationId, status: from }, { lastError, ...(failed ? { status: to } : {}) });
  }
}
