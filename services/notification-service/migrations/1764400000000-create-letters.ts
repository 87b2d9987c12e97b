import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateLetters1764400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notification.letters (
        letter_id   uuid PRIMARY KEY,
        request_id  uuid NOT NULL,
        kind        text NOT NULL,
        pidsl       text NOT NULL,
        group_id    text NOT NULL,
        status      text NOT NULL CHECK (status IN ('PENDING', 'RENDERED', 'SENT', 'FAILED')),
        recipient   jsonb NOT NULL,
        request     jsonb NOT NULL,
        channel     text,
        last_error  text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        rendered_at timestamptz,
        sent_at     timestamptz,
        -- One letter per request and kind, however often the event arrives.
        UNIQUE (request_id, kind)
      )`);
    await queryRunner.query('CREATE INDEX letters_group_idx ON notification.letters (group_id, created_at DESC)');
    await queryRunner.query(`CREATE INDEX letters_unfinished_idx ON notification.letters (status) WHERE status IN ('PENDING', 'RENDERED')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE notification.letters');
  }
}
