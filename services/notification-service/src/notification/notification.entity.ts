import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { NotificationAudience } from './notification.rules';

/** Something a group's users (audience GROUP) or the back office (BACK_OFFICE) should see. */
@Entity({ name: 'notifications' })
export class Notification {
  @PrimaryColumn('uuid', { name: 'notification_id' }) notificationId: string;
  @Column('text') audience: NotificationAudience;
  @Column('text', { name: 'group_id', nullable: true }) groupId: string | null;
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('text') body: string;
  /** The case number or link request the notification is about. */
  @Column('text', { name: 'subject_ref' }) subjectRef: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
