import { MigrationInterface, QueryRunner } from 'typeorm';
import { qualifiedTable } from './schema-of';

/**
 * The outbox (events waiting for Kafka) and inbox (events already handled) of one service,
 * in that service's own schema. Each service's first migration calls these.
 */
export async function createMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE "${schema}".outbox (
      seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id     uuid NOT NULL UNIQUE,
      topic        text NOT NULL,
      message_key  text NOT NULL,
      headers      jsonb NOT NULL,
      payload      jsonb NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await queryRunner.query(
    `CREATE INDEX outbox_unpublished_idx ON "${schema}".outbox (seq) WHERE published_at IS NULL`,
  );
  await queryRunner.query(`
    CREATE TABLE "${schema}".inbox (
      consumer    text NOT NULL,
      event_id    uuid NOT NULL,
      topic       text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
}

export async function dropMessagingTables(queryRunner: QueryRunner, schema: string): Promise<void> {
  await queryRunner.query(`DROP TABLE "${schema}".inbox`);
  await queryRunner.query(`DROP TABLE "${schema}".outbox`);
}

/**
 * The outbox's `event_id` loses its unique index. Event ids are made unique where the event is
 * recorded (event-ids.ts) and nothing looks an outbox row up by its id; keeping that index cost each of
 * a 100,000-row roster's events a B-tree insert (about 0.6 s of the import's 3 s outbox write, when the
 * ids were random). Consumers still deduplicate by event id in their inbox.
 * Every service with an outbox lists this migration after the one that created it; the schema comes
 * from its data source.
 */
export class OutboxEventIdNotIndexed1765400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${qualifiedTable(queryRunner.connection, 'outbox')} DROP CONSTRAINT outbox_event_id_key`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${qualifiedTable(queryRunner.connection, 'outbox')} ADD CONSTRAINT outbox_event_id_key UNIQUE (event_id)`);
  }
}

