import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTeamAlertEmailsAndLetterResends1764500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // One e-mail per breach notification: the notification's id (the event's id) is the key.
    await queryRunner.query(`
      CREATE TABLE notification.team_alert_emails (
        notification_id uuid PRIMARY KEY REFERENCES notification.notifications (notification_id),
        recipient       text NOT NULL,
        status          text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
        last_error      text,
        sent_at         timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX team_alert_emails_pending_idx ON notification.team_alert_emails (status) WHERE status = 'PENDING'`);
    // The audit of back-office resends: who, when, and what state the letter was in.
    await queryRunner.query(`
      CREATE TABLE notification.letter_resends (
        resend_id       bigserial PRIMARY KEY,
        letter_id       uuid NOT NULL REFERENCES notification.letters (letter_id),
        requested_by    text NOT NULL,
        previous_status text NOT NULL,
        previous_error  text,
        requested_at    timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX letter_resends_letter_idx ON notification.letter_resends (letter_id, requested_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification.letter_resends');
    await queryRunner.query('DROP TABLE notification.team_alert_emails');
  }
}
