import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Runs `text` as a statement PostgreSQL parses once per connection and, after a few runs, plans
 * once: a named prepared statement. For statements run on every request (the caller's grants, a
 * link request's facts and its insert, one request with its history): cheap to run and dear to
 * plan — parsing and planning a submission's insert took ~0.3 ms of its ~0.5 ms in PostgreSQL,
 * every time. The text must be fixed (values as `$n` parameters, never spliced in): each distinct
 * text is one more statement kept by every connection of the pool. The name is derived from the
 * text, so two statements cannot clash.
 *
 * Its rows are returned, run in `source`'s transaction when it is one (an EntityManager of a
 * transaction), else on any connection of the pool as its own transaction. A failure is a TypeORM
 * QueryFailedError, as from `query()`.
 *
 * Needs a session per connection (no transaction-mode PgBouncer in front): PostgreSQL replans by
 * itself when a table it reads is altered.
 */
export async function preparedQuery<Row extends object = Record<string, unknown>>(
  source: DataSource | EntityManager,
  text: string,
  params: readonly unknown[],
): Promise<Row[]> {
  const config = { name: statementName(text), text, values: params as unknown[] };
  try {
    const result = await (await connectionOf(source)).query<Row>(config);
    return result.rows;
  } catch (error) {
    throw new QueryFailedError(text, params as unknown[], error as Error);
  }
}

const names = new Map<string, string>();

/** The statement's name on every connection: derived from its text. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `rl_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** Where a statement on `source` runs: the transaction's connection, or the pool. */
async function connectionOf(source: DataSource | EntityManager): Promise<Pick<Pool | PoolClient, 'query'>> {
  if (source instanceof DataSource) return (source.driver as PostgresDriver).master as Pool;
  const runner = source.queryRunner as PostgresQueryRunner | undefined;
  // A transaction's runner holds its connection: connect() hands it back.
  if (runner?.isTransactionActive) return (await runner.connect()) as PoolClient;
  return (source.connection.driver as PostgresDriver).master as Pool;
}
