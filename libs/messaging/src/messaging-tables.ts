import { QueryRunner } from 'typeorm';

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
