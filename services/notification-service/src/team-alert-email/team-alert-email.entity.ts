import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TeamAlertEmailStatus } from './team-alert-email.rules';

/** The e-mail to the back-office team address about one SLA-breach notification. */
@Entity({ name: 'team_alert_emails' })
export class TeamAlertEmail {
  @PrimaryColumn('uuid', { name: 'notification_id' }) notificationId: string;
  @Column('text') recipient: string;
  @Column('text') status: TeamAlertEmailStatus;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
}
