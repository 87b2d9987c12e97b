import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Back office shares its work on link requests: a request's assignee (the analyst's user id and
 * display name, and since when) and its internal notes. Adding nullable columns without a default
 * rewrites no row, however many requests there are.
 */
export class AssignLinkRequestsAndAddNotes1765200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // The three together or none. NOT VALID: every existing row has none, so there is nothing to scan.
    await queryRunner.query(`
      ALTER TABLE link_request.link_requests
        ADD COLUMN assignee_id   text,
        ADD COLUMN assignee_name text,
        ADD COLUMN assigned_at   timestamptz,
        ADD CONSTRAINT link_requests_assignee_whole CHECK (
          (assignee_id IS NULL AND assignee_name IS NULL AND assigned_at IS NULL)
          OR (assignee_id IS NOT NULL AND assignee_name IS NOT NULL AND assigned_at IS NOT NULL)
        ) NOT VALID`);
    // The queue filtered by analyst ("mine", "assigned to Dana"), in the queue's order.
    await queryRunner.query(
      `CREATE INDEX link_requests_by_assignee_idx ON link_request.link_requests (assignee_id, due_date, submitted_at) WHERE assignee_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE link_request.link_request_notes (
        note_id     uuid PRIMARY KEY,
        request_id  uuid NOT NULL REFERENCES link_request.link_requests (request_id),
        seq         bigint GENERATED ALWAYS AS IDENTITY,
        author_id   text NOT NULL,
        author_name text NOT NULL,
        text        text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
        created_at  timestamptz NOT NULL
      )`);
    // A request's thread, oldest first (seq orders notes written at the same instant).
    await queryRunner.query('CREATE INDEX link_request_notes_thread_idx ON link_request.link_request_notes (request_id, created_at, seq)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE link_request.link_request_notes');
    await queryRunner.query('DROP INDEX link_request.link_requests_by_assignee_idx');
    await queryRunner.query(`
      ALTER TABLE link_request.link_requests
        DROP CONSTRAINT link_requests_assignee_whole,
        DROP COLUMN assigned_at,
        DROP COLUMN assignee_name,
        DROP COLUMN assignee_id`);
  }
}
