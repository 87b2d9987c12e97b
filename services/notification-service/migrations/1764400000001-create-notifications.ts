import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1764400000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification.notifications (
        notification_id uuid PRIMARY KEY,
        audience        text NOT NULL CHECK (audience IN ('GROUP', 'BACK_OFFICE')),
        group_id        text,
        kind            text NOT NULL,
        title           text NOT NULL,
        body            text NOT NULL,
        subject_ref     text NOT NULL,
        created_at      timestamptz NOT NULL,
        CHECK ((audience = 'GROUP') = (group_id IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX notifications_group_idx ON notification.notifications (group_id, created_at DESC)');
    await queryRunner.query(
      `CREATE INDEX notifications_back_office_idx ON notification.notifications (created_at DESC) WHERE audience = 'BACK_OFFICE'`,
    );
    await queryRunner.query(`
      CREATE TABLE notification.notification_reads (
        notification_id uuid NOT NULL REFERENCES notification.notifications (notification_id),
        user_id         text NOT NULL,
        read_at         timestamptz NOT NULL,
        PRIMARY KEY (notification_id, user_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification.notification_reads');
    await queryRunner.query('DROP TABLE notification.notifications');
  }
}
